/**
 * What the views derive from the app state, each computed once per change of what it reads:
 * the inventory (`inventoryOf`), the audit's findings (`findingsOf`), what the inventory says per
 * question (`evidenceOf`), the advice (`adviceOf`), the Advisor's screen model and the report preview.
 * Pure: the knowledge base and the audit settings are in the state, loaded once at start.
 *
 * `now` is the App's clock reading for the frame (one per data change); it dates an inventory whose
 * load has not finished and dates the report.
 */
import type { Advice } from '../../domain/advice.js';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { AccountIdentity, AccountState, Inventory, InventoryOrigin, RegionError, RegionState, StageRead } from '../../domain/inventory.js';
import { EMPTY_FOLD, inventoryOfFold } from '../../domain/inventory-fold.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { advise, collectEvidence, decide, ownerLabel, type Answers, type Evidence, type KnowledgeBase } from '../../advisor/index.js';
import { composeReport } from '../../report/compose.js';
import { renderReportMarkdown } from '../../report/index.js';
import { evidenceOf as stageEvidenceOf } from '../../stages/evidence.js';
import { readsOf } from '../../stages/index.js';
import type { AppState } from './app-state.js';
import type { StageSection } from './detail-lines.js';
import { cursorOf, currentQuestion, progressOf, unselectedBecause, type AdvisorModel } from './advisor-view.js';
import { memoLast } from './memo.js';
import type { ReportPreview } from './report-view.js';

const buildInventory = memoLast(
  (
    certificates: readonly Certificate[],
    account: AccountIdentity | null,
    regions: RegionState[],
    warnings: string[],
    generatedAt: string,
    accounts: AccountState[] | null,
    origin: InventoryOrigin | null,
    stages: readonly StageRead[],
    stopped: RegionError | null,
    cachedAt: string | null,
  ): Inventory =>
    inventoryOfFold({ certificates, account, regions, warnings, generatedAt: null, accounts, origin, stages, stopped, cachedAt, waiting: null, arnIndex: EMPTY_FOLD.arnIndex }, generatedAt),
);

/**
 * The app's data as one Inventory (the fold's, domain/inventory-fold.ts), built once per data change.
 * Dated by the load's own `done` event (when the inventory was taken), or — while it loads, or when it
 * failed — by `now`.
 */
export function inventoryOf(state: AppState, now: Date): Inventory {
  return buildInventory(
    state.certificates,
    state.account,
    state.regions,
    state.warnings,
    state.generatedAt ?? now.toISOString(),
    state.accounts,
    state.origin,
    state.stages,
    state.stopped,
    state.cachedAt,
  );
}

/** What each read stage says about one certificate, in the stages' order (the detail pane's stage sections). */
export function stageSectionsOf(state: AppState, certificate: Certificate): StageSection[] {
  return state.stageKinds.map((stage) => ({ title: stage.title, facts: stage.about(certificate, readsOf(stage, state.stages)) }));
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** The audit's findings for the current load; none until the audit has run. */
export function findingsOf(state: AppState): readonly Finding[] {
  return state.findings ?? NO_FINDINGS;
}

const buildEvidence = memoLast(
  (kb: KnowledgeBase, inventory: Inventory, findings: readonly Finding[], config: AuditConfig, at: number): Record<string, Evidence> =>
    collectEvidence(kb, inventory, [...findings], config, new Date(at), readEvidenceOf(inventory.stages)),
);

/** What the read stages found (the imports' trust, CAA), once per change of the stages' reads. */
export const readEvidenceOf = memoLast((stages: readonly StageRead[] | undefined) => stageEvidenceOf(stages));

/** What the inventory says about each question; null while the inventory loads (or without the advisor). */
export function evidenceOf(state: AppState, now: Date): Record<string, Evidence> | null {
  const kb = state.advisor.kb;
  if (!kb || state.load.status === 'loading') return null;
  return buildEvidence(kb, inventoryOf(state, now), findingsOf(state), state.config, now.getTime());
}

const NO_PROPOSALS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Question id → the inventory's suggested answer (places the Advisor's cursor; never answers). */
export const proposalsOf = (state: AppState, now: Date): Record<string, string> => buildProposals(evidenceOf(state, now));

const buildProposals = memoLast((evidence: Record<string, Evidence> | null): Record<string, string> => {
  if (!evidence) return NO_PROPOSALS;
  const out: Record<string, string> = {};
  for (const [id, e] of Object.entries(evidence)) if (e.proposed) out[id] = e.proposed.value;
  return out;
});

const buildAdvice = memoLast(
  (kb: KnowledgeBase, answers: Record<string, string>, workload: string | null, inventory: Inventory, findings: readonly Finding[], config: AuditConfig, at: number) => ({
    advice: advise(kb, { workload, answers }, inventory, [...findings], config, new Date(at), readEvidenceOf(inventory.stages)),
    summary: decide(kb, { workload, answers }).rule.summary,
  }),
);

/** The recommendation and plan for the answers so far; null without the advisor. */
export function adviceOf(state: AppState, now: Date): Advice | null {
  return adviceAndSummary(state, now)?.advice ?? null;
}

function adviceAndSummary(state: AppState, now: Date): { advice: Advice; summary: string } | null {
  const { kb, questionnaire: q } = state.advisor;
  if (!kb || !q) return null;
  return buildAdvice(kb, q.answers, q.workload, inventoryOf(state, now), findingsOf(state), state.config, now.getTime());
}

/** What the Advisor view renders. */
export function advisorModelOf(state: AppState, now: Date): AdvisorModel {
  const { kb, questionnaire: q, notice, error } = state.advisor;
  if (!kb || !q) return { kind: 'error', message: error ?? 'The advisor is unavailable.' };
  try {
    const { visible, answered } = progressOf(kb, q);
    const common = {
      total: visible.length,
      answered,
      notice,
      confirmReset: q.confirmReset,
      // The session file may have been edited by hand: what reaches the terminal is sanitised.
      workload: q.workload === null ? null : sanitiseForTerminal(q.workload),
      owner: state.advisor.owner ? sanitiseForTerminal(ownerLabel(state.advisor.owner)) : null,
    };
    if (q.showResult) {
      const { advice, summary } = adviceAndSummary(state, now)!;
      return { ...common, kind: 'result', advice, summary, loading: state.load.status === 'loading' };
    }
    const question = currentQuestion(kb, q);
    const position = visible.findIndex((x) => x.id === question.id) + 1;
    return {
      ...common,
      kind: 'question',
      question,
      position: position > 0 ? position : 1,
      cursor: cursorOf(q, { kb, proposals: proposalsOf(state, now) }),
      unselected: unselectedBecause(q, { kb, proposals: proposalsOf(state, now) }),
      nothingChosen: q.nothingChosen === true,
      answer: q.answers[question.id],
      evidence: evidenceOf(state, now)?.[question.id] ?? null,
      partial: state.load.status === 'failed',
    };
  } catch (e) {
    return { kind: 'error', message: sanitiseForTerminal(`The advisor failed: ${(e as Error).message}`) };
  }
}

export interface ReportPreviewState {
  /** 'loading' until the inventory has loaded, 'auditing' until the findings are in. */
  status: 'loading' | 'auditing' | 'ready' | 'error';
  preview: ReportPreview | null;
  error: string | null;
  /** The Advisor's notice (a corrupt session ignored, a failed save), shown beside the advice line. */
  sessionWarning: string | null;
}

const buildPreview = memoLast(
  (
    inventory: Inventory,
    findings: readonly Finding[],
    kb: KnowledgeBase | null,
    kbError: string | null,
    given: Record<string, string> | null,
    workload: string | null,
    config: AuditConfig,
    at: number,
  ): ReportPreview => {
    const now = new Date(at);
    let advice: ReportPreview['advice'] = workload ? { kind: 'none', workload } : { kind: 'none' };
    const answered = given ? Object.keys(given).length : 0;
    const answers: Answers | null = given ? { workload, answers: given } : null;
    let composed;
    if (answers && answered > 0) {
      try {
        if (!kb) throw new Error(kbError ?? 'the knowledge base is not loaded');
        composed = composeReport({ inventory, findings, answers, config, now, knowledgeBase: kb });
        advice = { kind: 'included', answered, workload: answers.workload };
      } catch (e) {
        // The report still has the inventory and the findings.
        advice = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    }
    composed ??= composeReport({ inventory, findings, answers: null, config, now, knowledgeBase: kb });
    const markdown = renderReportMarkdown(composed.report);
    const lines = markdown.replace(/\n+$/, '').split('\n').map((l) => sanitiseForTerminal(l));
    return { report: composed.report, markdown, lines, advice };
  },
);

/**
 * The Report view's preview: the report exactly as the `report` command composes it, with the
 * questionnaire's answers once there is at least one. `auditing`: an audit runs and has not answered yet.
 */
export function reportPreviewOf(state: AppState, now: Date, auditing: boolean): ReportPreviewState {
  const sessionWarning = state.advisor.notice;
  if (state.load.status === 'loading') return { status: 'loading', preview: null, error: null, sessionWarning };
  if (auditing) return { status: 'auditing', preview: null, error: null, sessionWarning };
  const { kb, error, questionnaire: q } = state.advisor;
  try {
    const preview = buildPreview(inventoryOf(state, now), findingsOf(state), kb, error, q?.answers ?? null, q?.workload ?? null, state.config, now.getTime());
    return { status: 'ready', preview, error: null, sessionWarning };
  } catch (e) {
    return { status: 'error', preview: null, error: sanitiseForTerminal(e instanceof Error ? e.message : String(e)), sessionWarning };
  }
}
