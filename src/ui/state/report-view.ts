/**
 * The Report view's pure state: the preview's scroll position and the export flow
 * (path prompt → overwrite question when the file exists → writing → result), plus the pure
 * builder of the preview (report model, Markdown, sanitised lines) from the app's data.
 * File I/O lives in hooks/use-report-preview.ts; nothing here touches the disk except the
 * advisor's cached knowledge base.
 */
import type { Certificate } from '../../domain/certificate.js';
import type { Advice } from '../../domain/advice.js';
import type { Finding, SeveritySummary } from '../../domain/finding.js';
import { SEVERITIES } from '../../domain/finding.js';
import type { AccountIdentity, Inventory, RegionState } from '../../domain/inventory.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../../domain/thresholds.js';
import { advise, loadFacts, loadKnowledgeBase, type SessionState } from '../../advisor/index.js';
import { buildReport, renderReportJson, renderReportMarkdown, type Report } from '../../report/index.js';

export type ExportFormat = 'md' | 'json';

export type ExportState =
  | { kind: 'idle' }
  /** The path prompt has the keys. */
  | { kind: 'input'; format: ExportFormat; path: string }
  /** The file exists: "Overwrite? y/N" has the keys. */
  | { kind: 'confirm'; format: ExportFormat; path: string }
  | { kind: 'writing'; format: ExportFormat; path: string; force: boolean }
  | { kind: 'result'; ok: boolean; message: string };

export interface ReportViewState {
  scroll: number;
  export: ExportState;
}

export const INITIAL_REPORT_VIEW: ReportViewState = { scroll: 0, export: { kind: 'idle' } };

export type ReportViewAction =
  | { type: 'report-scroll'; delta: number; max: number }
  | { type: 'report-export-start'; format: ExportFormat; path: string }
  | { type: 'report-export-input'; path: string }
  | { type: 'report-export-cancel' }
  | { type: 'report-export-writing'; force: boolean }
  | { type: 'report-export-exists'; path: string }
  | { type: 'report-export-done'; ok: boolean; message: string };

/** The modes the export flow puts the app in (app-state's Mode includes them). */
type ReportMode = 'normal' | 'prompt' | 'confirm';

export function reportReducer<S extends { mode: string; reportView: ReportViewState }>(state: S, action: ReportViewAction): S {
  const rv = state.reportView;
  const set = (reportView: ReportViewState, mode?: ReportMode): S => ({ ...state, reportView, ...(mode ? { mode } : {}) }) as S;
  switch (action.type) {
    case 'report-scroll': {
      const scroll = Math.max(0, Math.min(action.max, rv.scroll + action.delta));
      return scroll === rv.scroll ? state : set({ ...rv, scroll });
    }
    case 'report-export-start':
      return set({ ...rv, export: { kind: 'input', format: action.format, path: action.path } }, 'prompt');
    case 'report-export-input':
      return rv.export.kind === 'input' ? set({ ...rv, export: { ...rv.export, path: action.path } }) : state;
    case 'report-export-cancel': {
      const e = rv.export;
      if (e.kind === 'confirm') return set({ ...rv, export: { kind: 'result', ok: false, message: `Kept ${e.path}; nothing written.` } }, 'normal');
      if (e.kind === 'input') return set({ ...rv, export: { kind: 'result', ok: false, message: 'Export cancelled.' } }, 'normal');
      return state;
    }
    case 'report-export-writing': {
      const e = rv.export;
      if (e.kind !== 'input' && e.kind !== 'confirm') return state;
      return set({ ...rv, export: { kind: 'writing', format: e.format, path: e.kind === 'input' ? e.path.trim() : e.path, force: action.force } }, 'normal');
    }
    case 'report-export-exists': {
      const e = rv.export;
      if (e.kind !== 'writing' || e.path !== action.path) return state;
      return set({ ...rv, export: { kind: 'confirm', format: e.format, path: e.path } }, 'confirm');
    }
    case 'report-export-done':
      if (rv.export.kind !== 'writing') return state;
      return set({ ...rv, export: { kind: 'result', ok: action.ok, message: action.message } });
  }
}

/** `acm-report-YYYY-MM-DD.md` (UTC date), relative to the working folder. */
export function defaultReportPath(now: Date, format: ExportFormat): string {
  return `acm-report-${now.toISOString().slice(0, 10)}.${format}`;
}

/** Lines above and below the preview: the advice banner and the export line. */
export const REPORT_CHROME = 2;

export function reportPreviewHeight(height: number): number {
  return Math.max(1, height - REPORT_CHROME);
}

export interface ReportPreview {
  report: Report;
  markdown: string;
  /** The Markdown's lines, sanitised for the terminal. */
  lines: string[];
  /**
   * Whether the advice section is in: 'none' (no answers yet — the workload, when already named, is
   * reported with it), 'included', or an error message.
   */
  advice: { kind: 'none'; workload?: string } | { kind: 'included'; answered: number; workload: string | null } | { kind: 'error'; message: string };
}

export interface PreviewInput {
  certificates: readonly Certificate[];
  findings: readonly Finding[];
  account: AccountIdentity | null;
  regions: readonly RegionState[];
  warnings: readonly string[];
  session: SessionState | null;
  now: Date;
  /** The audit's settings (owner tag, expiry thresholds) as the report states them; defaults when omitted. */
  config?: AuditConfig;
}

/** The app state's data as an Inventory, for the report and the advisor. */
export function inventoryFromState(input: Pick<PreviewInput, 'certificates' | 'account' | 'regions' | 'warnings' | 'now'>): Inventory {
  return {
    generatedAt: input.now.toISOString(),
    account: input.account,
    regions: input.regions.map((r) => ({ ...r })),
    certificates: [...input.certificates],
    warnings: [...input.warnings],
  };
}

export function summaryOf(findings: readonly Finding[]): SeveritySummary {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeveritySummary;
  for (const f of findings) summary[f.severity]++;
  return summary;
}

/** Build the report exactly as the `report` command would, with the session's answers when there are any. */
export function buildPreview(input: PreviewInput): ReportPreview {
  const inventory = inventoryFromState(input);
  const findings = [...input.findings];
  let advice: Advice | null = null;
  const session = input.session;
  let adviceState: ReportPreview['advice'] = session?.workload ? { kind: 'none', workload: session.workload } : { kind: 'none' };
  if (session && Object.keys(session.answers).length > 0) {
    try {
      advice = advise(loadKnowledgeBase(), { workload: session.workload, answers: session.answers }, inventory, findings, input.now);
      adviceState = { kind: 'included', answered: Object.keys(session.answers).length, workload: session.workload };
    } catch (e) {
      adviceState = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
  let facts: ReturnType<typeof loadFacts> = [];
  try {
    facts = loadFacts();
  } catch {
    // The knowledge base failed to load: the report still has inventory and findings.
  }
  const report = buildReport({
    inventory,
    audit: { findings, summary: summaryOf(findings) },
    advice,
    facts,
    config: input.config ?? DEFAULT_AUDIT_CONFIG,
    generatedAt: input.now,
  });
  const markdown = renderReportMarkdown(report);
  const lines = markdown.replace(/\n+$/, '').split('\n').map((l) => sanitiseForTerminal(l));
  return { report, markdown, lines, advice: adviceState };
}

export function exportContent(preview: ReportPreview, format: ExportFormat): string {
  return format === 'md' ? preview.markdown : renderReportJson(preview.report);
}

/** A cursor move as a scroll delta for a pane of `page` lines that can scroll `max` lines. */
export function scrollDelta(move: 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom', page: number, max: number): number {
  switch (move) {
    case 'up':
      return -1;
    case 'down':
      return 1;
    case 'page-up':
      return -page;
    case 'page-down':
      return page;
    case 'top':
      return -max;
    case 'bottom':
      return max;
  }
}
