import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An empty HOME: no ~/.aws, no config, nothing leaking from the developer's machine. Removed when the test ends. */
export function emptyHome(): string {
  return tempDir('acm-advisor-home-');
}

/**
 * Runs the real built binary, as a user would, with a clean AWS environment. `stdout`: a file descriptor
 * to write to instead of a pipe (`/dev/full`), or 'closed' for a pipe whose reader has already gone.
 */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
  options: { stdout?: number | 'closed'; binary?: string } = {},
): Promise<CliResult> {
  const base: Record<string, string | undefined> = { ...process.env };
  // The developer's XDG_CACHE_HOME must not receive the tests' inventory caches: they go under HOME.
  for (const k of Object.keys(base)) if (k.startsWith('AWS_') || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k === 'XDG_CACHE_HOME') delete base[k];
  // Without a HOME from the test, the run gets an empty one of its own, removed when the binary exits.
  const ownHome = env.HOME === undefined ? mkdtempSync(join(tmpdir(), 'acm-advisor-home-')) : null;
  const home = env.HOME ?? ownHome!;
  const removeOwnHome = () => {
    if (ownHome) rmSync(ownHome, { recursive: true, force: true });
  };
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [options.binary ?? 'bin/acm-advisor.js', ...args], {
      env: { ...base, HOME: home, ACM_ADVISOR_CONFIG_DIR: join(home, '.config', 'acm-advisor'), AWS_EC2_METADATA_DISABLED: 'true', ...env },
      stdio: ['pipe', typeof options.stdout === 'number' ? options.stdout : 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.stdout === 'closed') child.stdout?.destroy();
    else child.stdout?.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      removeOwnHome();
      reject(e);
    });
    child.on('close', (code) => {
      removeOwnHome();
      resolve({ code, stdout, stderr });
    });
    child.stdin!.end(input ?? '');
  });
}

/**
 * The line a run against the tests' own endpoint carries when it names no --dns-server: the DNS checks do not
 * run there, and the run says so (test/cli/dns-notice.test.ts holds it to its wording). Tests about the other
 * stderr lines leave this one out, once.
 */
export function withoutDnsNotice(stderr: string): string {
  return stderr.replace(/acm-advisor: warning: DNS renewal checks not run: [^\n]*\n?/, '');
}

export const TEST_KEYS = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
