import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, parseAnswers } from '../../src/advisor/index.js';
import { recordingContext } from '../support/command-context.js';
import { runQuestionsCommand } from '../../src/cli/commands/questions.js';
import { NOW } from './helpers.js';

describe('questions command', () => {
  it('prints the answers template on stdout only and exits 0', async () => {
    const { ctx, out, err } = recordingContext({ now: NOW });
    expect(await runQuestionsCommand(ctx)).toBe(0);
    expect(err).toEqual([]);
    const text = out.join('');
    expect(text).toContain('certificate-pinning:');
    expect(parseAnswers(text, loadKnowledgeBase()).answers).toEqual({});
  });
});
