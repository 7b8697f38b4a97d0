/**
 * What `audit` does after the read: the baseline's acceptances, the comparison with the previous read
 * (--since last), the chosen format, and the exit code. The pieces are pure (src/audit/*, src/cli/format/*);
 * this wires them for the command.
 */
import { resolve } from 'node:path';
import type { CommandContext, PreviousRead } from './context.js';
import { InputError } from '../domain/errors.js';
import { AUDIT_SCHEMA_VERSION, type AuditFormat } from './audit-formats.js';
import { readInputFile } from '../audit/input-file.js';
import { isPartial, type Inventory } from '../domain/inventory.js';
import { severityRank, type AuditResult, type Severity } from '../domain/finding.js';
import { sanitiseForTerminal, toInertJson } from '../domain/text.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { cachedDetailsByRegion } from '../domain/cached-details.js';
import { runAudit } from '../audit/run.js';
import { evidenceOf } from '../stages/evidence.js';
import { RULES } from '../audit/rules/index.js';
import { thresholdHit } from '../audit/severity.js';
import { renderAuditTable } from './format/audit-table.js';
import { findingRecords, type FindingRecord } from '../audit/finding-record.js';
import { applyBaseline, baselineNotices, parseBaseline, type Baseline, type BaselineOutcome } from '../audit/baseline.js';
import { compareWithPrevious, sinceLines, type SinceReport } from '../audit/since.js';
import { renderSarif } from './format/sarif.js';
import { renderJunit } from './format/junit.js';
import { renderAuditCsv } from './format/audit-csv.js';

/** Reads and parses --baseline before any AWS call: a typo in it costs nothing. */
export async function loadBaseline(ctx: CommandContext, file: string): Promise<Baseline> {
  return parseBaseline(await readInputFile(resolve(ctx.cwd, file), `baseline file ${file}`), file);
}

/** The previous read, checked to be possible before the live read replaces it in the cache. */
export async function previousForSince(ctx: CommandContext): Promise<PreviousRead> {
  const previous = await ctx.previousRead();
  if (previous.kind === 'unavailable') throw new InputError(`--since last compares with the previous read in the cache, and ${previous.why}`);
  return previous;
}

export interface AuditOutputInput {
  format: AuditFormat;
  failOn?: Severity;
  rules?: string[];
  config: AuditConfig;
  inventory: Inventory;
  result: AuditResult;
  baseline: Baseline | null;
  previous: PreviousRead | null;
}

/** Writes the audit; says whether --fail-on was crossed (accepted findings never cross it) and whether the read was partial. */
export function writeAudit(ctx: CommandContext, input: AuditOutputInput): { hit: boolean; partial: boolean } {
  const { inventory, result, format } = input;
  let findings: FindingRecord[] = findingRecords(result.findings, inventory.certificates);

  let outcome: BaselineOutcome | null = null;
  if (input.baseline) {
    outcome = applyBaseline(findings, input.baseline, ctx.now);
    findings = outcome.findings;
    for (const line of baselineNotices(outcome, input.baseline.source)) ctx.err(`acm-advisor: ${sanitiseForTerminal(line)}\n`);
  }

  let since: SinceReport | null = null;
  if (input.previous?.kind === 'read') {
    // The previous findings as they stood when that read was taken, by the same rules and thresholds.
    // The stages' saved reads too: without them every finding a stage's evidence raises would read as new.
    const before = runAudit(input.previous.certificates, input.config, new Date(input.previous.savedAt), {
      rules: input.rules,
      evidence: evidenceOf(input.previous.stages),
    });
    const compared = compareWithPrevious({
      previous: { savedAt: input.previous.savedAt, certificates: input.previous.certificates, findings: before.findings },
      current: { certificates: inventory.certificates, findings },
    });
    findings = compared.findings;
    since = compared.since;
  } else if (input.previous?.kind === 'none') {
    ctx.err('acm-advisor: no earlier read of this source in the cache; the next --since last compares with this one\n');
  }

  const accepted = findings.filter((f) => f.status === 'accepted').length;
  switch (format) {
    case 'json': {
      // Where --max-age reused cached details, which regions and how old (absent otherwise).
      const cachedDetails = cachedDetailsByRegion(inventory.certificates);
      ctx.out(
        `${toInertJson({
          schemaVersion: AUDIT_SCHEMA_VERSION,
          findings,
          summary: result.summary,
          ...(input.baseline ? { accepted } : {}),
          notEvaluated: result.notEvaluated,
          ...(outcome && input.baseline ? { baseline: { file: input.baseline.source, expired: outcome.expired, unmatched: outcome.unmatched } } : {}),
          ...(input.previous ? { since } : {}),
          ...(cachedDetails.length ? { cachedDetails } : {}),
          // The run's deadline passed first: notEvaluated names the certificates it left unread.
          ...(inventory.stopped ? { stopped: inventory.stopped } : {}),
        })}\n`,
      );
      break;
    }
    case 'sarif':
      ctx.out(renderSarif(findings, { rules: RULES, toolVersion: ctx.version }));
      break;
    case 'junit':
      ctx.out(renderJunit(findings, { rules: RULES, failOn: input.failOn, timestamp: inventory.generatedAt }));
      break;
    case 'csv':
      ctx.out(renderAuditCsv(findings, ctx.stdoutIsTTY));
      break;
    case 'table': {
      let text = renderAuditTable({ ...result, findings }, { color: ctx.color, certificates: inventory.certificates });
      if (accepted) text += `${accepted} of them accepted by ${sanitiseForTerminal(input.baseline!.source)}: shown, never failing --fail-on until they expire.\n`;
      if (since) {
        const lines = sinceLines(since);
        text += `\nSince the last run (${since.previousAt}): ${lines.length ? '' : 'nothing changed.'}\n${lines.map((l) => `  ${sanitiseForTerminal(l)}\n`).join('')}`;
      }
      ctx.out(text);
      break;
    }
  }
  // In CSV and JUnit the fixed findings have no row of their own: say them on stderr.
  if (since && (format === 'csv' || format === 'junit' || format === 'sarif') && since.findings.fixed.length) {
    ctx.err(`acm-advisor: ${since.findings.fixed.length} finding(s) fixed since the last run (${since.previousAt})\n`);
  }

  // Warnings and failed regions were already reported on stderr as the inventory loaded.
  const partial = isPartial(inventory);
  const failOn = input.failOn;
  const open = findings.filter((f) => f.status !== 'accepted');
  const hit = failOn !== undefined && thresholdHit(open, failOn);
  if (hit) {
    const n = open.filter((f) => severityRank(f.severity) <= severityRank(failOn)).length;
    ctx.err(`acm-advisor: ${n} finding(s) at or above ${failOn}${accepted ? ` (${accepted} accepted by the baseline not counted)` : ''}\n`);
  }
  return { hit, partial };
}
