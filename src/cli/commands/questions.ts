import { answersTemplate, loadKnowledgeBase } from '../../advisor/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';

/** `acm-advisor questions`: the answers template on stdout, ready to fill in and pass to `report --answers`. */
export async function runQuestionsCommand(ctx: CommandContext): Promise<number> {
  ctx.out(answersTemplate(loadKnowledgeBase()));
  return EXIT.ok;
}
