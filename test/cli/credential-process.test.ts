/**
 * A credential_process that never answers: bounded by --timeout and --deadline, named by its profile,
 * and no child left running. A real child process (a node script that sleeps), from a real AWS config
 * file in the test's own HOME.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/errors.js';
import { emptyHome, runCli } from './run-cli.js';

/** A HOME whose profile 'stuck' runs a script that records its pid and then sleeps for ten minutes. */
function stuckProfile() {
  const home = emptyHome();
  mkdirSync(join(home, '.aws'));
  const script = join(home, 'never-answers.mjs');
  const pidFile = join(home, 'helper.pid');
  writeFileSync(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetTimeout(() => {}, 600_000);\n`);
  const config = join(home, '.aws', 'config');
  writeFileSync(config, `[profile stuck]\nregion = us-east-1\ncredential_process = "${process.execPath}" "${script}"\n`);
  const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };
  return { env, pidFile };
}

/** Running, and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function expectGone(pidFile: string): Promise<void> {
  expect(existsSync(pidFile)).toBe(true);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await vi.waitFor(() => expect(running(pid)).toBe(false), { timeout: 5000, interval: 20 });
}

describe('a credential_process that never answers', () => {
  it('is stopped at --timeout: one sentence naming the profile, exit 2, no child left', async () => {
    const { env, pidFile } = stuckProfile();
    const r = await runCli(['--profile', 'stuck', '--timeout', '1', '--regions', 'us-east-1', 'inventory'], env);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("acm-advisor: profile 'stuck' gave no credentials: its credential_process did not answer within 1 s (--timeout); it was stopped\n");
    await expectGone(pidFile);
  });

  it('is stopped at --deadline, well before its --timeout', async () => {
    const { env, pidFile } = stuckProfile();
    const r = await runCli(['--profile', 'stuck', '--deadline', '1s', '--timeout', '3600', '--regions', 'us-east-1', 'audit'], env);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toBe("acm-advisor: profile 'stuck' gave no credentials: its credential_process did not answer before the deadline of 1s passed; it was stopped\n");
    await expectGone(pidFile);
  });

  it('one that fails or prints no credentials is one sentence naming the profile', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    const config = join(home, '.aws', 'config');
    const node = `"${process.execPath}" -e`;
    writeFileSync(
      config,
      `[profile broken]\ncredential_process = ${node} "console.error('token cache locked'); process.exit(3)"\n` +
        `[profile silent]\ncredential_process = ${node} "console.log('not json')"\n`,
    );
    const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };
    const broken = await runCli(['--profile', 'broken', '--regions', 'us-east-1', 'inventory'], env);
    expect(broken.code).toBe(EXIT.usage);
    expect(broken.stderr).toBe("acm-advisor: profile 'broken' gave no credentials: its credential_process ended with exit code 3 (token cache locked)\n");
    const silent = await runCli(['--profile', 'silent', '--regions', 'us-east-1', 'inventory'], env);
    expect(silent.code).toBe(EXIT.usage);
    expect(silent.stderr).toBe("acm-advisor: profile 'silent' gave no credentials: its credential_process printed no JSON\n");
  });
});
