/**
 * y and o on every screen with a selected certificate (a table row, the opened detail, a finding's):
 * copy its ARN to the clipboard, or show (and copy) its page in the AWS console. Where nothing is
 * selected the key says why instead of doing nothing.
 */
import { certificateConsoleUrl } from '../../domain/console-url.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { selectedFinding } from '../state/findings-view.js';
import { clampScroll, listExtent } from '../state/scroll.js';
import { tableHeight } from '../views/certificates.js';
import type { CommandHandler, ScreenContext } from './context.js';

/** The certificate on the table's cursor row as drawn (clamped to rows that may have shrunk since it moved), or null. */
export function tableCursorArn(c: ScreenContext): string | null {
  const rows = c.rows();
  if (rows.length === 0) return null;
  const { cursor } = clampScroll(c.state.table, listExtent(rows.length, tableHeight(c.height)));
  return c.state.certificates[rows[cursor]].arn;
}

/** The ARN of the certificate the screen has selected, or why there is none. */
function selectedArn(c: ScreenContext): { arn: string } | { none: string } {
  const s = c.state;
  if (s.view === 'certificates' && s.detail) return { arn: s.detail.arn };
  if (s.view === 'certificates') {
    const arn = tableCursorArn(c);
    return arn === null ? { none: 'no certificate is listed' } : { arn };
  }
  if (s.view === 'findings') {
    const f = selectedFinding(s.findingsView, s.findings, s.accounts);
    if (!f) return { none: 'no finding is selected' };
    if (!f.certificateArn) return { none: 'this finding is about the account, not a certificate' };
    return { arn: f.certificateArn };
  }
  return { none: 'no certificate is selected here' };
}

export const copyArn: CommandHandler = (c) => {
  const picked = selectedArn(c);
  if ('none' in picked) return c.act({ type: 'notice', text: `y: nothing to copy — ${picked.none}` });
  c.copy(picked.arn);
  c.act({ type: 'notice', text: `Copied ${sanitiseForTerminal(picked.arn)}` });
};

export const openConsole: CommandHandler = (c) => {
  const picked = selectedArn(c);
  if ('none' in picked) return c.act({ type: 'notice', text: `o: no console page — ${picked.none}` });
  const url = certificateConsoleUrl(picked.arn);
  if (!url) return c.act({ type: 'notice', text: 'o: no console page — the ARN is not an ACM certificate ARN this tool can link to' });
  // Copied as well as shown: a narrow footer cuts a long URL, the clipboard keeps all of it.
  c.copy(url);
  c.act({ type: 'notice', text: `Console URL (copied): ${url}` });
};

export const certificateKeys = { 'copy.arn': copyArn, 'open.console': openConsole } as const;
