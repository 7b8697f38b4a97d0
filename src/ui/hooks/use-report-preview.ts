/**
 * The Report view's I/O: reading the Advisor's saved session when the view opens (and on refresh),
 * building the preview while the view is shown, and writing the export (asking first when the file
 * exists — `writeReportFile` without force refuses to clobber even under a race).
 */
import type { Command } from '../keymap.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useMemo, useRef, type Dispatch } from 'react';
import { loadSession, type SessionState } from '../../advisor/index.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { FileExistsError } from '../../domain/errors.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { writeReportFile } from '../../report/index.js';
import type { Action, AppState } from '../state/app-state.js';
import { buildPreview, defaultReportPath, exportContent, type ExportFormat, type ReportPreview } from '../state/report-view.js';

export interface ReportPreviewState {
  /** 'loading' until the inventory has loaded, 'auditing' until the findings are in. */
  status: 'loading' | 'auditing' | 'ready' | 'error';
  preview: ReportPreview | null;
  error: string | null;
  /** A problem reading the saved advisor session (it is then ignored). */
  sessionWarning: string | null;
}

const IDLE: ReportPreviewState = { status: 'loading', preview: null, error: null, sessionWarning: null };

export function useReportPreview(options: {
  active: boolean;
  state: AppState;
  configDir: string;
  now: Date;
  auditing: boolean;
  auditConfig?: AuditConfig;
}): ReportPreviewState {
  const { active, state, configDir, now, auditing, auditConfig } = options;
  // Re-read the session each time the view opens and on refresh (epoch): the Advisor saves as it goes.
  const session = useMemo((): { value: SessionState | null; warning: string | null } => {
    if (!active) return { value: null, warning: null };
    let warning: string | null = null;
    const value = loadSession(configDir, (m) => {
      warning = sanitiseForTerminal(m);
    });
    return { value, warning };
  }, [active, state.epoch, configDir]);

  const loaded = state.load.status !== 'loading';
  return useMemo((): ReportPreviewState => {
    if (!active) return IDLE;
    if (!loaded) return { ...IDLE, sessionWarning: session.warning };
    if (auditing) return { ...IDLE, status: 'auditing', sessionWarning: session.warning };
    try {
      const preview = buildPreview({
        certificates: state.certificates,
        findings: state.findings ?? [],
        account: state.account,
        regions: state.regions,
        warnings: state.warnings,
        session: session.value,
        now,
        config: auditConfig,
      });
      return { status: 'ready', preview, error: null, sessionWarning: session.warning };
    } catch (e) {
      return { status: 'error', preview: null, error: sanitiseForTerminal(e instanceof Error ? e.message : String(e)), sessionWarning: session.warning };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, loaded, auditing, state.certificates, state.findings, state.account, state.regions, session, now, auditConfig]);
}

/** Outcome of one write attempt. */
export type ExportOutcome = { kind: 'exists' } | { kind: 'written'; message: string } | { kind: 'failed'; message: string };

/** Write the report to `path` (relative to `cwd`); without `force`, an existing file is reported, never touched. */
export async function writeExport(options: { cwd: string; path: string; content: string; force: boolean }): Promise<ExportOutcome> {
  const shown = sanitiseForTerminal(options.path);
  const target = resolve(options.cwd, options.path);
  try {
    if (!options.force && (await stat(target).catch(() => null))) return { kind: 'exists' };
    await writeReportFile(target, options.content, { force: options.force });
    return { kind: 'written', message: `Wrote ${shown}` };
  } catch (e) {
    // Appeared between the check and the write: ask, as for any existing file.
    if (e instanceof FileExistsError) return { kind: 'exists' };
    const message = e instanceof Error ? e.message : String(e);
    return { kind: 'failed', message: `Export failed: ${sanitiseForTerminal(message.split('\n')[0]).replaceAll(target, shown)}` };
  }
}

export interface ReportCommandEnv {
  cwd: string;
  now: Date;
  preview: ReportPreviewState;
  /** Applies the action to the key handler's local state and dispatches it. */
  act: (a: Action) => void;
  /** For results that arrive after the key handler returned. */
  dispatch: Dispatch<Action>;
}

export type ReportCommand = Extract<
  Command,
  'report.export-md' | 'report.export-json' | 'prompt.confirm' | 'prompt.cancel' | 'prompt.backspace' | 'confirm.yes' | 'confirm.no'
>;

/** The Report view's export commands, for the App's key handler. */
export function runReportCommand(command: ReportCommand, s: AppState, env: ReportCommandEnv): void {
  const e = s.reportView.export;
  const startWrite = (format: ExportFormat, path: string, force: boolean) => {
    const preview = env.preview.preview;
    env.act({ type: 'report-export-writing', force });
    if (!preview) {
      env.act({ type: 'report-export-done', ok: false, message: 'The report is not ready yet: wait for the inventory and the audit to finish.' });
      return;
    }
    const trimmed = path.trim();
    if (trimmed === '') {
      env.act({ type: 'report-export-done', ok: false, message: 'Export cancelled: no file name given.' });
      return;
    }
    let content: string;
    try {
      content = exportContent(preview, format);
    } catch (err) {
      env.act({ type: 'report-export-done', ok: false, message: `Export failed: ${sanitiseForTerminal(err instanceof Error ? err.message : String(err))}` });
      return;
    }
    void writeExport({ cwd: env.cwd, path: trimmed, content, force }).then((outcome) => {
      if (outcome.kind === 'exists') env.dispatch({ type: 'report-export-exists', path: trimmed });
      else env.dispatch({ type: 'report-export-done', ok: outcome.kind === 'written', message: outcome.message });
    });
  };
  switch (command) {
    case 'report.export-md':
    case 'report.export-json': {
      const format: ExportFormat = command === 'report.export-md' ? 'md' : 'json';
      env.act({ type: 'report-export-start', format, path: defaultReportPath(env.now, format) });
      break;
    }
    case 'prompt.backspace':
      if (e.kind === 'input') env.act({ type: 'report-export-input', path: [...e.path].slice(0, -1).join('') });
      break;
    case 'prompt.cancel':
    case 'confirm.no':
      env.act({ type: 'report-export-cancel' });
      break;
    case 'prompt.confirm':
      if (e.kind === 'input') startWrite(e.format, e.path, false);
      break;
    case 'confirm.yes':
      if (e.kind === 'confirm') startWrite(e.format, e.path, true);
      break;
  }
}

/** Typed text for the path prompt. */
export function reportTextAction(s: AppState, text: string): Action | null {
  const e = s.reportView.export;
  return e.kind === 'input' ? { type: 'report-export-input', path: e.path + text } : null;
}

/** Keeps the latest preview for the key handler (which reads state through refs). */
export function useLatest<T>(value: T): { current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
