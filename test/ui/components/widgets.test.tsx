/**
 * Component tests: one view or widget rendered on its own with ink-testing-library (render, lastFrame,
 * rerender), its props set directly — no app, no loader. The app-level harness (../harness.tsx) and the
 * tmux tests drive the whole program.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAudit } from '../../../src/audit/run.js';
import type { AccountState } from '../../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../../src/domain/thresholds.js';
import { fitHints, footerHints } from '../../../src/ui/components/footer.js';
import { HelpOverlay, helpLines } from '../../../src/ui/components/help-overlay.js';
import { StatusLine } from '../../../src/ui/components/status-line.js';
import { TabBar } from '../../../src/ui/components/tab-bar.js';
import { initialState } from '../../../src/ui/state/app-state.js';
import { INITIAL_FINDINGS_VIEW } from '../../../src/ui/state/findings-view.js';
import { clipboardSequence } from '../../../src/ui/terminal/clipboard.js';
import { FindingsView } from '../../../src/ui/views/findings.js';
import { fixtureCertificates, NOW } from '../fixtures.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  vi.restoreAllMocks();
});
function show(tree: React.ReactElement) {
  const r = render(tree);
  cleanups.push(r.unmount);
  return r;
}

const certificates = fixtureCertificates();
const arnIndex = new Map(certificates.map((c, i) => [c.arn, i]));
const findings = runAudit(certificates, DEFAULT_AUDIT_CONFIG, NOW).findings;
const loaded = { status: 'done' as const, generation: 1, error: null, regionsTotal: 2 };
const label = { profile: 'prod', endpoint: null, demo: false, regions: ['eu-west-1', 'us-east-1'] };

describe('FindingsView', () => {
  const props = { certificates, arnIndex, view: INITIAL_FINDINGS_VIEW, load: 'done' as const, auditing: true, width: 100, height: 20 };

  it('draws the same hooks whether the findings are in or not (no hook-order warning)', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = show(<FindingsView {...props} findings={null} />);
    expect(r.lastFrame()).toContain('auditing…');
    r.rerender(<FindingsView {...props} findings={findings} />);
    expect(r.lastFrame()).toMatch(/\d+ findings/);
    r.rerender(<FindingsView {...props} findings={null} />);
    expect(errors.mock.calls.flat().join(' ')).not.toMatch(/order of Hooks|Rendered (more|fewer) hooks/);
  });

  it('shows the query, what it keeps out of all, and says so when it keeps nothing', () => {
    const kept = show(<FindingsView {...props} findings={findings} editing view={{ ...INITIAL_FINDINGS_VIEW, query: 'weak', shown: { from: findings, findings: findings.filter((f) => f.ruleId === 'weak-key') } }} />);
    expect(kept.lastFrame()).toMatch(/\/weak█ +1 of \d+ finding/);
    const none = show(<FindingsView {...props} findings={findings} view={{ ...INITIAL_FINDINGS_VIEW, query: 'zzz', shown: { from: findings, findings: [] } }} />);
    expect(none.lastFrame()).toContain('No finding matches /zzz — Esc clears the filter.');
  });
});

describe('HelpOverlay', () => {
  it('scrolls: the title says which lines are shown, and the last ones can be reached', () => {
    const total = helpLines('certificates').length;
    const top = show(<HelpOverlay width={80} height={12} screen="certificates" />);
    expect(top.lastFrame()).toContain(`1–9 of ${total}`);
    const end = show(<HelpOverlay width={80} height={12} screen="certificates" scroll={total} />);
    expect(end.lastFrame()).toContain(`${total - 8}–${total} of ${total}`);
    expect(end.lastFrame()).toContain('Ctrl+C');
  });
});

describe('StatusLine', () => {
  const state = { ...initialState({ columns: 80, rows: 24 }), load: loaded, account: { id: '123456789012', arn: 'arn:aws:iam::123456789012:root' } };

  it('at 80 columns keeps the state word and drops the detail first', () => {
    const frame = show(<StatusLine label={label} state={state} width={80} />).lastFrame()!;
    expect(frame).toMatch(/ loaded$/);
    expect(frame).not.toContain('eu-west-1,us-east-1');
    expect([...frame].length).toBeLessThanOrEqual(80);
    const wide = show(<StatusLine label={label} state={state} width={200} />).lastFrame()!;
    expect(wide).toContain('profile prod');
    expect(wide).toContain('eu-west-1,us-east-1');
  });

  it('at 120 columns across an organisation still ends with the state word', () => {
    const accounts: AccountState[] = Array.from({ length: 12 }, (_, i) => ({ id: String(100000000000 + i), name: `team-${i}`, status: 'ok', regions: [] }));
    const org = { ...state, accounts };
    const frame = show(<StatusLine label={{ ...label, scope: 'organisation', regions: 'all' }} state={org} width={120} />).lastFrame()!;
    expect(frame).toMatch(/accounts 12\/12.* loaded$/);
  });
});

describe('TabBar and Footer', () => {
  it('every tab fits at 60 columns', () => {
    const frame = show(<TabBar view="findings" width={60} badge={{ findings: '61' }} />).lastFrame()!;
    expect(frame).toMatch(/1 Overview.*2 Certs.*\[?3 Findings 61\]?.*4 Advisor.*5 Report/);
    expect([...frame].length).toBeLessThanOrEqual(60);
  });

  it('help and quit are never the hints that give way', () => {
    const hints = fitHints(footerHints({ mode: 'normal', screen: 'findings' }), 40).map((h) => h.label);
    expect(hints).toContain('?');
    expect(hints).toContain('q');
    expect(hints.length).toBeLessThan(footerHints({ mode: 'normal', screen: 'findings' }).length);
  });
});

describe('the clipboard sequence', () => {
  const arn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
  const payload = Buffer.from(arn).toString('base64');

  it('is OSC 52 with the text in base64', () => {
    expect(clipboardSequence(arn, false)).toBe(`\u001b]52;c;${payload}\u0007`);
  });

  it('in tmux is sent plain and again through the passthrough, its escapes doubled', () => {
    expect(clipboardSequence(arn, true)).toBe(`\u001b]52;c;${payload}\u0007\u001bPtmux;\u001b\u001b]52;c;${payload}\u0007\u001b\\`);
  });
});
