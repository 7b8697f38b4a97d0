import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { FileExistsError, InputError } from '../../domain/errors.js';
import { EXIT } from '../errors.js';
import { isPartial } from '../../domain/inventory.js';
import type { Advice } from '../../domain/advice.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { runAudit } from '../../audit/run.js';
import { buildReport } from '../../report/model.js';
import { renderReportJson } from '../../report/render-json.js';
import { renderReportMarkdown } from '../../report/render-markdown.js';
import { writeReportFile } from '../../report/write-file.js';
import { advise, loadFacts, loadKnowledgeBase, parseAnswers } from '../../advisor/index.js';
import { auditConfigFromOptions, describeFailedRegions } from './audit.js';

export interface ReportCommandOptions {
  answers?: string;
  out?: string;
  format: 'md' | 'json';
  force?: boolean;
  config?: string;
}

export async function runReportCommand(ctx: CommandContext, opts: ReportCommandOptions): Promise<number> {
  if (opts.format !== 'md' && opts.format !== 'json') {
    throw new InputError(`--format: unknown format "${String(opts.format)}"; use md or json`);
  }
  const config = await auditConfigFromOptions(ctx, { config: opts.config });

  // Answers and the output path are checked before any AWS call, so a typo costs nothing.
  let answersText: string | null = null;
  if (opts.answers !== undefined) {
    const path = resolve(ctx.cwd, opts.answers);
    answersText = await readFile(path, 'utf8').catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot read answers file ${opts.answers}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
    });
  }
  const kb = answersText !== null ? loadKnowledgeBase() : null;
  const answers = kb && answersText !== null ? parseAnswers(answersText, kb) : null;

  const outPath = opts.out !== undefined ? resolve(ctx.cwd, opts.out) : null;
  if (outPath && !opts.force && (await stat(outPath).catch(() => null))) {
    throw new FileExistsError(opts.out!);
  }

  const inventory = await ctx.loadInventory();
  const audit = runAudit(inventory.certificates, config, ctx.now);
  const advice: Advice | null = kb && answers ? advise(kb, answers, inventory, audit.findings, ctx.now) : null;
  const report = buildReport({ inventory, audit, advice, facts: loadFacts(), config, generatedAt: reportTime(ctx.now, inventory.generatedAt) });
  const content = opts.format === 'md' ? renderReportMarkdown(report) : renderReportJson(report);

  if (outPath) {
    await writeReportFile(outPath, content, { force: opts.force });
    ctx.err(`acm-advisor: wrote ${sanitiseForTerminal(opts.out!)}\n`);
  } else {
    ctx.out(content);
  }

  return isPartial(inventory) ? EXIT.partial : EXIT.ok;
}

/** A report is never stamped earlier than the inventory it describes (ctx.now is taken before the load). */
function reportTime(now: Date, inventoryTakenAt: string): Date {
  const taken = Date.parse(inventoryTakenAt);
  return Number.isNaN(taken) || taken <= now.getTime() ? now : new Date(taken);
}
