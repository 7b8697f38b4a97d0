/** Findings (key 3): moving over the findings, and Enter to open the selected finding's certificate. */
import { findingsExtent, findingsLayout, findingsListHeight, jumpTarget } from '../state/findings-view.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';

export const findingsKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('findings', (c) => (c.state.findings ? findingsExtent(findingsLayout(c.state.findings), findingsListHeight(c.height)) : null)),
    'findings.open': (c) => {
      const s = c.state;
      const target = jumpTarget(s.findingsView, s.findings, s.arnIndex);
      if (target && 'arn' in target) c.act({ type: 'open-certificate', arn: target.arn, from: 'findings' });
      else if (target) c.act({ type: 'findings-notice', notice: target.notice });
    },
  },
};
