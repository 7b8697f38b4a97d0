/** The certificate table (key 2) and its filter input: moving, opening, sorting, filtering, going back. */
import { listExtent, clampScroll } from '../state/scroll.js';
import { tableHeight } from '../views/certificates.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';
import { certificateKeys } from './certificate-keys.js';

export const certificatesKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('table', (c) => listExtent(c.rows().length, tableHeight(c.height))),
    open: (c) => {
      c.settleFilter();
      const rows = c.rows();
      if (rows.length === 0) return;
      // The cursor as drawn: clamped to rows that may have shrunk since it moved.
      const { cursor } = clampScroll(c.state.table, listExtent(rows.length, tableHeight(c.height)));
      c.act({ type: 'open-detail', arn: c.state.certificates[rows[cursor]].arn });
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
