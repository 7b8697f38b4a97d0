import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { FileExistsError, InputError } from '../../domain/errors.js';
import { fileTooLarge, INPUT_FILE_MAX_BYTES } from '../../domain/input-limits.js';
import { EXIT } from '../errors.js';
import { isPartial } from '../../domain/inventory.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { runAudit } from '../../audit/run.js';
import { composeReport } from '../../report/compose.js';
import { renderReportJson } from '../../report/render-json.js';
import { renderReportMarkdown } from '../../report/render-markdown.js';
import { writeReportFile } from '../../report/write-file.js';
import { loadKnowledgeBase, parseAnswers } from '../../advisor/index.js';
import { auditConfigFromOptions } from './audit.js';

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
    // Sized before it is read: a 10 MB answers file took minutes to parse.
    const read = async () => {
      const { size } = await stat(path);
      if (size > INPUT_FILE_MAX_BYTES) throw fileTooLarge(`answers file ${opts.answers}`, size);
      return readFile(path, 'utf8');
    };
    answersText = await read().catch((e: unknown) => {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot read answers file ${opts.answers}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
    });
  }
  const kb = loadKnowledgeBase();
  const answers = answersText !== null ? parseAnswers(answersText, kb) : null;

  const outPath = opts.out !== undefined ? resolve(ctx.cwd, opts.out) : null;
  if (outPath && !opts.force && (await stat(outPath).catch(() => null))) {
    throw new FileExistsError(opts.out!);
  }

  const inventory = await ctx.loadInventory();
  const audit = runAudit(inventory.certificates, config, ctx.now);
  const { report } = composeReport({ inventory, findings: audit.findings, answers, config, now: ctx.now, knowledgeBase: kb });
  const content = opts.format === 'md' ? renderReportMarkdown(report) : renderReportJson(report);

  if (outPath) {
    await writeReportFile(outPath, content, { force: opts.force });
    ctx.err(`acm-advisor: wrote ${sanitiseForTerminal(opts.out!)}\n`);
  } else {
    ctx.out(content);
  }

  return isPartial(inventory) ? EXIT.partial : EXIT.ok;
}
