import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../../src/platform/config-dir.js';
import { loadKnowledgeBase, loadSession, retainKnownAnswers, saveSession, sessionPath, type SessionState } from '../../src/advisor/index.js';

const state: SessionState = {
  version: 1,
  workload: 'shop',
  answers: { 'certificate-pinning': 'leaf' },
  currentQuestionId: 'ev-ov-required',
  savedAt: '2026-11-27T12:00:00.000Z',
};

describe('session persistence', () => {
  it('saves atomically and loads back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-')), 'nested');
    saveSession(dir, state);
    expect(loadSession(dir)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['advisor-session.json']);
    saveSession(dir, { ...state, currentQuestionId: null });
    expect(loadSession(dir)?.currentQuestionId).toBeNull();
  });

  it('returns null without a session file, silently', () => {
    const warnings: string[] = [];
    expect(loadSession(mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-')), (m) => warnings.push(m))).toBeNull();
    expect(warnings).toEqual([]);
  });

  it.each([['not json', '{oops'], ['wrong shape', '{"version":2}'], ['empty', '']])('ignores a corrupt file (%s) with a warning', (_n, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-cfg-'));
    writeFileSync(sessionPath(dir), content);
    const warnings: string[] = [];
    expect(loadSession(dir, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('corrupt');
    expect(existsSync(sessionPath(dir))).toBe(true);
    expect(readFileSync(sessionPath(dir), 'utf8')).toBe(content);
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
