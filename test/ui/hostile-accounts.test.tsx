import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { AccountState, Inventory, InventoryEvent, InventorySource } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, NOW } from './fixtures.js';
import { renderApp } from './harness.js';

/** Account names come from AWS Organizations, which anyone with the right permission can set: data, never markup. */
const EVIL = 'ops\u001b]0;pwned\u0007\u001b[2J\u202eevil';
const ACCOUNTS: AccountState[] = [
  { id: '111122223333', name: `mgmt-${EVIL}`, status: 'ok', regions: [] },
  { id: '222233334444', name: `shop-${EVIL}`, status: 'ok', regions: [] },
  { id: '444455556666', name: `sandbox-${EVIL}`, status: 'error', error: { code: 'AccessDenied', message: `no role\u001b]8;;http://evil.example\u0007 ${EVIL}` }, regions: [] },
];

function certificates(): Certificate[] {
  return [0, 1].flatMap((i) =>
    ['a', 'b'].map((k) => {
      const c = cert(`${k}${i}`, 'us-east-1', { tags: {}, notAfter: new Date(NOW.getTime() + 10 * 86_400_000).toISOString() });
      return { ...c, arn: c.arn.replace(/:\d{12}:/, `:${ACCOUNTS[i].id}:`), accountId: ACCOUNTS[i].id, accountName: ACCOUNTS[i].name };
    }),
  );
}

function orgSource(): InventorySource {
  const certs = certificates();
  const inventory: Inventory = {
    generatedAt: NOW.toISOString(),
    account: { id: ACCOUNTS[0].id, arn: `arn:aws:iam::${ACCOUNTS[0].id}:root` },
    regions: ACCOUNTS.slice(0, 2).map((a) => ({ region: 'us-east-1', accountId: a.id, status: 'ok' as const, listed: 2, described: 2 })),
    accounts: ACCOUNTS.map((a, i) => ({ ...a, regions: i < 2 ? [{ region: 'us-east-1', accountId: a.id, status: 'ok' as const, listed: 2, described: 2 }] : [] })),
    certificates: certs,
    warnings: [],
  };
  return {
    label: { profile: 'p', endpoint: null, demo: false, regions: ['us-east-1'], scope: 'organisation' },
    async load(onEvent) {
      const events: InventoryEvent[] = [
        { kind: 'identity', account: inventory.account },
        { kind: 'accounts', accounts: ACCOUNTS.map(({ id, name }) => ({ id, name })) },
        { kind: 'account-failed', accountId: ACCOUNTS[2].id, error: ACCOUNTS[2].error! },
      ];
      for (const a of ACCOUNTS.slice(0, 2)) {
        events.push({ kind: 'account-started', accountId: a.id }, { kind: 'regions', regions: ['us-east-1'], accountId: a.id });
        events.push({ kind: 'summaries', region: 'us-east-1', accountId: a.id, certificates: certs.filter((c) => c.accountId === a.id) });
        events.push({ kind: 'region-done', region: 'us-east-1', accountId: a.id }, { kind: 'account-done', accountId: a.id, status: 'ok' });
      }
      for (const e of events) onEvent(e);
      onEvent({ kind: 'done', inventory });
      return inventory;
    },
  };
}

const inert = (raw: string) => {
  expect(raw).not.toContain('\u001b]');
  expect(raw).not.toContain('\u0007');
  expect(raw).not.toContain('\u202e');
  expect(raw).not.toContain('\u001b[2J');
};

describe('hostile account names in every view', () => {
  it('Overview, table, Findings by severity and by account, Advisor and Report show them inert', async () => {
    const h = await renderApp({ source: orgSource(), columns: 160, rows: 40, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings });
    try {
      inert((await h.waitForFrame(/Accounts 3\/3/), h.rawFrame()));
      for (const key of ['2', '3', 'a', '4', '5']) {
        await h.press(key);
        const frame = await h.waitForFrame(
          key === '2' ? /Account/ : key === '3' ? /a: by account/ : key === 'a' ? /✗ sandbox-/ : key === '4' ? /What the 2 accounts read show/ : /## Findings|ACM report/,
        );
        if (key !== '4') expect(frame, key).toMatch(/ops/);
        inert(h.rawFrame());
      }
    } finally {
      h.unmount();
    }
  });
});
