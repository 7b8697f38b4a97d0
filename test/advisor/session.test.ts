import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { defaultConfigDir } from '../../src/platform/config-dir.js';
import { loadKnowledgeBase, loadSession, retainKnownAnswers, saveSession, sessionPath, type SessionState } from '../../src/advisor/index.js';
import { SESSION_FILE_MAX_BYTES } from '../../src/advisor/session.js';

const state: SessionState = {
  version: 1,
  workload: 'shop',
  answers: { 'certificate-pinning': 'leaf' },
  currentQuestionId: 'ev-ov-required',
  savedAt: '2026-11-27T12:00:00.000Z',
};

describe('session persistence', () => {
  it('saves atomically and loads back', () => {
    const dir = join(tempDir('acm-advisor-cfg-'), 'nested');
    saveSession(dir, state);
    expect(loadSession(dir)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['advisor-session.json']);
    saveSession(dir, { ...state, currentQuestionId: null });
    expect(loadSession(dir)?.currentQuestionId).toBeNull();
  });

  it('returns null without a session file, silently', () => {
    const warnings: string[] = [];
    expect(loadSession(tempDir('acm-advisor-cfg-'), (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([]);
  });

  it.each([['not json', '{oops'], ['wrong shape', '{"version":2}'], ['empty', '']])('ignores a corrupt file (%s) with a warning', (_n, content) => {
    const dir = tempDir('acm-advisor-cfg-');
    writeFileSync(sessionPath(dir), content);
    const warnings: string[] = [];
    expect(loadSession(dir, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('corrupt');
    expect(existsSync(sessionPath(dir))).toBe(true);
    expect(readFileSync(sessionPath(dir), 'utf8')).toBe(content);
  });

  it('cuts a workload name longer than the app saves (a hand-edited file) to 100 characters, with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-'));
    try {
      writeFileSync(sessionPath(dir), JSON.stringify({ ...state, workload: `${'é'.repeat(100)}${'w'.repeat(5 * 1024 * 1024)}` }));
      const warnings: string[] = [];
      const loaded = loadSession(dir, (m) => warnings.push(m));
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
      writeFileSync(sessionPath(dir), ' '.repeat(SESSION_FILE_MAX_BYTES + 1));
      const warnings: string[] = [];
      expect(loadSession(dir, (m) => warnings.push(m))).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/ignoring the saved advisor session .*: 8\.0 MB is far larger than a session; starting afresh$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
