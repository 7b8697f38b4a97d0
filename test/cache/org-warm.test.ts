/**
 * A warm start across an organisation, over HTTP: the project's endpoint serves an organisation of three
 * accounts (one refuses the role); the real CLI reads it with --org into a mkdtemp XDG_CACHE_HOME. The next
 * start shows every account whose regions are cached — before any AWS call is answered, marked stale —
 * and `--max-age` reuses every account's details.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { sourceLabel } from '../../src/aws/source-label.js';
import { withInventoryCache } from '../../src/cache/cached-source.js';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runTui } from '../../src/ui/run.js';
import { FakeStdin, FakeStdout, stripAnsi } from '../support/fake-terminal.js';
import { runCli, TEST_KEYS } from '../cli/run-cli.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const org = syntheticOrganization({ accounts: 3, regions: REGIONS, certificatesPerRegion: 3, now: new Date(), seed: 21 });
const [management, readable, refusing] = org.organization.accounts;
refusing!.refusesRole = true;
const SCOPE = { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' };
const shown = [management!, readable!].flatMap((m) => m.account.certificates);

let endpoint: RunningEndpoint;
let home = '';
let xdg = '';
beforeAll(async () => {
  endpoint = await startEndpoint({ ...org, rateScale: 100 });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'acm-advisor-org-home-'));
  xdg = mkdtempSync(join(tmpdir(), 'acm-advisor-org-xdg-'));
  endpoint.resetCalls();
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(xdg, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli(['--org', ...args, '--endpoint-url', endpoint.url, '--regions', REGIONS.join(',')], { ...TEST_KEYS, HOME: home, XDG_CACHE_HOME: xdg });

/** The TUI's source, wired as the CLI wires it (same label, so the same cache entry). */
function warmSource() {
  const regions = { kind: 'list' as const, regions: REGIONS };
  const live = awsInventorySource({ regions, endpoint: endpoint.url, credentials: { accessKeyId: TEST_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_KEYS.AWS_SECRET_ACCESS_KEY }, homeRegion: 'us-east-1', scope: SCOPE });
  const label = sourceLabel({ profile: undefined, endpoint: endpoint.url, regions, scope: SCOPE, origin: { kind: 'api' } });
  const cache = new InventoryCache({ dir: join(xdg, 'acm-advisor'), sourceKey: sourceKey(label), readBack: true, estate: true });
  return { live, source: withInventoryCache({ label, cache, regions: REGIONS, warmStart: true, live: async () => live }) };
}

describe('a warm start across an organisation (over HTTP)', () => {
  it('shows every cached account before any call is answered, stale, then revalidates them all', async () => {
    // A cold --org read through the real binary fills the cache, account by account.
    const cold = await run('inventory', '--format', 'json');
    expect(cold.code).toBe(3);
    const sources = JSON.parse(readFileSync(join(xdg, 'acm-advisor', 'sources.json'), 'utf8'));
    const entry = Object.values(sources.sources)[0] as { accountId: string; accounts: Array<{ id: string; name: string }> };
    expect(entry.accountId).toBe(management!.account.accountId);
    expect(entry.accounts.map((a) => a.name)).toEqual(['management', 'member-01', 'member-02']);

    endpoint.resetCalls();
    const release = endpoint.pause();
    const { live, source } = warmSource();
    const stdout = new FakeStdout(200, 40);
    const stdin = new FakeStdin();
    const done = runTui({
      source,
      color: false,
      configDir: home,
      knowledgeBase: loadKnowledgeBase(),
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    });
    try {
      const frame = () => stripAnsi(stdout.lastFrame());
      stdin.write('2');
      await vi.waitFor(() => expect(frame()).toContain(`${shown.length} certificates`), { timeout: 10_000, interval: 10 });
      // Both readable accounts, from the cache; the refusing one has nothing cached; nothing answered yet.
      expect(frame()).toMatch(/stale: cached \d+ s ago, revalidating/);
      expect(frame()).toMatch(/accounts 0\/2/);
      expect(frame()).toMatch(/regions 0\/4/);
      expect(endpoint.calls.every((c) => c.status === 0)).toBe(true);

      release();
      await vi.waitFor(() => expect(frame()).toContain('loaded'), { timeout: 20_000, interval: 20 });
      expect(frame()).not.toContain('stale:');
      expect(frame()).toMatch(/accounts 3\/3/);
      expect(frame()).toContain(`${shown.length} certificates`);
      stdin.write('q');
      expect(await done).toBe(0);
    } finally {
      release();
      live.close();
    }
  });

  it('--max-age reuses every account’s cached details and says so', async () => {
    expect((await run('inventory', '--format', 'json')).code).toBe(3);
    endpoint.resetCalls();
    const warm = await run('inventory', '--max-age', '1h', '--format', 'json');
    expect(warm.code).toBe(3);
    const json = JSON.parse(warm.stdout) as { certificates: Array<{ accountName: string; detail: { cached?: unknown } }> };
    expect(json.certificates).toHaveLength(shown.length);
    expect(json.certificates.every((c) => c.detail.cached)).toBe(true);
    expect(new Set(json.certificates.map((c) => c.accountName))).toEqual(new Set(['management', 'member-01']));
    expect(endpoint.calls.filter((c) => c.operation === 'DescribeCertificate')).toEqual([]);
    expect(warm.stderr).toMatch(new RegExp(`acm-advisor: ${shown.length} of ${shown.length} certificates' details and tags came from the cache \\(read [^)]* ago, within --max-age 1h`));
  });
});
