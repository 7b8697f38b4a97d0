import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import type { Shell } from '../shell.js';

export function questionsCommand(shell: Shell): Command {
  return new Command('questions')
    .description('print the adoption questionnaire as a YAML answers template (every id and allowed value)')
    .addHelpText('after', '\nExample:\n  acm-advisor questions > answers.yaml   # fill it in, then: acm-advisor report --answers answers.yaml')
    .action(shell.runs(runQuestionsCommand));
}

/** `acm-advisor questions`: the answers template on stdout, ready to fill in and pass to `report --answers`. */
export async function runQuestionsCommand(ctx: CommandContext): Promise<number> {
  // The Advisor's content (YAML, zod) loads only for the commands that need it.
  const { answersTemplate, loadKnowledgeBase } = await import('../../advisor/index.js');
  ctx.out(answersTemplate(loadKnowledgeBase()));
  return EXIT.ok;
}
