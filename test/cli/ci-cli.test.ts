/**
 * The CI-facing outputs through the real binary: --since last against the cache, --baseline with
 * --fail-on, SARIF and the other formats, every JSON document against its schema in docs/schema, and
 * the summary report of the demo organisation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { materialiseAccount, parseAccountFile, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { tempDir } from '../support/temp-dir.js';
import { parseCsv } from '../support/csv.js';
import { emptyHome, runCli, TEST_KEYS } from './run-cli.js';

type Spec = Parameters<typeof parseAccountFile>[0] extends infer T ? T : never;

const LB = 'arn:aws:elasticloadbalancing:eu-west-1:444455556666:loadbalancer/app/shop/50dc6c495c0c9188';
const TAGS = { owner: 'web', environment: 'production', application: 'shop' };

function account(certificates: object[]) {
  return { accountId: '444455556666', enabledRegions: ['eu-west-1'], certificates } as Spec;
}
const shop = { id: 'shop', region: 'eu-west-1', domainName: 'shop.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', keyAlgorithm: 'RSA_2048', validation: 'DNS', createdDays: -20, issuedDays: -20, notAfterDays: 178, inUseBy: [LB], tags: TAGS };
const legacy = { id: 'legacy', region: 'eu-west-1', domainName: 'legacy.example.com', type: 'IMPORTED', status: 'ISSUED', keyAlgorithm: 'RSA_1024', createdDays: -100, importedDays: -100, notBeforeDays: -100, notAfterDays: 200, inUseBy: [LB], tags: TAGS };
const fresh = { id: 'fresh', region: 'eu-west-1', domainName: 'fresh.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', keyAlgorithm: 'RSA_2048', validation: 'DNS', createdDays: -1, issuedDays: -1, notAfterDays: 197, inUseBy: [LB], tags: {} };

let running: RunningEndpoint | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** The endpoint on `port` (0: any), serving `spec` as of `at`: the same data gives the same records. */
async function serve(spec: Spec, at: Date, port = 0): Promise<RunningEndpoint> {
  await running?.close();
  running = await startEndpoint({ account: materialiseAccount(parseAccountFile(spec), at), port });
  return running;
}

describe('audit --since last', () => {
  it('a second run after the endpoint\'s data changed names exactly the changes, in JSON, table and SARIF', { timeout: 60_000 }, async () => {
    const home = emptyHome();
    const at = new Date();
    const first = await serve(account([shop, legacy]), at);
    const args = ['--endpoint-url', first.url, '--regions', 'eu-west-1', 'audit', '--since', 'last'];
    const env = { ...TEST_KEYS, HOME: home };

    const r1 = await runCli([...args, '--format', 'json'], env);
    expect(r1.code).toBe(0);
    expect(r1.stderr).toMatch(/no earlier read of this source in the cache/);
    expect(JSON.parse(r1.stdout).since).toBeNull();

    // legacy is re-imported with a 2048-bit key, fresh appears, shop's tags change.
    const port = Number(new URL(first.url).port);
    await serve(account([{ ...shop, tags: { ...TAGS, owner: 'storefront' } }, { ...legacy, keyAlgorithm: 'RSA_2048' }, fresh]), at, port);
    const r2 = await runCli([...args, '--format', 'json'], env);
    expect(r2.code).toBe(0);
    const since = JSON.parse(r2.stdout).since;
    expect(since.certificates.new.map((c: { domainName: string }) => c.domainName)).toEqual(['fresh.example.com']);
    expect(since.certificates.removed).toEqual([]);
    expect(since.certificates.changed.map((c: { domainName: string; fields: string[] }) => [c.domainName, c.fields])).toEqual([
      ['legacy.example.com', ['keyAlgorithm']],
      ['shop.example.com', ['tags']],
    ]);
    expect(since.findings.new.map((f: { ruleId: string; domainName: string }) => `${f.ruleId} ${f.domainName}`)).toEqual(['missing-tags fresh.example.com']);
    expect(since.findings.fixed.map((f: { ruleId: string; domainName: string }) => `${f.ruleId} ${f.domainName}`)).toEqual(['weak-key legacy.example.com']);
    expect(since.findings.changed).toEqual([]);

    // The third run has nothing new to say, and says so in the table.
    const r3 = await runCli(args, env);
    expect(r3.stdout).toMatch(/Since the last run \([^)]+\): nothing changed\./);
    const sarif = JSON.parse((await runCli([...args, '--format', 'sarif'], env)).stdout);
    expect(new Set(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState))).toEqual(new Set(['unchanged']));
  });

  it('the demo account is never cached: --since last says so, exit 2', async () => {
    const r = await runCli(['--demo', 'audit', '--since', 'last']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('acm-advisor: --since last compares with the previous read in the cache, and the demo account is never cached');
  });
});

describe('audit --baseline', () => {
  it('accepted findings are shown and counted but do not trip --fail-on; an unmatched entry is reported', async () => {
    const dir = tempDir('acm-baseline-');
    const endpoint = await serve(account([shop, legacy]), new Date());
    const file = join(dir, 'baseline.yaml');
    writeFileSync(
      file,
      'accepted:\n  - rule: weak-key\n    name: legacy.*\n    reason: a partner pins this key until March\n    expires: 2099-03-31\n  - rule: expired-in-use\n    name: gone.example.com\n    reason: old\n    expires: 2099-01-01\n',
    );
    const base = ['--endpoint-url', endpoint.url, '--regions', 'eu-west-1', 'audit', '--fail-on', 'high'];
    const without = await runCli(base, TEST_KEYS);
    expect(without.code).toBe(1);
    const r = await runCli([...base, '--baseline', file, '--format', 'json'], TEST_KEYS);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.accepted).toBe(1);
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'weak-key')).toMatchObject({ status: 'accepted', acceptance: { reason: 'a partner pins this key until March', expires: '2099-03-31', entry: 1 } });
    expect(r.stderr).toContain('baseline.yaml entry 2 (expired-in-use gone.example.com) matches no finding');
    const table = await runCli([...base, '--baseline', file], TEST_KEYS);
    expect(table.stdout).toMatch(/weak-key .* \[accepted until 2099-03-31\]/);
    expect(table.stdout).toMatch(/1 of them accepted by .*baseline\.yaml/);
  });

  it('a baseline without a reason is a usage error before any AWS call', async () => {
    const dir = tempDir('acm-baseline-');
    const file = join(dir, 'b.yaml');
    writeFileSync(file, 'accepted:\n  - rule: weak-key\n    name: x\n    expires: 2099-01-01\n');
    const r = await runCli(['--demo', 'audit', '--baseline', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/accepted\.1\.reason/);
  });
});

describe('CI formats and schemas from the binary', () => {
  const schemaDir = new URL('../../docs/schema/', import.meta.url);
  // CommonJS: module.exports is the class, the types see the namespace.
  const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const name of ['common', 'inventory', 'audit', 'report']) ajv.addSchema(JSON.parse(readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8')), `${name}.schema.json`);
  const check = (name: string, doc: unknown) => {
    const validate = ajv.getSchema(`${name}.schema.json`)!;
    const ok = validate(doc);
    expect(validate.errors ?? [], name).toEqual([]);
    expect(ok).toBe(true);
  };

  it('every JSON document carries schemaVersion and passes its schema in docs/schema', { timeout: 60_000 }, async () => {
    const inventory = JSON.parse((await runCli(['--demo', 'inventory', '--format', 'json'])).stdout);
    const audit = JSON.parse((await runCli(['--demo', 'audit', '--format', 'json'])).stdout);
    const report = JSON.parse((await runCli(['--demo', 'report', '--format', 'json'])).stdout);
    for (const [name, doc] of [['inventory', inventory], ['audit', audit], ['report', report]] as const) {
      expect(doc.schemaVersion, name).toBe(1);
      check(name, doc);
    }
    // The schema bites: a finding without its account is refused.
    const { accountId: _dropped, ...withoutAccount } = audit.findings[0];
    expect(ajv.getSchema('audit.schema.json')!({ ...audit, findings: [withoutAccount] })).toBe(false);
    expect(audit.findings[0]).toHaveProperty('references');
    expect(audit.findings[0]).toHaveProperty('notAfter');
  });

  it('SARIF, JUnit and CSV come out of `audit --format`', { timeout: 60_000 }, async () => {
    const sarif = await runCli(['--demo', 'audit', '--format', 'sarif']);
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    // Across an organisation too, the log passes the SARIF 2.1.0 schema (test/fixtures/sarif).
    const Draft04 = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as typeof AjvDraft04.default;
    const sarifSchema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    const validateSarif = new Draft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);
    const org = JSON.parse((await runCli(['--demo', '--org', 'audit', '--format', 'sarif'])).stdout);
    expect(validateSarif(org)).toBe(true);
    expect(org.runs[0].results.some((r: { properties: { accountId: string } }) => r.properties.accountId !== log.runs[0].results[0].properties.accountId)).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(10);
    const junit = await runCli(['--demo', 'audit', '--format', 'junit', '--fail-on', 'critical']);
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="acm-advisor audit" tests="\d+" failures="[1-9]\d*"/);
    const csv = parseCsv((await runCli(['--demo', 'audit', '--format', 'csv'])).stdout);
    expect(csv[0].slice(0, 3)).toEqual(['severity', 'ruleId', 'status']);
    expect(csv.length).toBe(log.runs[0].results.length + 1);
  });
});

describe('report --summary', () => {
  it('the demo organisation\'s summary fits a pull request (under 60,000 characters) and keeps what a reviewer needs', { timeout: 60_000 }, async () => {
    const dir = tempDir('acm-summary-');
    writeFileSync(join(dir, 'answers.yaml'), 'answers:\n  aws-integrated-endpoints: partly\n  certificate-pinning: none\nworkload: storefront\n');
    const args = ['--demo', '--org', 'report', '--answers', join(dir, 'answers.yaml')];
    const full = await runCli(args);
    const summary = await runCli([...args, '--summary']);
    expect(summary.code).toBe(3); // the demo organisation has an account it cannot read
    expect(summary.stdout.length).toBeLessThan(60_000);
    expect(summary.stdout.length).toBeLessThan(full.stdout.length / 4);
    for (const heading of ['## Executive summary', '### Most urgent certificates', '## Findings by rule', '## Findings by account', '## Adoption plan'])
      expect(summary.stdout).toContain(heading);
    expect(summary.stdout).toMatch(/\| Blast radius +\|/);
    expect(summary.stdout).toMatch(/\]\(https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/acm\/home\?region=[a-z0-9-]+#\/certificates\/[0-9a-f-]+\)/);
    // The header names the tool, the command, regions, accounts and thresholds.
    expect(summary.stdout).toMatch(/\*\*Command:\*\* `acm-advisor --demo --org report --answers \S+ --summary`/);
    expect(summary.stdout).toMatch(/\*\*Thresholds:\*\* high within 30 days/);
    // The full report has a table of contents linking its sections.
    expect(full.stdout).toMatch(/- \[Findings\]\(#findings\)\n/);
    const sections = await runCli(['--demo', 'report', '--sections', 'findings,facts']);
    expect(sections.stdout.match(/^## .*/gm)).toEqual(['## Findings', '## Facts relied on']);
    const bad = await runCli(['--demo', 'report', '--sections', 'findngs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown section "findngs"/);
  });
});
