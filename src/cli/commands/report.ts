import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { FileExistsError, InputError } from '../../domain/errors.js';
import { readInputFile } from '../../audit/input-file.js';
import { EXIT } from '../errors.js';
import { isPartial } from '../../domain/inventory.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { formatOptions } from '../format-option.js';
import type { Shell } from '../shell.js';
import { REPORT_SECTIONS, type ReportSection } from '../../domain/report-sections.js';
import { auditConfigFromOptions } from './audit.js';

export function reportCommand(shell: Shell): Command {
  const command = new Command('report')
    .description('the whole report — inventory, findings, recommendation and plan — without a terminal')
    .option('--answers <file>', 'answers file (YAML) from `acm-advisor questions`; without it the report has no recommendation')
    .option('--out <file>', 'write to this file (atomically; refuses to overwrite without --force) instead of stdout')
    .option('--force', 'overwrite --out if it exists');
  for (const option of formatOptions(['md', 'json'], 'md')) command.addOption(option);
  return command
    .option('--summary', 'the short Markdown for a pull request: verdict, urgent certificates, findings by rule and account, plan step titles')
    .option('--sections <list>', `only these sections, comma-separated: ${REPORT_SECTIONS.join(', ')}`)
    .option('--config <file>', 'YAML config with audit thresholds and tag keys')
    .addHelpText(
      'after',
      `
Examples:
  acm-advisor questions > answers.yaml        the questionnaire to fill in first
  acm-advisor report --answers answers.yaml --out acm-report.md
  acm-advisor report --answers answers.yaml --summary > pr-comment.md   fits a pull request
  acm-advisor report --sections summary,findings
  acm-advisor --demo report --answers answers.yaml -o json | jq .recommendation`,
    )
    .action(shell.runs(runReportCommand));
}

export interface ReportCommandOptions {
  answers?: string;
  out?: string;
  format: 'md' | 'json';
  force?: boolean;
  config?: string;
  /** The short Markdown for a pull request or ticket. */
  summary?: boolean;
  /** Comma-separated section names (REPORT_SECTIONS). */
  sections?: string;
}

/** `--sections a,b`: known names only, in the report's own order. */
export function parseSections(value: string): ReportSection[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InputError(`--sections: name at least one of ${REPORT_SECTIONS.join(', ')}`);
  const unknown = names.filter((n) => !(REPORT_SECTIONS as readonly string[]).includes(n));
  if (unknown.length) throw new InputError(`--sections: unknown section ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${REPORT_SECTIONS.join(', ')}`);
  return REPORT_SECTIONS.filter((s) => names.includes(s));
}

export async function runReportCommand(ctx: CommandContext, opts: ReportCommandOptions): Promise<number> {
  if (opts.format !== 'md' && opts.format !== 'json') {
    throw new InputError(`--format: unknown format "${String(opts.format)}"; use md or json`);
  }
  if (opts.format === 'json' && (opts.summary || opts.sections !== undefined)) {
    throw new InputError('--summary and --sections shape the Markdown report; the JSON always carries every field (select with jq)');
  }
  if (opts.summary && opts.sections !== undefined) throw new InputError('--summary is a fixed short form; pass it or --sections, not both');
  const sections = opts.sections !== undefined ? parseSections(opts.sections) : undefined;
  const config = await auditConfigFromOptions(ctx, { config: opts.config });

  // Answers and the output path are checked before any AWS call, so a typo costs nothing.
  const answersText = opts.answers !== undefined ? await readInputFile(resolve(ctx.cwd, opts.answers), `answers file ${opts.answers}`) : null;
  // The Advisor and the report renderers (YAML, zod, mdast) load only when this command runs.
  const { loadKnowledgeBase, parseAnswers } = await import('../../advisor/index.js');
  const kb = loadKnowledgeBase();
  const answers = answersText !== null ? parseAnswers(answersText, kb) : null;

  const outPath = opts.out !== undefined ? resolve(ctx.cwd, opts.out) : null;
  if (outPath && !opts.force && (await stat(outPath).catch(() => null))) {
    throw new FileExistsError(opts.out!);
  }

  const { composeReport } = await import('../../report/compose.js');
  const { renderReportJson } = await import('../../report/render-json.js');
  const { renderReportMarkdown } = await import('../../report/render-markdown.js');
  const { writeReportFile } = await import('../../report/write-file.js');
  const { safeCommandLine } = await import('../../report/command-line.js');
  const inventory = await ctx.loadInventory();
  const { evidenceOf } = await import('../../stages/evidence.js');
  const { runAudit } = await import('../../audit/run.js');
  const audit = runAudit(inventory.certificates, config, ctx.now, { evidence: evidenceOf(inventory.stages) });
  const run = { tool: 'acm-advisor', version: ctx.version, command: safeCommandLine(ctx.argv) };
  const { report } = composeReport({ inventory, findings: audit.findings, answers, config, now: ctx.now, knowledgeBase: kb, run });
  const content = opts.format === 'md' ? renderReportMarkdown(report, { summary: opts.summary, sections }) : renderReportJson(report);

  if (outPath) {
    await writeReportFile(outPath, content, { force: opts.force });
    ctx.err(`acm-advisor: wrote ${sanitiseForTerminal(opts.out!)}\n`);
  } else {
    ctx.out(content);
  }

  return isPartial(inventory) ? EXIT.partial : EXIT.ok;
}
