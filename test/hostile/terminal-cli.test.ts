/**
 * Hostile AWS data and hostile user input through the real binary: once to a pipe (the data, byte
 * for byte; JSON with C1 and bidi characters escaped) and once to a real pseudo-terminal (`script`),
 * where nothing may reach the screen that a terminal would act on.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { AccountData } from '../../src/endpoint/types.js';
import { emptyHome, runCli, TEST_KEYS, withoutDnsNotice, type CliResult } from '../cli/run-cli.js';
import { parseCsv } from '../support/csv.js';

const OSC_TITLE = '\u001b]0;pwned\u0007';
const OSC_LINK = '\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\';
const CLEAR = '\u001b[2J';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';
const DOMAIN = `hostile${BIDI}.example${C1_CSI}`;
const TAG_VALUE = `${OSC_TITLE}${OSC_LINK}${CLEAR}team\u0007`;

/** What a terminal would act on or reorder. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

function hostileAccount(): AccountData {
  const demo = loadDemoAccount(new Date());
  const base = demo.certificates.find((c) => c.region === 'eu-west-1')!;
  const hostile = {
    ...structuredClone(base),
    arn: base.arn.replace(/certificate\/.*/, 'certificate/0badc0de-0000-4000-8000-000000000000'),
    domainName: DOMAIN,
    subjectAlternativeNames: [DOMAIN],
    tags: [
      { key: 'owner', value: TAG_VALUE },
      { key: `env${CLEAR}`, value: `prod${BIDI}` },
    ],
  };
  return { ...demo, certificates: [hostile] };
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The binary with stdout (and stderr, unless `stderrTo` is given) on a real pseudo-terminal, via
 * util-linux `script`. The terminal turns \n into \r\n; callers compare accordingly.
 */
function runInTerminal(args: string[], env: Record<string, string>, stderrTo?: string): Promise<CliResult> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('AWS_') || k === 'NO_COLOR' || k === 'FORCE_COLOR') delete base[k];
  const home = emptyHome();
  const command = [process.execPath, 'bin/acm-advisor.js', ...args].map(sq).join(' ') + (stderrTo ? ` 2>${sq(stderrTo)}` : '');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...base, HOME: home, ACM_ADVISOR_CONFIG_DIR: join(home, '.config', 'acm-advisor'), AWS_EC2_METADATA_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** The progress line's own "clear line" on a terminal stderr is ours; everything else must be inert. */
const withoutProgress = (s: string) => s.replace(/\r\u001b\[2K/g, '').replace(/\r\n/g, '\n');

describe('hostile data never reaches a terminal (real binary, real pseudo-terminal)', () => {
  let endpoint: RunningEndpoint;
  let flags: string[];
  beforeAll(async () => {
    endpoint = await startEndpoint({ account: hostileAccount(), rateScale: 50 });
    flags = ['--endpoint-url', endpoint.url, '--regions', 'eu-west-1', '--no-color'];
  });
  afterAll(() => endpoint.close());

  it('piped CSV is the data byte for byte', async () => {
    const r = await runCli(['inventory', '--format', 'csv', ...flags], TEST_KEYS);
    expect(r.code).toBe(0);
    const [header, row] = parseCsv(r.stdout);
    expect(row[header.indexOf('domainName')]).toBe(DOMAIN);
    expect(row[header.indexOf('tags')]).toBe(`owner=${TAG_VALUE};env${CLEAR}=prod${BIDI}`);
  });

  it('piped JSON round-trips exactly, with C1 and bidi characters written as escapes', async () => {
    const r = await runCli(['inventory', '--format', 'json', ...flags], TEST_KEYS);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(r.stdout).toContain('\\u009b31m');
    expect(r.stdout).toContain('\\u202e');
    const json = JSON.parse(r.stdout);
    expect(json.certificates[0].domainName).toBe(DOMAIN);
    expect(json.certificates[0].tags).toEqual({ owner: TAG_VALUE, [`env${CLEAR}`]: `prod${BIDI}` });
  });

  it('CSV to a terminal is sanitised: no escape, control or bidi character, every record kept', async () => {
    const r = await runInTerminal(['inventory', '--format', 'csv', ...flags], TEST_KEYS);
    expect(r.code).toBe(0);
    const screen = withoutDnsNotice(withoutProgress(r.stdout));
    expect(screen).not.toMatch(UNSAFE);
    expect(screen).toContain('hostile\uFFFD.example\uFFFD31m');
    expect(parseCsv(screen.replace(/\n/g, '\r\n'))).toHaveLength(2);
  });

  it('the table to a terminal is sanitised', async () => {
    const r = await runInTerminal(['inventory', ...flags], TEST_KEYS);
    expect(r.code).toBe(0);
    const screen = withoutProgress(r.stdout);
    expect(screen).not.toMatch(UNSAFE);
    expect(screen).toContain('hostile\uFFFD.example');
  });

  it('JSON to a terminal is inert and still parses to the same data', async () => {
    const r = await runInTerminal(['inventory', '--format', 'json', ...flags], TEST_KEYS, '/dev/null');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\r\n/g, '\n')).not.toMatch(UNSAFE);
    const json = JSON.parse(r.stdout);
    expect(json.certificates[0].tags.owner).toBe(TAG_VALUE);
  });

  it('audit and report to a terminal are sanitised in every format', async () => {
    for (const args of [['audit'], ['audit', '--format', 'json'], ['report'], ['report', '--format', 'json']]) {
      const r = await runInTerminal([...args, ...flags], TEST_KEYS);
      expect(r.code, args.join(' ')).toBe(0);
      expect(withoutProgress(r.stdout), args.join(' ')).not.toMatch(UNSAFE);
    }
  });
});

describe('error messages that echo user input are sanitised', () => {
  it('--regions with ESC and BEL: exit 2, one clean line naming the bad region, no AWS call', async () => {
    const r = await runCli(['inventory', '--regions', `eu-west-1,${OSC_TITLE}evil`], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toMatch(/^acm-advisor: unknown region '\uFFFDevil'; use names like us-east-1,eu-west-1 or 'all'\n$/);
  });

  it('--format with an OSC sequence (commander rejects it): exit 2, one clean line', async () => {
    const r = await runCli(['inventory', '--format', `${OSC_LINK}csv`], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Allowed choices are table, json, csv');
  });

  it('a number flag with escapes: exit 2, one clean line', async () => {
    const r = await runCli(['audit', '--expiry-high', `${CLEAR}${OSC_TITLE}7`], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toBe("acm-advisor: --expiry-high takes a whole number of days (got '\uFFFD\uFFFD7')\n");
  });

  it('policy --org --role-name with C1 and bidi characters: not an IAM role name, said in one clean line', async () => {
    // The policy documents get pasted into IAM, so policy checks the name as a run does.
    const role = `Audit${C1_CSI}${BIDI}`;
    const r = await runCli(['policy', '--org', '--role-name', role], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toMatch(/^acm-advisor: --role-name must be an IAM role name such as OrganizationAccountAccessRole \(got 'Audit[^']*'\)\n$/);
  });

  it('a 100 kB --regions value is cut to one readable line', async () => {
    const r = await runCli(['inventory', '--regions', 'x'.repeat(100_000)], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stderr).toMatch(/^acm-advisor: unknown region 'x+…\n$/);
  });
});
