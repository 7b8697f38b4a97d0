import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { defaultConfigDir } from '../../src/platform/config-dir.js';
import { loadKnowledgeBase, loadSession, ownerLabel, retainKnownAnswers, saveSession, sessionPath, type SessionOwner, type SessionState } from '../../src/advisor/index.js';
import { SESSION_FILE_MAX_BYTES } from '../../src/advisor/session.js';

const state: SessionState = {
  version: 1,
  workload: 'shop',
  answers: { 'certificate-pinning': 'leaf' },
  currentQuestionId: 'ev-ov-required',
  savedAt: '2026-11-27T12:00:00.000Z',
};

const OWNER: SessionOwner = { demo: false, accountId: '111122223333', profile: 'prod', organisation: false, endpoint: null };
const write = (dir: string, content: string) => {
  mkdirSync(dirname(sessionPath(dir, OWNER)), { recursive: true });
  writeFileSync(sessionPath(dir, OWNER), content);
};

describe('session persistence', () => {
  it('saves atomically and loads back', () => {
    const dir = join(tempDir('acm-advisor-cfg-'), 'nested');
    saveSession(dir, OWNER, state);
    expect(loadSession(dir, OWNER)).toEqual({ ...state, owner: ownerLabel(OWNER) });
    expect(readdirSync(join(dir, 'advisor-sessions'))).toEqual([sessionPath(dir, OWNER).split('/').at(-1)]);
    saveSession(dir, OWNER, { ...state, currentQuestionId: null });
    expect(loadSession(dir, OWNER)?.currentQuestionId).toBeNull();
  });

  it('returns null without a session file, silently', () => {
    const warnings: string[] = [];
    expect(loadSession(tempDir('acm-advisor-cfg-'), OWNER, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([]);
  });

  it.each([['not json', '{oops'], ['wrong shape', '{"version":2}'], ['empty', '']])('ignores a corrupt file (%s) with a warning', (_n, content) => {
    const dir = tempDir('acm-advisor-cfg-');
    write(dir, content);
    const warnings: string[] = [];
    expect(loadSession(dir, OWNER, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('corrupt');
    expect(existsSync(sessionPath(dir, OWNER))).toBe(true);
    expect(readFileSync(sessionPath(dir, OWNER), 'utf8')).toBe(content);
  });

  it('cuts a workload name longer than the app saves (a hand-edited file) to 100 characters, with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-'));
    try {
      write(dir, JSON.stringify({ ...state, workload: `${'é'.repeat(100)}${'w'.repeat(5 * 1024 * 1024)}` }));
      const warnings: string[] = [];
      const loaded = loadSession(dir, OWNER, (m) => warnings.push(m));
      expect(loaded?.workload).toBe('é'.repeat(100));
      expect(loaded?.answers).toEqual(state.answers);
      expect(warnings).toEqual([`acm-advisor: the saved workload name was ${100 + 5 * 1024 * 1024} characters long; keeping its first 100`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets aside a session file far larger than any session, with a warning, without reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-'));
    try {
      write(dir, ' '.repeat(SESSION_FILE_MAX_BYTES + 1));
      const warnings: string[] = [];
      expect(loadSession(dir, OWNER, (m) => warnings.push(m))).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/ignoring the saved advisor session .*: 8\.0 MB is far larger than a session; starting afresh$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps answers apart per account, per profile, per estate, and the demo apart from all of them', () => {
    const dir = tempDir('acm-advisor-cfg-');
    const owners: SessionOwner[] = [
      OWNER,
      { ...OWNER, accountId: '444455556666' },
      { ...OWNER, profile: 'staging' },
      { ...OWNER, profile: null },
      { ...OWNER, organisation: true },
      { ...OWNER, endpoint: 'http://127.0.0.1:4566' },
      { ...OWNER, profile: 'prod/../../x' },
      { demo: true },
    ];
    owners.forEach((o, i) => saveSession(dir, o, { ...state, workload: `w${i}` }));
    expect(new Set(owners.map((o) => sessionPath(dir, o))).size).toBe(owners.length);
    owners.forEach((o, i) => expect(loadSession(dir, o)?.workload).toBe(`w${i}`));
    for (const o of owners) expect(dirname(sessionPath(dir, o))).toBe(join(dir, 'advisor-sessions'));
    expect(ownerLabel(OWNER)).toBe('profile prod, account 111122223333');
    expect(ownerLabel({ demo: true })).toMatch(/demo/);
  });

  it('a file holding another owner\'s answers (copied by hand) is not used', () => {
    const dir = tempDir('acm-advisor-cfg-');
    saveSession(dir, { demo: true }, state);
    write(dir, readFileSync(sessionPath(dir, { demo: true }), 'utf8'));
    const warnings: string[] = [];
    expect(loadSession(dir, OWNER, (m) => warnings.push(m))).toBeNull();
    expect(warnings[0]).toMatch(/belong to the demo/);
  });

  it('drops answers the knowledge base no longer knows', () => {
    const kb = loadKnowledgeBase();
    expect(retainKnownAnswers(kb, { 'certificate-pinning': 'leaf', gone: 'x', 'ev-ov-required': 'perhaps' })).toEqual({ 'certificate-pinning': 'leaf' });
  });

  it('finds the config directory like other XDG tools', () => {
    expect(defaultConfigDir({ ACM_ADVISOR_CONFIG_DIR: '/x/cfg', XDG_CONFIG_HOME: '/y' })).toBe('/x/cfg');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/y' })).toBe(join('/y', 'acm-advisor'));
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'relative' })).toBe(join(homedir(), '.config', 'acm-advisor'));
    expect(defaultConfigDir({})).toBe(join(homedir(), '.config', 'acm-advisor'));
  });
});
