/**
 * The inventory cache from the command line: the real binary, the real SDK, the project's endpoint
 * over HTTP. Every run gets its own HOME and XDG_CACHE_HOME (mkdtemp), removed afterwards.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEndpoint, syntheticAccount, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { StoredCertificate } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS, withoutDnsNotice } from '../cli/run-cli.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const account = syntheticAccount({ count: 24, regions: REGIONS, seed: 5, now: new Date() });
let endpoint: RunningEndpoint;
let home = '';
let xdg = '';

beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'acm-advisor-cache-home-'));
  xdg = mkdtempSync(join(tmpdir(), 'acm-advisor-cache-xdg-'));
  endpoint.resetCalls();
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(xdg, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  runCli([...args, '--endpoint-url', endpoint.url, '--regions', REGIONS.join(',')], { ...TEST_KEYS, HOME: home, XDG_CACHE_HOME: xdg });
const describes = () => endpoint.calls.filter((c) => c.operation === 'DescribeCertificate' && c.status === 200);
const accountDir = () => join(xdg, 'acm-advisor', 'accounts', account.accountId);
const mode = (p: string) => statSync(p).mode & 0o777;

interface JsonCert {
  arn: string;
  status: string;
  tags: Record<string, string> | null;
  detail: { state: string; cached?: { describedAt: string } };
}

describe('the inventory cache (CLI over HTTP)', () => {
  it('a live read saves every region 0600 under XDG_CACHE_HOME; --max-age then reuses unchanged details with their tags and re-reads the changed one', async () => {
    const first = await run('inventory', '--format', 'json');
    expect(first.code).toBe(0);
    expect(withoutDnsNotice(first.stderr)).toBe('');
    expect(describes()).toHaveLength(account.certificates.length);
    // Region files beside the stages' folder (each stage's reads are cached under stages/).
    const regionFiles = () => readdirSync(accountDir()).filter((f) => f.endsWith('.json'));
    expect(regionFiles().sort()).toEqual(['eu-west-1.json', 'us-east-1.json']);
    // The built-in stages have no section: what they read is in those records (docs/architecture.md).
    for (const builtIn of ['search', 'tags']) expect(existsSync(join(accountDir(), 'stages', builtIn))).toBe(false);
    for (const f of regionFiles()) expect(mode(join(accountDir(), f))).toBe(0o600);
    expect(mode(join(xdg, 'acm-advisor'))).toBe(0o700);
    // Nothing under HOME when XDG_CACHE_HOME is set.
    expect(existsSync(join(home, '.cache'))).toBe(false);

    // Without --max-age the CLI reads live: every certificate described again.
    endpoint.resetCalls();
    const live = await run('inventory', '--format', 'json');
    expect(describes()).toHaveLength(account.certificates.length);
    expect((JSON.parse(live.stdout).certificates as JsonCert[]).every((c) => !c.detail.cached)).toBe(true);

    // One certificate changes on the endpoint (ACM revokes it); it and another one are retagged.
    const changed = account.certificates.find((c) => c.status === 'ISSUED' && c.tags.length > 0) as StoredCertificate;
    const quiet = account.certificates.find((c) => c !== changed && c.tags.length > 0) as StoredCertificate;
    const tagsBefore = [changed, quiet].map((c) => ({ ...c.tags[0] }));
    changed.status = 'REVOKED';
    changed.revokedAt = new Date();
    changed.revocationReason = 'KEY_COMPROMISE';
    changed.tags[0].value = 'retagged';
    quiet.tags[0].value = 'retagged';
    try {
      endpoint.resetCalls();
      const warm = await run('inventory', '--max-age', '1h', '--format', 'json');
      expect(warm.code).toBe(0);
      expect(describes()).toHaveLength(1);
      expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates').length).toBeGreaterThan(0);
      // Tags are read only for the certificate described again: one GetResources call by ARN, in its region.
      expect(endpoint.calls.filter((c) => c.operation === 'GetResources').map((c) => c.region)).toEqual([changed.region]);
      const json = JSON.parse(warm.stdout) as { regions: Array<{ region: string; cachedDetails?: { count: number } }>; certificates: Array<JsonCert & { revocationReason: string }> };
      expect(json.certificates).toHaveLength(account.certificates.length);
      const again = json.certificates.find((c) => c.arn === changed.arn)!;
      expect(again).toMatchObject({ status: 'REVOKED', revocationReason: 'KEY_COMPROMISE', detail: { state: 'complete' } });
      expect(again.detail.cached).toBeUndefined();
      expect(again.tags?.[tagsBefore[0].key]).toBe('retagged');
      // A reused certificate keeps the tags read with its details (the notice below says so).
      const kept = json.certificates.find((c) => c.arn === quiet.arn)!;
      expect(kept.detail.cached).toBeDefined();
      expect(kept.tags?.[tagsBefore[1].key]).toBe(tagsBefore[1].value);
      const reused = json.certificates.filter((c) => c.detail.cached);
      expect(reused).toHaveLength(account.certificates.length - 1);
      expect(json.regions.reduce((n, r) => n + (r.cachedDetails?.count ?? 0), 0)).toBe(account.certificates.length - 1);
      // Said once on stderr, with the age.
      expect(withoutDnsNotice(warm.stderr).trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^acm-advisor: ${account.certificates.length - 1} of ${account.certificates.length} certificates' details and tags came from the cache \\(read \\d+ s ago, within --max-age 1h; the rest were read now\\)$`)),
      ]);

      // The audit says so too, per region in its JSON.
      endpoint.resetCalls();
      const audit = await run('audit', '--max-age', '15m', '--format', 'json');
      expect(describes()).toHaveLength(0);
      expect(endpoint.calls.filter((c) => c.operation === 'GetResources')).toHaveLength(0);
      expect(endpoint.calls.filter((c) => c.operation === 'SearchCertificates').length).toBeGreaterThan(0);
      const findings = JSON.parse(audit.stdout) as { cachedDetails: Array<{ region: string; count: number; oldestDescribedAt: string }> };
      expect(findings.cachedDetails.map((r) => r.region)).toEqual(REGIONS.slice().sort());
      expect(findings.cachedDetails.reduce((n, r) => n + r.count, 0)).toBe(account.certificates.length);
    } finally {
      changed.status = 'ISSUED';
      delete changed.revokedAt;
      delete changed.revocationReason;
      changed.tags[0] = tagsBefore[0];
      quiet.tags[0] = tagsBefore[1];
    }
  });

  it('--no-cache neither writes nor reads', async () => {
    const r = await run('--no-cache', 'inventory', '--format', 'json');
    expect(r.code).toBe(0);
    expect(readdirSync(xdg)).toEqual([]);
    expect(existsSync(join(home, '.cache'))).toBe(false);
    // Default location (no XDG_CACHE_HOME): ~/.cache/acm-advisor — and still nothing with --no-cache.
    const plain = await runCli(['--no-cache', 'audit', '--endpoint-url', endpoint.url, '--regions', 'eu-west-1'], { ...TEST_KEYS, HOME: home });
    expect(plain.code).toBe(0);
    expect(readdirSync(home)).toEqual([]);
    const cached = await runCli(['audit', '--endpoint-url', endpoint.url, '--regions', 'eu-west-1'], { ...TEST_KEYS, HOME: home });
    expect(cached.code).toBe(0);
    expect(readdirSync(join(home, '.cache', 'acm-advisor', 'accounts', account.accountId)).filter((f) => f.endsWith('.json'))).toEqual(['eu-west-1.json']);
  });

  it('a corrupt cache file: one warning, set aside, a fresh read, nothing lost', async () => {
    expect((await run('audit')).code).toBe(0);
    const file = join(accountDir(), 'eu-west-1.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    endpoint.resetCalls();
    const r = await run('inventory', '--max-age', '1h', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { certificates: JsonCert[] };
    expect(json.certificates).toHaveLength(account.certificates.length);
    const inEu = account.certificates.filter((c) => c.region === 'eu-west-1').length;
    // The corrupt region was read afresh; the other came from the cache.
    expect(describes()).toHaveLength(inEu);
    expect(json.certificates.filter((c) => c.detail.cached)).toHaveLength(account.certificates.length - inEu);
    const warnings = withoutDnsNotice(r.stderr).split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual([expect.stringMatching(/^acm-advisor: warning: a cache file could not be used and was set aside \(.*eu-west-1\.json: not valid JSON, now .*eu-west-1\.json\.unusable-.*\); reading afresh$/)]);
    // Saved again after the fresh read; the bad file kept aside for a look.
    const files = readdirSync(accountDir());
    expect(files).toContain('eu-west-1.json');
    expect(files.some((f) => f.startsWith('eu-west-1.json.unusable-'))).toBe(true);
    // Whole again: the header line and the certificates it counts.
    const [head, body] = readFileSync(file, 'utf8').split('\n');
    expect((JSON.parse(body) as unknown[]).length).toBe((JSON.parse(head) as { count: number }).count);
  });

  it.each([
    [['--max-age', '1.5h', 'audit'], /^acm-advisor: --max-age takes a duration such as 15m, 1h or 2h30m \(got '1\.5h'\)$/],
    [['--max-age', '1h', '--no-cache', 'audit'], /^acm-advisor: --max-age reuses the cache, which --no-cache turns off; pass one or the other$/],
  ])('usage errors before any call: %j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(endpoint.calls).toHaveLength(0);
  });
});
