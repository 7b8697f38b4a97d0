/**
 * The one report pipeline: inventory + findings (+ questionnaire answers) → advice → report model.
 * The `report` command and the TUI's Report view both call it, so the file a user exports from the
 * screen is the file the command writes for the same data.
 */
import type { Advice } from '../domain/advice.js';
import { countBySeverity, type Finding } from '../domain/finding.js';
import type { Inventory } from '../domain/inventory.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { advise, type Answers, type KnowledgeBase } from '../advisor/index.js';
import { notEvaluatedBy } from '../audit/run.js';
import { evidenceOf } from '../stages/evidence.js';
import { buildReport, type Report, type ReportRun } from './model.js';

export interface ComposeReportInput {
  inventory: Inventory;
  findings: readonly Finding[];
  /** The questionnaire's answers; null leaves the advice sections out. */
  answers: Answers | null;
  config: AuditConfig;
  /** When the report is made; it is never stamped earlier than the inventory it describes. */
  now: Date;
  /** Loaded once by the caller. Null (it failed to load) still gives a report, without facts or advice. */
  knowledgeBase: KnowledgeBase | null;
  /** The tool version and command line for the report's header (the command passes it; the app does not). */
  run?: ReportRun | null;
}

export interface ComposedReport {
  report: Report;
  /** The advice the report carries, null when there were no answers (or no knowledge base). */
  advice: Advice | null;
}

export function composeReport(input: ComposeReportInput): ComposedReport {
  const { inventory, answers, config, knowledgeBase: kb } = input;
  const findings = [...input.findings];
  const generatedAt = reportTime(input.now, inventory.generatedAt);
  const advice = kb && answers ? advise(kb, answers, inventory, findings, config, generatedAt, evidenceOf(inventory.stages)) : null;
  const report = buildReport({
    inventory,
    // Rules that stayed silent only because a field they decide on is unknown: said, not passed.
    audit: { findings, summary: countBySeverity(findings), notEvaluated: notEvaluatedBy(inventory.certificates, findings) },
    advice,
    facts: kb?.facts ?? [],
    config,
    generatedAt,
    run: input.run ?? null,
  });
  return { report, advice };
}


/** The later of the two: a clock read before a long load must not predate the inventory it reports. */
function reportTime(now: Date, inventoryTakenAt: string): Date {
  const taken = Date.parse(inventoryTakenAt);
  return Number.isNaN(taken) || taken <= now.getTime() ? now : new Date(taken);
}
