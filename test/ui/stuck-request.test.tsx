/**
 * A request that does not answer, seen from the app: the real AWS source over HTTP against the
 * project's endpoint, one region's ListCertificates stalled (it never answers until the fault is
 * lifted). The status line and the Overview say what is stuck while the keys keep working; lifting
 * the stall lets the request end, and the marker goes. Every step waits on what the frame shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource } from '../../src/aws/source.js';
import { startEndpoint, syntheticAccount, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { renderApp } from './harness.js';

const STUCK = 'eu-west-1';
const account = syntheticAccount({ count: 6, regions: [STUCK, 'us-east-1'], seed: 5, now: new Date() });
let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100, stalledOperations: [`acm:ListCertificates@${STUCK}`] });
});
afterAll(() => endpoint.close());

const statusLine = (frame: string) => frame.split('\n')[0];
/** The Overview's line for a region: its mark, then its name. */
const regionLine = (frame: string, region: string) => frame.split('\n').find((l) => new RegExp(`^\\s+\\S ${region}\\s`).test(l)) ?? '';

describe('a stalled request in the app', () => {
  it('is named in the status line and marked in the Overview while keys still work, and goes when it ends', async () => {
    const source = awsInventorySource({
      regions: { kind: 'list', regions: [STUCK, 'us-east-1'] },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDSTUCK', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      // Named after a fifth of a second, so the test does not sit through the default 5 s.
      slowRequestMs: 200,
    });
    const h = await renderApp({ source, columns: 120, rows: 40 });
    try {
      const waiting = /waiting \d+(\.\d)? s on ListCertificates in eu-west-1/;
      await h.waitForFrame((f) => waiting.test(statusLine(f)), 15_000);
      // The other region finished meanwhile; the stalled one is marked as waiting, with what it waits on.
      await h.waitForFrame((f) => regionLine(f, 'us-east-1').includes('✓'), 15_000);
      const stuck = regionLine(h.frame(), STUCK);
      expect(stuck).toMatch(/◷ eu-west-1 +ListCertificates waiting \d+(\.\d)? s · 0\/0/);
      expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates' && c.region === STUCK).every((c) => c.status === 0)).toBe(true);

      // The keys still work: to the certificate table and back, the wait still named on top.
      await h.press('2');
      const table = await h.waitForFrame(/\d+ certificates/);
      expect(statusLine(table)).toMatch(waiting);
      await h.press('1');
      await h.waitForFrame((f) => regionLine(f, STUCK).includes('◷'));

      // The stall lifts: the request answers, the region loads, and nothing is said to wait any more.
      endpoint.setFaults({ stalledOperations: [] });
      const done = await h.waitForFrame((f) => statusLine(f).includes('loaded') && !f.includes('waiting ') && !f.includes('◷'), 15_000);
      expect(regionLine(done, STUCK)).toContain('✓');
      await h.press('q');
      expect(h.exitCodes).toEqual([0]);
    } finally {
      h.unmount();
      source.close();
    }
  });

  it('q quits at once while a request still waits', async () => {
    endpoint.setFaults({ stalledOperations: [`acm:ListCertificates@${STUCK}`] });
    endpoint.resetCalls();
    const source = awsInventorySource({
      regions: { kind: 'list', regions: [STUCK] },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDSTUCK', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      slowRequestMs: 200,
    });
    const h = await renderApp({ source, columns: 120, rows: 40 });
    try {
      await h.waitForFrame((f) => /waiting \d+(\.\d)? s on ListCertificates in eu-west-1/.test(statusLine(f)), 15_000);
      await h.press('q');
      expect(h.exitCodes).toEqual([0]);
      // Still unanswered: quitting did not wait for it.
      expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates').map((c) => c.status)).toEqual([0]);
    } finally {
      h.unmount();
      source.close();
      endpoint.setFaults({ stalledOperations: [] });
    }
  });
});

describe('a stalled request across an organisation', () => {
  const org = syntheticOrganization({ accounts: 3, regions: ['us-east-1', STUCK], certificatesPerRegion: 2, now: new Date() });
  let orgEndpoint: RunningEndpoint;
  beforeAll(async () => {
    orgEndpoint = await startEndpoint({ ...org, rateScale: 50, stalledOperations: [`acm:ListCertificates@${STUCK}`] });
  });
  afterAll(() => orgEndpoint.close());

  it('names each account’s wait and marks the accounts as waiting until the region answers', async () => {
    const source = awsInventorySource({
      regions: { kind: 'list', regions: ['us-east-1', STUCK] },
      endpoint: orgEndpoint.url,
      credentials: { accessKeyId: 'AKIDSTUCK', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' },
      slowRequestMs: 200,
    });
    const h = await renderApp({ source, columns: 120, rows: 40 });
    try {
      // The caller's own account by region alone, each member as account/region; every account marked.
      // Exactly the three stalled ones: on a loaded machine other requests wait > 0.2 s for a while too ("13 requests").
      const frame = await h.waitForFrame((f) => /(?<!\d)3 requests waiting > 0\.2 s: ListCertificates in /.test(statusLine(f)) && (f.match(/◷ (management|member-0\d)/g) ?? []).length === 3, 15_000);
      // Cut short at 120 columns so the state word stays; the whole sentence is the engine test's.
      expect(statusLine(frame)).toMatch(/ListCertificates in eu-west-1 [\d.]+ s, ListCertificates.*… · loading…$/);
      // Too narrow for every region's mark: the waiting ones are named.
      expect(frame, frame).toMatch(/◷ member-01\s+100000000001\s+\d+ certs\s+◷eu-west-1/);
      orgEndpoint.setFaults({ stalledOperations: [] });
      // Every account read, nothing waiting.
      const done = await h.waitForFrame((f) => /Accounts 3\/3/.test(f) && !f.includes('◷'), 15_000);
      expect(statusLine(done)).not.toMatch(/waiting/);
      expect(done).toMatch(/✓ member-01\s+100000000001\s+4 certs/);
    } finally {
      h.unmount();
      source.close();
    }
  });
});
