/**
 * Inputs wrong in size rather than syntax: each is a usage error (exit 2, one line naming the
 * file and the limit) before any AWS call — no endpoint is given, so an AWS call would fail differently.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TEST_KEYS } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('oversized inputs are usage errors (real binary)', () => {
  it('an answers file over 1 MB', async () => {
    const path = file('big-answers.yaml', `answers:\n${'  # padding\n'.repeat(1_000_000)}`);
    const r = await runCli(['report', '--answers', path], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`acm-advisor: answers file ${path} is 11.4 MB; the limit is 1.0 MB (is it the right file?)\n`);
  });

  it('an audit config file over 1 MB, given with --config', async () => {
    const path = file('big-config.yaml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = await runCli(['audit', '--config', path], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`acm-advisor: config file ${path} is 2.0 MB; the limit is 1.0 MB (is it the right file?)\n`);
  });

  it('the default audit.yaml over 1 MB (the app and audit read it by themselves)', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const configDir = join(home, 'cfg');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'audit.yaml'), `# ${'x'.repeat(1024 * 1024 + 10)}\n`);
    const r = await runCli(['audit'], { ...TEST_KEYS, HOME: home, ACM_ADVISOR_CONFIG_DIR: configDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^acm-advisor: config file .*audit\.yaml is 1025 kB; the limit is 1\.0 MB \(is it the right file\?\)\n$/);
  });

  it('a workload name longer than 100 characters in the answers file', async () => {
    const path = file('long-workload.yaml', `workload: ${'w'.repeat(500_000)}\nanswers:\n`);
    const r = await runCli(['report', '--answers', path], TEST_KEYS);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('acm-advisor: workload: the name is 500000 characters long; at most 100 are allowed\n');
  });

  it('a workload name of exactly 100 characters is fine (the limit is inclusive)', async () => {
    const path = file('ok-workload.yaml', `workload: ${'w'.repeat(100)}\nanswers:\n`);
    const r = await runCli(['--demo', 'report', '--answers', path, '--format', 'json'], {});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).workload).toBe('w'.repeat(100));
  });
});
