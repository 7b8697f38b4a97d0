import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/domain/finding.js';
import type { AccountState } from '../../src/domain/inventory.js';
import { initialState, reducer, type AppState } from '../../src/ui/state/app-state.js';
import { layoutColumns } from '../../src/ui/state/columns.js';
import { findingsByAccount, findingsExtent, layoutOf, selectedFinding } from '../../src/ui/state/findings-view.js';
import { accountCell, sharedAccountPrefix } from '../../src/ui/state/format.js';
import { findingsColumns } from '../../src/ui/views/findings.js';

const ACCOUNTS: AccountState[] = [
  { id: '111122223333', name: 'acme-management', status: 'ok', regions: [] },
  { id: '222233334444', name: 'acme-payments-prod', status: 'ok', regions: [] },
  { id: '444455556666', name: 'acme-sandbox', status: 'error', error: { code: 'AccessDenied', message: 'could not assume role' }, regions: [] },
  { id: '555566667777', name: 'acme-payments-staging', status: 'ok', regions: [] },
];

function finding(ruleId: string, severity: Severity, account: number, title: string): Finding {
  const a = ACCOUNTS[account];
  return {
    ruleId,
    severity,
    certificateArn: `arn:aws:acm:us-east-1:${a.id}:certificate/${title}`,
    region: 'us-east-1',
    title,
    detail: '',
    remediation: '',
    accountId: a.id,
    accountName: a.name,
  };
}

const FINDINGS: Finding[] = [
  finding('missing-tags', 'low', 1, 'p-low'),
  finding('weak-key', 'high', 0, 'm-high'),
  finding('expired-in-use', 'critical', 1, 'p-critical'),
  finding('missing-tags', 'low', 0, 'm-low'),
  { ...finding('issuance-quota', 'medium', 0, 'stray'), accountId: '999988887777', accountName: null, certificateArn: null },
];

describe('findings grouped by account (pure)', () => {
  it('a header per account in the order read, with its counts; the failed one with its reason; findings by severity under each', () => {
    const layout = findingsByAccount(FINDINGS, ACCOUNTS);
    const shown = layout.rows.map((r) =>
      r.kind === 'account' ? `${r.name ?? r.id}:${r.count}${r.error ? `:${r.error.code}` : ''}` : r.kind === 'finding' ? `  ${r.finding.title}` : '?',
    );
    expect(shown).toEqual([
      'acme-management:2',
      '  m-high',
      '  m-low',
      'acme-payments-prod:2',
      '  p-critical',
      '  p-low',
      'acme-sandbox:0:AccessDenied',
      'acme-payments-staging:0',
      // A finding naming an account the run did not list is still shown.
      '999988887777:1',
      '  stray',
    ]);
    const header = layout.rows[3];
    expect(header.kind === 'account' && header.counts).toEqual({ critical: 1, high: 0, medium: 0, low: 1, info: 0 });
    expect(layout.ordered.map((f) => f.title)).toEqual(['m-high', 'm-low', 'p-critical', 'p-low', 'stray']);
    expect(layout.counts).toEqual({ critical: 1, high: 1, medium: 1, low: 2, info: 0 });
    // The cursor moves over findings only: headers are lines without one.
    const extent = findingsExtent(layout, 20);
    expect(extent.items!.count).toBe(5);
    expect([...layout.rowOf]).toEqual([1, 2, 4, 5, 9]);
    expect(findingsByAccount(FINDINGS, ACCOUNTS)).toBe(layout);
  });

  it('a toggles the grouping and the cursor stays on the finding it was on', () => {
    let s: AppState = reducer({ ...initialState(), view: 'findings' as const, accounts: ACCOUNTS }, { type: 'findings', generation: 1, findings: FINDINGS });
    // By severity the first finding is p-critical; move to m-high (second).
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'down', extent: findingsExtent(layoutOf(s.findingsView, s.findings!, s.accounts), 20) });
    expect(selectedFinding(s.findingsView, s.findings, s.accounts)?.title).toBe('m-high');
    s = reducer(s, { type: 'findings-group', by: 'account' });
    expect(s.findingsView.by).toBe('account');
    expect(selectedFinding(s.findingsView, s.findings, s.accounts)?.title).toBe('m-high');
    expect(s.findingsView.cursor).toBe(0);
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'bottom', extent: findingsExtent(layoutOf(s.findingsView, s.findings!, s.accounts), 20) });
    expect(selectedFinding(s.findingsView, s.findings, s.accounts)?.title).toBe('stray');
    // A refresh keeps the grouping and the finding.
    const r = reducer(s, { type: 'refresh' });
    s = reducer(r, { type: 'findings', generation: r.load.generation, findings: [...FINDINGS].reverse() });
    expect(s.findingsView.by).toBe('account');
    expect(selectedFinding(s.findingsView, s.findings, s.accounts)?.title).toBe('stray');
    s = reducer(s, { type: 'findings-group', by: 'severity' });
    expect(selectedFinding(s.findingsView, s.findings, s.accounts)?.title).toBe('stray');
    expect(reducer(s, { type: 'findings-group', by: 'severity' })).toBe(s);
  });
});

describe('account cells and widths', () => {
  it('name and id when both fit, then the name, then without the shared prefix, then cut in the middle', () => {
    const prefix = sharedAccountPrefix(ACCOUNTS);
    expect(prefix).toBe('acme-');
    expect(accountCell('acme-payments-prod', '222233334444', 40, prefix)).toBe('acme-payments-prod 222233334444');
    expect(accountCell('acme-payments-prod', '222233334444', 20, prefix)).toBe('acme-payments-prod');
    expect(accountCell('acme-payments-prod', '222233334444', 16, prefix)).toBe('…payments-prod');
    expect(accountCell('acme-payments-staging', '555566667777', 12, prefix)).toBe('…payme…aging');
    expect(accountCell('acme-payments-staging', '555566667777', 12)).toBe('acme-p…aging');
    expect(accountCell(null, '555566667777', 12)).toBe('555566667777');
    // Beside names of different lengths the ids line up.
    expect(accountCell('acme-sandbox', '444455556666', 40, prefix, 21)).toBe('acme-sandbox          444455556666');
    expect(accountCell('acme-payments-staging', '555566667777', 40, prefix, 21)).toBe('acme-payments-staging 555566667777');
    expect(sharedAccountPrefix([{ name: 'prod' }, { name: 'production' }])).toBe('');
    expect(sharedAccountPrefix([{ name: 'acme-a' }, { name: 'acme-' }])).toBe('');
    expect(sharedAccountPrefix([{ name: 'acme-a' }])).toBe('');
  });

  it('the table gives the account its names’ width, the ids too when the domain keeps its room, and stays within the terminal', () => {
    const widths = { name: 21, withId: 34, sharedPrefix: 'acme-' };
    const at = (w: number) => layoutColumns(w, { accounts: true, accountWidths: widths });
    const account = (w: number) => at(w).find((c) => c.id === 'account');
    expect(account(200)).toMatchObject({ width: 34, sharedPrefix: 'acme-', nameWidth: 21 });
    // 160, not 150, since the Hosts column (6 cells and a gap) joined the table.
    expect(account(160)!.width).toBeGreaterThanOrEqual(21);
    expect(account(80)!.width).toBe(16);
    for (const w of [60, 80, 100, 120, 150, 200, 260]) {
      const cols = at(w);
      expect(cols.reduce((n, c) => n + c.width + 1, 0), `width ${w}`).toBeLessThanOrEqual(w);
    }
  });

  it('the findings give the account a column of its own that fits the row', () => {
    for (const w of [80, 120, 200]) {
      const c = findingsColumns(w, 21, 17);
      expect(c.account).toBeGreaterThanOrEqual(13);
      expect(4 + c.severity + c.rule + c.domain + c.account + c.region + c.title, `width ${w}`).toBeLessThanOrEqual(w);
    }
    expect(findingsColumns(200, 21, 17).account).toBe(22);
    expect(findingsColumns(120, 0).account).toBe(0);
  });
});
