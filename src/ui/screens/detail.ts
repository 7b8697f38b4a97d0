/** A certificate's detail pane (Enter on a row or a finding): scrolling, and Esc back to where it came from. */
import { stageSectionsOf } from '../state/selectors.js';
import { detailExtent } from '../views/detail.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';
import { certificateKeys } from './certificate-keys.js';

export const detailKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('detail', (c) => {
      const s = c.state;
      const cert = s.detail ? s.certificates[s.arnIndex.get(s.detail.arn) ?? -1] : undefined;
      return cert ? detailExtent(cert, c.now, s.config.expiryDays, s.size.columns, c.height, s.findings, stageSectionsOf(s, cert)) : null;
    }),
    back: (c) => c.act({ type: 'back' }),
    ...certificateKeys,
  },
};
