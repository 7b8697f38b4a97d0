/**
 * The engine names a stalled request while it waits, over HTTP: one region's ListCertificates is
 * stalled in every account of a small organisation, so each account's wait is reported with its
 * account (the caller's own without one) until the stall is lifted — a condition, not a delay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource } from '../../src/aws/source.js';
import type { InventoryEvent } from '../../src/domain/inventory.js';
import type { WaitingRequests } from '../../src/domain/waiting.js';
import { startEndpoint, syntheticAccount, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const org = syntheticOrganization({ accounts: 3, regions: REGIONS, certificatesPerRegion: 2, now: new Date() });
const [management, ...members] = org.organization.accounts.map((a) => a.account.accountId);

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ ...org, rateScale: 50, stalledOperations: ['acm:ListCertificates@eu-west-1'] });
});
afterAll(() => endpoint.close());

describe('stalled requests in the progress stream', () => {
  it('are reported per account-region while they wait, and cleared once they end', async () => {
    const source = awsInventorySource({
      regions: { kind: 'list', regions: REGIONS },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDWAIT', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' },
      slowRequestMs: 100,
      // The listings' waits alone: the read stages' calls would wait beside them under load.
      stages: [],
    });
    const events: InventoryEvent[] = [];
    let seenAll: WaitingRequests[] | null = null;
    const inventory = await source.load((e) => {
      events.push(e);
      if (e.kind !== 'waiting' || seenAll) return;
      // Every account's eu-west-1 listing is waiting: let them all answer.
      if (e.requests.filter((w) => w.operation === 'ListCertificates').length === 3) {
        seenAll = e.requests;
        endpoint.setFaults({ stalledOperations: [] });
      }
    });
    source.close();

    expect(seenAll).not.toBeNull();
    const waits = seenAll!.map((w) => ({ operation: w.operation, region: w.region, accountId: w.accountId, count: w.count }));
    expect(waits).toEqual(
      expect.arrayContaining([
        // The caller's own account (the management account here) is read with the caller's clients.
        { operation: 'ListCertificates', region: 'eu-west-1', accountId: undefined, count: 1 },
        ...members.map((id) => ({ operation: 'ListCertificates', region: 'eu-west-1', accountId: id, count: 1 })),
      ]),
    );
    expect(seenAll!.every((w) => w.waitedMs >= 100)).toBe(true);
    // Once they answered, the last word on waiting is that nothing waits; the run is complete.
    const lastWaiting = events.filter((e) => e.kind === 'waiting').at(-1);
    expect(lastWaiting).toMatchObject({ requests: [] });
    expect(inventory.regions.every((r) => r.status === 'ok')).toBe(true);
    expect(inventory.account?.id).toBe(management);
  });

  it('a call that times out and is retried keeps its age across the retry, with the attempt it is on', async () => {
    endpoint.setFaults({ stalledOperations: ['acm:ListCertificates@eu-west-1'] });
    const source = awsInventorySource({
      regions: { kind: 'list', regions: ['eu-west-1'] },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDWAIT', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      timeoutMs: 400,
      slowRequestMs: 100,
    });
    let retried: WaitingRequests | null = null;
    await source.load((e) => {
      if (e.kind !== 'waiting' || retried) return;
      const w = e.requests.find((r) => r.operation === 'ListCertificates' && (r.attempt ?? 1) >= 2);
      if (!w) return;
      retried = w;
      endpoint.setFaults({ stalledOperations: [] });
    });
    source.close();
    expect(retried).not.toBeNull();
    // Timed from the first attempt: longer than one attempt's timeout.
    expect(retried!.waitedMs).toBeGreaterThan(400);
  });
});

describe('many calls of one operation at once', () => {
  const REGION = 'eu-west-1';
  const single = syntheticAccount({ count: 12, regions: [REGION], seed: 3, now: new Date() });
  let ep: RunningEndpoint;
  beforeAll(async () => {
    ep = await startEndpoint({ account: single, rateScale: 50, stalledOperations: [`acm:DescribeCertificate@${REGION}`] });
  });
  afterAll(() => ep.close());

  it('are each counted once, on their first attempt, although the SDK shares one middleware chain between them', async () => {
    const source = awsInventorySource({
      regions: { kind: 'list', regions: [REGION] },
      endpoint: ep.url,
      credentials: { accessKeyId: 'AKIDWAIT', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      pacing: { describeCertificate: 400 },
      search: false,
      slowRequestMs: 100,
    });
    const n = single.certificates.length;
    const sent = () => ep.calls.filter((c) => c.operation === 'DescribeCertificate').length;
    const seen: WaitingRequests[] = [];
    let afterAllSent = 0;
    await source.load((e) => {
      if (e.kind !== 'waiting') return;
      seen.push(...e.requests);
      const describes = e.requests.find((w) => w.operation === 'DescribeCertificate');
      if (sent() === n) afterAllSent++;
      // Every call waits, or (were they miscounted) enough scans after the last was sent to know.
      if (describes?.count === n || afterAllSent > 20) ep.setFaults({ stalledOperations: [] });
    });
    source.close();
    const describes = seen.filter((w) => w.operation === 'DescribeCertificate');
    expect(Math.max(...describes.map((w) => w.count))).toBe(n);
    expect(describes.every((w) => w.attempt === undefined)).toBe(true);
    expect(sent()).toBe(n);
  });
});
