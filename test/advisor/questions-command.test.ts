import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, parseAnswers } from '../../src/advisor/index.js';
import type { CommandContext } from '../../src/cli/context.js';
import { runQuestionsCommand } from '../../src/cli/commands/questions.js';
import { NOW } from './helpers.js';

describe('questions command', () => {
  it('prints the answers template on stdout only and exits 0', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CommandContext = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      color: false,
      stdoutIsTTY: false,
      now: NOW,
      loadInventory: () => Promise.reject(new Error('questions must not need AWS')),
      configDir: '/nonexistent',
      cwd: '/',
    };
    expect(await runQuestionsCommand(ctx)).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('');
    expect(text).toContain('certificate-pinning:');
    expect(parseAnswers(text, loadKnowledgeBase()).answers).toEqual({});
  });
});
