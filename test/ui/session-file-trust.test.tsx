/**
 * The Advisor's session file is trusted like the cache: real FIFOs, links and modes in a mkdtemp
 * config folder. A FIFO in its place must neither freeze the app nor stop q from quitting.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSession, saveSession, sessionPath, type SessionState } from '../../src/advisor/index.js';
import { fakeSource, fixtureCertificates, FIXTURE_OWNER } from './fixtures.js';
import { KEY, renderApp } from './harness.js';

const state: SessionState = { version: 1, workload: 'shop', answers: {}, currentQuestionId: null, savedAt: '2026-11-27T12:00:00.000Z' };
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-session-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('opening the saved session', () => {
  it.each([
    ['a FIFO', () => execFileSync('mkfifo', ['-m', '600', sessionPath(dir, FIXTURE_OWNER)]), /it is not a regular file \(a FIFO\)/],
    ['a 0666 file', () => (saveSession(dir, FIXTURE_OWNER, state), chmodSync(sessionPath(dir, FIXTURE_OWNER), 0o666)), /other users may write to it \(mode 0666\)/],
    ['a link', () => (writeFileSync(join(dir, 'elsewhere.json'), JSON.stringify(state)), symlinkSync(join(dir, 'elsewhere.json'), sessionPath(dir, FIXTURE_OWNER))), /symbolic link/],
  ])('%s in its place: not read, one warning saying why, and the next save replaces it with a 0600 file', (_what, make, why) => {
    mkdirSync(dirname(sessionPath(dir, FIXTURE_OWNER)), { recursive: true });
    make();
    const warnings: string[] = [];
    expect(loadSession(dir, FIXTURE_OWNER, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(why)]);
    saveSession(dir, FIXTURE_OWNER, state);
    expect(lstatSync(sessionPath(dir, FIXTURE_OWNER)).isFile()).toBe(true);
    expect(statSync(sessionPath(dir, FIXTURE_OWNER)).mode & 0o777).toBe(0o600);
    expect(loadSession(dir, FIXTURE_OWNER)).toMatchObject(state);
  });
});

describe('the app with a FIFO for its session file', () => {
  it('opens the Advisor, answers (replacing the FIFO with the saved session), and q quits', async () => {
    mkdirSync(dirname(sessionPath(dir, FIXTURE_OWNER)), { recursive: true });
    execFileSync('mkfifo', ['-m', '600', sessionPath(dir, FIXTURE_OWNER)]);
    const h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir });
    try {
      await h.waitForFrame('loaded');
      await h.press('4');
      await h.waitForFrame((f) => f.includes('Why it matters') || f.includes('Verdict:'));
      // Select a choice (a question may start with none selected), then answer it.
      await h.press(KEY.down);
      await h.press(KEY.enter);
      await h.waitForFrame('1 answered');
      expect(lstatSync(sessionPath(dir, FIXTURE_OWNER)).isFile()).toBe(true);
      expect(Object.keys((JSON.parse(readFileSync(sessionPath(dir, FIXTURE_OWNER), 'utf8')) as SessionState).answers)).toHaveLength(1);
      await h.press('q');
      expect(h.exitCodes).toEqual([0]);
    } finally {
      h.unmount();
    }
  });

  it('q quits at once even from the Overview, the FIFO untouched', async () => {
    mkdirSync(dirname(sessionPath(dir, FIXTURE_OWNER)), { recursive: true });
    execFileSync('mkfifo', ['-m', '600', sessionPath(dir, FIXTURE_OWNER)]);
    const h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir });
    try {
      await h.waitForFrame('loaded');
      await h.press('q');
      expect(h.exitCodes).toEqual([0]);
    } finally {
      h.unmount();
    }
  });
});
