/**
 * The app's warm start over HTTP: the real AWS source against the project's endpoint, the real cache
 * in a mkdtemp folder, the real runTui. The endpoint holds its answers, so the order is certain: the
 * cached rows must be on screen while no AWS call has been answered yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { withInventoryCache } from '../../src/cache/cached-source.js';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { startEndpoint, syntheticAccount, type RunningEndpoint, type StoredCertificate } from '../../src/endpoint/index.js';
import { runTui } from '../../src/ui/run.js';
import { FakeStdin, FakeStdout, stripAnsi } from '../support/fake-terminal.js';

const REGION = 'eu-west-1';
const account = syntheticAccount({ count: 8, regions: [REGION], seed: 9, now: new Date() });
let endpoint: RunningEndpoint;
let dir = '';
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-warm-'));
  endpoint.resetCalls();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function source() {
  const live = awsInventorySource({ regions: { kind: 'list', regions: [REGION] }, endpoint: endpoint.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, homeRegion: 'us-east-1' });
  const label = { ...live.label, endpoint: 'test' };
  const cache = new InventoryCache({ dir, sourceKey: sourceKey(label), readBack: true });
  return { live, source: withInventoryCache({ label, cache, regions: [REGION], warmStart: true, live: async () => live }) };
}

describe('the app on a warm cache (over HTTP)', () => {
  it('paints the cached rows before any AWS call is answered, marked stale, then replaces the certificate whose status changed', async () => {
    // A first, cold read fills the cache.
    const first = source();
    await first.source.load(() => {});
    first.live.close();

    const changed = account.certificates.find((c) => c.status === 'ISSUED') as StoredCertificate;
    changed.status = 'REVOKED';
    changed.revokedAt = new Date();
    endpoint.resetCalls();
    const release = endpoint.pause();
    const { live, source: warm } = source();
    const stdout = new FakeStdout(160, 40);
    const stdin = new FakeStdin();
    const done = runTui({
      source: warm,
      color: false,
      configDir: dir,
      knowledgeBase: loadKnowledgeBase(),
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    });
    try {
      const frame = () => stripAnsi(stdout.lastFrame());
      stdin.write('2');
      await vi.waitFor(() => expect(frame()).toContain(`${account.certificates.length} certificates`), { timeout: 10_000, interval: 10 });
      // On screen from the cache, and no AWS call has been answered.
      expect(frame()).toMatch(/stale: cached \d+ s ago, revalidating/);
      expect(frame()).toContain(changed.domainName);
      expect(endpoint.calls.every((c) => c.status === 0)).toBe(true);
      const row = () => frame().split('\n').find((l) => l.includes(changed.domainName)) ?? '';
      expect(row()).not.toMatch(/revoked/i);

      release();
      await vi.waitFor(() => expect(frame()).toContain('loaded'), { timeout: 20_000, interval: 20 });
      expect(row()).toMatch(/revoked/i);
      expect(frame()).not.toContain('stale:');
      expect(endpoint.calls.filter((c) => c.operation === 'DescribeCertificate').length).toBe(account.certificates.length);
      stdin.write('q');
      expect(await done).toBe(0);
    } finally {
      release();
      live.close();
      changed.status = 'ISSUED';
      delete changed.revokedAt;
    }
  });
});
