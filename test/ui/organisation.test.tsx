import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource } from '../../src/aws/source.js';
import { startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { layoutColumns } from '../../src/ui/state/columns.js';
import { callerHeading } from '../../src/ui/state/overview.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { statusParts } from '../../src/ui/components/status-line.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { KEY, renderApp } from './harness.js';

/** The TUI over the real SDK and the wire-level endpoint: four accounts, one refusing the role. */
const REGIONS = ['us-east-1', 'eu-west-1'];
const org = syntheticOrganization({ accounts: 4, regions: REGIONS, certificatesPerRegion: 3, now: new Date() });
org.organization.accounts[2].refusesRole = true;

describe('the app across an organisation', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ ...org, rateScale: 50 });
  });
  afterAll(() => endpoint.close());

  const source = () =>
    awsInventorySource({
      regions: { kind: 'list', regions: REGIONS },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      pacing: { listCertificates: 400, describeCertificate: 400, listTagsForCertificate: 400, concurrency: 16 },
      scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' },
    });

  it('shows accounts done/total, each account with its certificates and regions, and the failed account with its reason', async () => {
    const h = await renderApp({ source: source(), columns: 150, rows: 40 });
    try {
      const frame = await h.waitForFrame(/accounts 4\/4 · 1 account failed · regions 6\/6 · details 18\/18/, 20_000);
      expect(frame).toMatch(/Accounts 4\/4/);
      expect(frame).toMatch(/✗ member-02\s+100000000002\s+AccessDenied.*\n\s+could not assume role OrganizationAccountAccessRole in member-02/);
      expect(frame).toMatch(/✓ member-01\s+100000000001\s+6 certs\s+✓us-east-1 3 ✓eu-west-1 3/);
      expect(frame).toMatch(/✓ management\s+100000000000\s+6 certs/);
      expect(frame).toMatch(/Organisation[^\n]*\n\s+100000000000 \(read from this account, 4 accounts\)/);

      await h.press('2');
      const table = await h.waitForFrame(/Account/);
      expect(table).toMatch(/18 certificates/);
      expect(table).toMatch(/member-03/);
      // Sort by account: s cycles to it.
      for (let i = 0; i < 12 && !/sorted by account/.test(h.frame()); i++) await h.press('s');
      expect(h.frame()).toMatch(/sorted by account ▲/);
    } finally {
      h.unmount();
    }
  });

  it('Findings: the account has a column of its own; a groups by account, the refused account with its reason', async () => {
    const h = await renderApp({ source: source(), columns: 120, rows: 40, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings });
    try {
      await h.waitForFrame(/accounts 4\/4 · 1 account failed/, 20_000);
      await h.press('3');
      const bySeverity = await h.waitForFrame(/\d+ findings · .*a: by account/);
      // Each finding row names its account whole (the names are short), in a column of its own.
      expect(bySeverity).toMatch(/^ {4}\S+ +\S+ +\S+ +(management|member-0[13]) +(us-east-1|eu-west-1) /m);
      await h.press('a');
      const byAccount = await h.waitForFrame('by account (a: by severity)');
      // The cursor stays on the finding it was on, its account's header above it.
      expect(byAccount).toMatch(/^▸ (management|member-0[13]) 10000000000[013]  \d+ findings?: [^\n]*\n {2}› \S+/m);
      await h.press('g');
      expect(await h.waitForFrame(/^▸ management 100000000000  \d+ findings?: /m)).toMatch(/^▸ management[^\n]*\n {2}› \S+/m);
      // The refused account sits in the list, with its reason; further down when the list is long.
      for (let i = 0; i < 8 && !/✗ member-02/.test(h.frame()); i++) await h.press(KEY.pageDown);
      expect(h.frame()).toMatch(/^✗ member-02 100000000002  not read: AccessDenied: could not assume role/m);
      await h.press('a');
      await h.waitForFrame(/a: by account/);
      expect(h.frame()).not.toMatch(/^▸ /m);
    } finally {
      h.unmount();
    }
  });

  it("the Advisor's evidence speaks for the estate and says how many accounts each line comes from", async () => {
    const h = await renderApp({ source: source(), columns: 150, rows: 40 });
    try {
      await h.waitForFrame(/accounts 4\/4 · 1 account failed/, 20_000);
      await h.press('4');
      // Out of the accounts read: nothing is known of the one that refused the role.
      const frame = await h.waitForFrame('What the 3 accounts read show (1 of 4 could not be read)');
      expect(frame).toMatch(/• \d+ certificates? in use by [A-Za-z ]+ \(in (all 3|[12] of 3) accounts read\)/);
      expect(frame).toMatch(/in (all 3|[12] of 3) accounts read — ↑\/↓ selects it/);
    } finally {
      h.unmount();
    }
  });
});

describe('account state, pure', () => {
  it('keeps one region entry per account, and account progress', () => {
    let s = initialState();
    const ev = (events: Parameters<typeof reducer>[1] extends infer A ? (A extends { type: 'inventory'; events: infer E } ? E : never) : never) =>
      (s = reducer(s, { type: 'inventory', generation: 1, events }));
    ev([
      { kind: 'accounts', accounts: [{ id: '111111111111', name: 'a' }, { id: '222222222222', name: 'b' }] },
      { kind: 'account-started', accountId: '111111111111' },
      { kind: 'regions', regions: ['us-east-1'], accountId: '111111111111' },
      { kind: 'regions', regions: ['us-east-1'], accountId: '222222222222' },
      { kind: 'region-done', region: 'us-east-1', accountId: '111111111111' },
      { kind: 'account-done', accountId: '111111111111', status: 'ok' },
      { kind: 'account-failed', accountId: '222222222222', error: { code: 'AccessDenied', message: 'no' } },
    ]);
    expect(s.regions.map((r) => [r.accountId, r.status])).toEqual([
      ['111111111111', 'ok'],
      ['222222222222', 'pending'],
    ]);
    expect(s.accounts!.map((a) => a.status)).toEqual(['ok', 'error']);
    expect(statusParts({ profile: null, endpoint: null, demo: true, regions: 'all', scope: 'organisation' }, s)).toEqual(
      expect.arrayContaining(['organisation', 'accounts 2/2', '1 account failed']),
    );
  });

  it('names the demo organisation, not the demo account, when several accounts are read', () => {
    expect(callerHeading({ demo: true, scope: 'organisation' }, 5)).toEqual({ title: 'Organisation', note: 'built-in demo organisation, 5 accounts' });
    expect(callerHeading({ demo: true, scope: null }, null)).toEqual({ title: 'Account', note: 'built-in demo account' });
    expect(callerHeading({ demo: false, scope: null }, null)).toEqual({ title: 'Account', note: null });
    expect(callerHeading({ demo: false, scope: '2 account(s)' }, 2)).toEqual({ title: 'Accounts read from', note: '2 accounts' });
  });

  it('shows the Account column only when several accounts are read', () => {
    expect(layoutColumns(160).map((c) => c.id)).not.toContain('account');
    expect(layoutColumns(160, { accounts: true }).map((c) => c.id)).toContain('account');
  });
});
