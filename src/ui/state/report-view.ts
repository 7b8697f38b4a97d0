/**
 * The Report view's pure state: the preview's scroll position and the export flow
 * (path prompt → overwrite question when the file exists → writing → result). The preview is
 * derived from the app state by `reportPreviewOf` (selectors.ts); the export commands are in
 * screens/report.ts and the file write in export-file.ts.
 */
import { renderReportJson, type Report } from '../../report/index.js';

export type ExportFormat = 'md' | 'json';

type ExportState =
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

/** The export flow's actions (the preview's moves are app-state's 'scroll'). */
export type ReportViewAction =
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
const REPORT_CHROME = 2;

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

export function exportContent(preview: ReportPreview, format: ExportFormat): string {
  return format === 'md' ? preview.markdown : renderReportJson(preview.report);
}
