import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { emptyHome, runCli, TEST_KEYS, withoutDnsNotice } from './run-cli.js';
import { parseCsv } from '../support/csv.js';

const account = loadDemoAccount(new Date());
const regions = [...new Set(account.certificates.map((c) => c.region))].sort();

describe('acm-advisor inventory (real binary, real SDK, wire-level endpoint)', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account, rateScale: 50 });
  });
  afterAll(() => endpoint.close());

  it('lists every certificate in every requested region as JSON via --endpoint-url', async () => {
    const r = await runCli(['inventory', '--format', 'json', '--endpoint-url', endpoint.url, '--regions', regions.join(',')], TEST_KEYS);
    expect(withoutDnsNotice(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.account).toEqual({ id: account.accountId, arn: expect.stringMatching(/^arn:aws:/) });
    expect(json.regions).toEqual(regions.map((region) => ({ region, status: 'ok', detailsFailed: [] })));
    expect(json.certificates).toHaveLength(account.certificates.filter((c) => regions.includes(c.region)).length);
    const fields = ['arn', 'accountId', 'region', 'domainName', 'subjectAlternativeNames', 'status', 'type', 'keyAlgorithm', 'notBefore', 'notAfter', 'inUse', 'inUseBy', 'renewalEligibility', 'renewalStatus', 'validationMethod', 'transparencyLogging', 'exportOption', 'issuer', 'tags'];
    for (const c of json.certificates) for (const f of fields) expect(c).toHaveProperty(f);
    expect(json.certificates.some((c: { keyAlgorithm: string }) => c.keyAlgorithm === 'EC_prime256v1')).toBe(true);
    expect(Number.isNaN(Date.parse(json.generatedAt))).toBe(false);
  });

  it('honours AWS_ENDPOINT_URL and defaults to every enabled region', async () => {
    const r = await runCli(['inventory', '--format', 'json'], { ...TEST_KEYS, AWS_ENDPOINT_URL: endpoint.url });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.regions.map((x: { region: string }) => x.region).sort()).toEqual([...account.enabledRegions].sort());
    expect(json.certificates).toHaveLength(account.certificates.filter((c) => account.enabledRegions.includes(c.region)).length);
  });

  it('exits 3 with the failed region in the JSON and on stderr, every other region complete', async () => {
    const denied = regions[0];
    endpoint.setFaults({ deniedRegions: [denied] });
    const r = await runCli(['inventory', '--format', 'json', '--endpoint-url', endpoint.url, '--regions', regions.join(',')], TEST_KEYS);
    endpoint.setFaults({ deniedRegions: [] });
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json.regions.find((x: { region: string }) => x.region === denied)).toMatchObject({ status: 'error', error: { code: 'AccessDeniedException' } });
    expect(json.certificates).toHaveLength(account.certificates.filter((c) => c.region !== denied && regions.includes(c.region)).length);
    expect(r.stderr).toContain(denied);
    expect(withoutDnsNotice(r.stderr).trim().split('\n')).toHaveLength(1);
  });

  it('writes CSV with one row per certificate and neutralised formulas', async () => {
    const r = await runCli(['inventory', '--format', 'csv', '--endpoint-url', endpoint.url, '--regions', regions.join(',')], TEST_KEYS);
    expect(r.code).toBe(0);
    const records = parseCsv(r.stdout);
    expect(records[0][0]).toBe('arn');
    expect(records).toHaveLength(1 + account.certificates.filter((c) => regions.includes(c.region)).length);
    for (const record of records) {
      expect(record).toHaveLength(records[0].length);
      for (const cell of record) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  it('reads keys from a named profile in ~/.aws/credentials', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[audit]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n');
    writeFileSync(join(home, '.aws', 'config'), '[profile audit]\nregion = eu-west-1\n');
    const r = await runCli(['inventory', '--format', 'json', '--profile', 'audit', '--endpoint-url', endpoint.url, '--regions', regions[0]], { HOME: home });
    expect(withoutDnsNotice(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).certificates.length).toBe(account.certificates.filter((c) => c.region === regions[0]).length);
  });

  it('runs a credential_process profile', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    const script = join(home, 'creds.sh');
    writeFileSync(script, '#!/bin/sh\necho \'{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s"}\'\n', { mode: 0o755 });
    writeFileSync(join(home, '.aws', 'config'), `[profile proc]\nregion = eu-west-1\ncredential_process = ${script}\n`);
    const r = await runCli(['inventory', '--format', 'json', '--endpoint-url', endpoint.url, '--regions', regions[0]], { HOME: home, AWS_PROFILE: 'proc' });
    expect(withoutDnsNotice(r.stderr)).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints an aligned plain table without a TTY, with no escape sequences from hostile tags', async () => {
    const r = await runCli(['inventory', '--endpoint-url', endpoint.url, '--regions', regions.join(',')], TEST_KEYS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DOMAIN\s+REGION\s+TYPE\s+STATUS/);
    expect(r.stdout).not.toMatch(/\u001b/);
  });
});

describe('acm-advisor usage and credential errors: one line, exit 2', () => {
  it('rejects an unknown region with a suggestion', async () => {
    const r = await runCli(['inventory', '--regions', 'eu-west-9'], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown region 'eu-west-9'/);
    expect(r.stdout).toBe('');
  });

  it("rejects a region list that names no region (' , ') before any AWS call", async () => {
    const r = await runCli(['audit', '--fail-on', 'info', '--regions', ' , '], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("acm-advisor: --regions names no region; use names like us-east-1,eu-west-1 or 'all'\n");
  });

  it('rejects an unknown format', async () => {
    const r = await runCli(['inventory', '--format', 'xml'], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/xml/);
  });

  it('names an unknown profile and lists the known ones', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile staging]\nregion = eu-west-1\n');
    const r = await runCli(['inventory', '--profile', 'prod'], { HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("acm-advisor: unknown AWS profile 'prod' (known profiles: staging)");
  });

  it('tells the user to log in again when the SSO session is missing or expired', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile corp]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const r = await runCli(['inventory', '--profile', 'corp'], { HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('aws sso login --profile corp');
  });

  it('says how to configure credentials, and that --demo exists, when there are none', async () => {
    const r = await runCli(['inventory']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no AWS credentials found/);
    expect(r.stderr).toMatch(/--demo/);
  });

  it('refuses the full-screen app without a terminal and points at the script commands', async () => {
    const r = await runCli([], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal/);
    expect(r.stderr).toMatch(/inventory/);
  });

  it('reports an unknown option in one line', async () => {
    const r = await runCli(['inventory', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('teaches with --help and prints --version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).toMatch(/--demo/);
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('acm-advisor --demo inventory', () => {
  it('stops quietly when the reader of stdout goes away (| head)', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = emptyHome();
    // A real shell pipeline, as a user types it; acm-advisor's own stderr is kept apart.
    execFileSync('sh', ['-c', `node bin/acm-advisor.js --demo inventory --format json 2> '${dir}/err' | head -c 10 > /dev/null`], {
      env: { ...process.env, HOME: dir },
    });
    const stderr = readFileSync(join(dir, 'err'), 'utf8');
    expect(stderr).toBe('');
  });

  it('runs the whole SDK path against the embedded endpoint, with nothing stray on stderr', async () => {
    const r = await runCli(['--demo', 'inventory', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.certificates.length).toBeGreaterThanOrEqual(60);
    expect(new Set(json.certificates.map((c: { region: string }) => c.region)).size).toBeGreaterThanOrEqual(4);
  });
});
