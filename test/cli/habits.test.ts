/** AWS CLI habits: --region, -o/--output, `help <command>`, global flags in every command's help. */
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/audit/rules/index.js';
import { EXIT } from '../../src/cli/errors.js';
import { runCli } from './run-cli.js';

const COMMANDS = ['inventory', 'audit', 'questions', 'report', 'policy'];

describe('help', () => {
  it('`help <command>` prints what `<command> --help` prints, global flags and examples included', async () => {
    for (const name of COMMANDS) {
      const [viaHelp, viaFlag] = await Promise.all([runCli(['help', name]), runCli([name, '--help'])]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toContain(`Usage: acm-advisor ${name}`);
      expect(viaHelp.stdout).toMatch(/Global Options:[\s\S]*--profile <name>[\s\S]*--region <name>[\s\S]*--deadline <duration>/);
      expect(viaHelp.stdout).toMatch(/\nExamples?:\n {2}acm-advisor /);
    }
  });

  it("audit's help lists every rule id the audit has", async () => {
    const r = await runCli(['help', 'audit']);
    const listed = /Rules \(ids are stable\):\n([\s\S]*?)\n\n/.exec(r.stdout)![1].split(/[,\s]+/).filter(Boolean);
    expect(listed).toEqual([...RULE_IDS]);
  });

  it('an unknown command after help is one usage line, exit 2', async () => {
    const r = await runCli(['help', 'audti']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("acm-advisor: no command 'audti'; the commands are inventory, audit, questions, report, policy\n");
  });

  it('the program help names exit code 4', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/Exit codes: 0 success, 1 audit threshold hit, 2 usage or input error,\n3 partial result[^\n]*,\n4 internal error/);
  });
});

describe('--region and --regions', () => {
  it('--region repeats and adds to --regions', async () => {
    const r = await runCli(['--demo', '--region', 'eu-west-1', 'inventory', '-o', 'json', '--regions', 'us-east-1', '--region', 'eu-west-1']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.regions.map((x: { region: string }) => x.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(json.certificates.length).toBeGreaterThan(0);
    expect(new Set(json.certificates.map((c: { region: string }) => c.region))).toEqual(new Set(['eu-west-1', 'us-east-1']));
  });

  it("an empty --regions or --region is a usage error, never a read of every region", async () => {
    for (const args of [['--regions', ''], ['--region', ''], ['--regions', ' ', '--region', 'eu-west-1']]) {
      const r = await runCli(['--demo', ...args, 'inventory']);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^acm-advisor: --regions? is empty; [^\n]+\n$/);
    }
  });

  it('a mistyped --region is named with a suggestion', async () => {
    const r = await runCli(['--demo', '--region', 'eu-wset-1', 'audit']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toBe("acm-advisor: unknown region 'eu-wset-1' (did you mean 'eu-west-1'?); use names like us-east-1,eu-west-1 or 'all'\n");
  });
});

describe('-o / --output', () => {
  it('is --format under the AWS CLI spelling', async () => {
    const [short, long, format] = await Promise.all([
      runCli(['--demo', '--region', 'us-east-1', 'audit', '-o', 'json']),
      runCli(['--demo', '--region', 'us-east-1', 'audit', '--output', 'json']),
      runCli(['--demo', '--region', 'us-east-1', 'audit', '--format', 'json']),
    ]);
    for (const r of [short, long, format]) expect(r.code).toBe(0);
    const findings = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { ruleId: string; arn?: string }) => `${f.ruleId} ${f.arn}`).sort();
    expect(findings(short)).toEqual(findings(format));
    expect(findings(long)).toEqual(findings(format));
  });

  it('disagreeing with --format, or naming a format the command lacks, is a usage error', async () => {
    const both = await runCli(['--demo', 'inventory', '-o', 'json', '--format', 'csv']);
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toBe('acm-advisor: --output json and --format csv disagree; pass one of them\n');
    const wrong = await runCli(['--demo', 'audit', '--output', 'yaml']);
    expect(wrong.code).toBe(EXIT.usage);
    expect(wrong.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(wrong.stderr).toContain("'yaml' is invalid");
  });
});
