/**
 * Oversized input in a real terminal (tmux): a 5 MB workload name in the saved advisor session is cut
 * at load with a warning, and the app stays responsive — q and SIGTERM both end it.
 * Needs tmux and a build (`npm test` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, sessionPath } from '../../src/advisor/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const prefix = `acm-e2e-limits-${process.pid}-${Date.now()}`;
const work = mkdtempSync(join(tmpdir(), 'acm-e2e-limits-'));
const sessions: string[] = [];
/** The apps started, so a regression that hangs one (it ignores SIGHUP from kill-session) leaves nothing running. */
const apps: number[] = [];

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForPane(session: string, what: string, test: (screen: string) => boolean, deadlineMs = 20_000): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (test(screen)) return screen;
    await pause(50);
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
}

/** Starts the demo app in its own tmux session with a config folder holding a 5 MB workload name. */
function start(name: string): { session: string; codeFile: string } {
  const configDir = join(work, name);
  const codeFile = join(work, `${name}.code`);
  execFileSync('mkdir', ['-p', dirname(sessionPath(configDir, { demo: true }))]);
  const firstQuestion = loadKnowledgeBase().questions[0].id;
  writeFileSync(
    sessionPath(configDir, { demo: true }),
    JSON.stringify({ version: 1, workload: 'W'.repeat(5 * 1024 * 1024), answers: {}, currentQuestionId: firstQuestion, savedAt: '2026-11-27T12:00:00.000Z' }),
  );
  const session = `${prefix}-${name}`;
  sessions.push(session);
  const command = `cd '${root}' && ACM_ADVISOR_CONFIG_DIR='${configDir}' node bin/acm-advisor.js --demo; echo $? > '${codeFile}'; echo E2E-SHELL-BACK; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  return { session, codeFile };
}

/** The app's pid: the one child of the pane's shell. */
function appPid(session: string): number {
  const shell = tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim();
  return Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
}

async function openAdvisor(session: string): Promise<string> {
  await waitForPane(session, 'the overview', (s) => s.includes('READ-ONLY'));
  apps.push(appPid(session));
  tmux('send-keys', '-t', session, '4');
  return waitForPane(session, 'the advisor with the cut name', (s) => /Workload: W+/.test(s) && s.includes('Choices'));
}

describe('a 5 MB workload name in the saved session (real binary, tmux)', () => {
  beforeAll(() => {
    const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) throw new Error('tmux is required for this test (apt-get install tmux); it was not found on PATH.');
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });

  afterAll(() => {
    for (const s of sessions) spawnSync('tmux', ['kill-session', '-t', s]);
    for (const pid of apps) {
      try {
        // Only if the pid is still one of ours (a finished app's pid may have been reused).
        if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`ACM_ADVISOR_CONFIG_DIR=${work}`)) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('is cut to 100 characters with a warning on screen, and q still quits (exit 0)', async () => {
    const { session, codeFile } = start('quit');
    const screen = await openAdvisor(session);
    expect(screen).toContain('keeping its first 100');
    expect(screen).not.toMatch(/W{101}/);
    tmux('send-keys', '-t', session, 'q');
    await waitForPane(session, 'the shell after q', (s) => s.includes('E2E-SHELL-BACK'), 10_000);
    expect(readFileSync(codeFile, 'utf8').trim()).toBe('0');
  });

  it('SIGTERM still ends it (exit 143) and restores the terminal', async () => {
    const { session, codeFile } = start('term');
    await openAdvisor(session);
    process.kill(appPid(session), 'SIGTERM');
    const screen = await waitForPane(session, 'the shell after SIGTERM', (s) => s.includes('E2E-SHELL-BACK'), 10_000);
    expect(screen).not.toContain('READ-ONLY');
    expect(readFileSync(codeFile, 'utf8').trim()).toBe('143');
  });
});
