/**
 * Findings (key 3): moving over the findings, Enter to open the selected finding's certificate, a to group by
 * account or severity, / to filter them, s/S to sort them, y/o for the selected finding's certificate.
 */
import { findingsExtent, findingsListHeight, jumpTarget, layoutOf } from '../state/findings-view.js';
import type { ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';
import { certificateKeys } from './certificate-keys.js';

export const findingsKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('findings', (c) => (c.state.findings ? findingsExtent(layoutOf(c.state.findingsView, c.state.findings, c.state.accounts), findingsListHeight(c.height)) : null)),
    'findings.open': (c) => {
      const s = c.state;
      const target = jumpTarget(s.findingsView, s.findings, s.arnIndex, s.accounts);
      if (target && 'arn' in target) c.act({ type: 'open-certificate', arn: target.arn, from: 'findings' });
      else if (target) c.act({ type: 'findings-notice', notice: target.notice });
    },
    ...certificateKeys,
    'filter.open': (c) => c.act({ type: 'findings-query-open' }),
    'filter.confirm': (c) => c.act({ type: 'findings-query-close', keep: true }),
    'filter.cancel': (c) => c.act({ type: 'findings-query-close', keep: false }),
    'filter.backspace': (c) => c.act({ type: 'findings-query', query: [...(c.state.findingsView.query ?? '')].slice(0, -1).join('') }),
    'sort.next': (c) => c.act({ type: 'findings-sort-next' }),
    'sort.reverse': (c) => c.act({ type: 'findings-sort-reverse' }),
    'findings.group': (c) => c.act({ type: 'findings-group', by: c.state.findingsView.by === 'account' ? 'severity' : 'account' }),
  },
  text: (c, text) => c.act({ type: 'findings-query', query: (c.state.findingsView.query ?? '') + text }),
};
