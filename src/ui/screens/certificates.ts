/** The certificate table (key 2) and its filter input: moving, opening, sorting, filtering, going back. */
import { listExtent } from '../state/scroll.js';
import { tableHeight } from '../views/certificates.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';
import { certificateKeys, tableCursorArn } from './certificate-keys.js';

export const certificatesKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('table', (c) => listExtent(c.rows().length, tableHeight(c.height))),
    open: (c) => {
      c.settleFilter();
      const arn = tableCursorArn(c);
      if (arn !== null) c.act({ type: 'open-detail', arn });
    },
    back: (c) => c.act({ type: 'back' }),
    ...certificateKeys,
    'sort.next': (c) => c.act({ type: 'sort-next' }),
    'sort.reverse': (c) => c.act({ type: 'sort-reverse' }),
    'filter.confirm': (c) => {
      c.settleFilter();
      c.act({ type: 'filter-confirm' });
    },
    'filter.cancel': (c) => c.act({ type: 'filter-cancel' }),
    'filter.backspace': (c) => c.act({ type: 'filter-changed', input: [...c.state.filter.input].slice(0, -1).join('') }),
  },
  text: (c, text) => c.act({ type: 'filter-changed', input: c.state.filter.input + text }),
};
