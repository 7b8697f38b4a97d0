/**
 * The cache's trust rules from the command line: the real binary and SDK, the project's endpoint
 * over HTTP, real files and FIFOs in a mkdtemp XDG_CACHE_HOME.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEndpoint, syntheticAccount, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS, withoutDnsNotice } from '../cli/run-cli.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const account = syntheticAccount({ count: 12, regions: REGIONS, seed: 9, now: new Date() });
// One public certificate in eu-west-1 opted out of CT logging: the finding a doctored cache would hide.
const optedOut = account.certificates.find((c) => c.region === 'eu-west-1' && c.type === 'AMAZON_ISSUED' && c.status === 'ISSUED')!;
optedOut.transparencyLogging = 'DISABLED';
let endpoint: RunningEndpoint;
let home = '';
let xdg = '';

beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'acm-advisor-trust-home-'));
  xdg = mkdtempSync(join(tmpdir(), 'acm-advisor-trust-xdg-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(xdg, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli([...args, '--endpoint-url', endpoint.url, '--regions', REGIONS.join(',')], { ...TEST_KEYS, HOME: home, XDG_CACHE_HOME: xdg });
const cacheDir = () => join(xdg, 'acm-advisor');
const euFile = () => join(cacheDir(), 'accounts', account.accountId, 'eu-west-1.json');
const mode = (p: string) => statSync(p).mode & 0o777;
const ctFindings = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<{ ruleId: string; certificateArn: string }> }).findings.filter((f) => f.ruleId === 'transparency-logging-disabled' && f.certificateArn === optedOut.arn);
const euDescribes = () => endpoint.calls.filter((c) => c.operation === 'DescribeCertificate' && c.region === 'eu-west-1').length;
const inEu = account.certificates.filter((c) => c.region === 'eu-west-1').length;

describe('a cache someone else could have written (CLI over HTTP)', () => {
  it('a doctored region file at 0666 and a 0666 sources.json: refused, said once, read afresh (the finding stays), both repaired to 0600', async () => {
    expect(ctFindings((await run('audit', '--format', 'json')).stdout)).toHaveLength(1);
    writeFileSync(euFile(), readFileSync(euFile(), 'utf8').replace('"transparencyLogging":"DISABLED"', '"transparencyLogging":"ENABLED"'));
    chmodSync(euFile(), 0o666);
    chmodSync(join(cacheDir(), 'sources.json'), 0o666);
    endpoint.resetCalls();
    const r = await run('audit', '--max-age', '1h', '--format', 'json');
    expect(ctFindings(r.stdout)).toHaveLength(1);
    expect(euDescribes()).toBe(inEu);
    const warnings = withoutDnsNotice(r.stderr).split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual([expect.stringMatching(/^acm-advisor: warning: 2 cache files could not be used and were set aside \(.*other users may write to it \(mode 0666\).*other users may write to it \(mode 0666\).*\); reading afresh$/)]);
    expect(mode(euFile())).toBe(0o600);
    expect(mode(join(cacheDir(), 'sources.json'))).toBe(0o600);
  });

  it('the same doctoring at 0600 is trusted with --max-age (why the mode matters)', async () => {
    await run('audit', '--format', 'json');
    writeFileSync(euFile(), readFileSync(euFile(), 'utf8').replace('"transparencyLogging":"DISABLED"', '"transparencyLogging":"ENABLED"'));
    const r = await run('audit', '--max-age', '1h', '--format', 'json');
    expect(ctFindings(r.stdout)).toHaveLength(0);
  });

  it('details stamped a year ahead are stale: described again despite --max-age', async () => {
    await run('inventory', '--format', 'json');
    const ahead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    writeFileSync(euFile(), readFileSync(euFile(), 'utf8').replace(/"describedAt":"[^"]+"/g, `"describedAt":"${ahead}"`));
    endpoint.resetCalls();
    const r = await run('inventory', '--max-age', '1h', '--format', 'json');
    expect(r.code).toBe(0);
    expect(euDescribes()).toBe(inEu);
    const certs = (JSON.parse(r.stdout) as { certificates: Array<{ region: string; detail: { cached?: unknown } }> }).certificates;
    expect(certs.filter((c) => c.region === 'eu-west-1' && c.detail.cached)).toEqual([]);
  });

  it('FIFOs in place of sources.json and a region file: the run neither hangs nor reads them, and ends within its --deadline', async () => {
    await run('inventory', '--format', 'json');
    for (const f of [join(cacheDir(), 'sources.json'), euFile()]) {
      rmSync(f);
      execFileSync('mkfifo', ['-m', '600', f]);
    }
    const r = await run('audit', '--max-age', '1h', '--deadline', '20s', '--format', 'json');
    expect(ctFindings(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/not trusted: it is not a regular file \(a FIFO\)/);
    for (const f of [join(cacheDir(), 'sources.json'), euFile()]) expect(lstatSync(f).isFile()).toBe(true);
  });
});
