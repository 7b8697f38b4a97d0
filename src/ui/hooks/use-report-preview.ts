/**
 * The Report view's I/O: writing the export (asking first when the file exists — `writeReportFile`
 * without force refuses to clobber even under a race). The preview itself is derived from the app
 * state (selectors.ts).
 */
import type { Command } from '../keymap.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { useRef, type Dispatch } from 'react';
import { FileExistsError } from '../../domain/errors.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { writeReportFile } from '../../report/index.js';
import type { Action, AppState } from '../state/app-state.js';
import { defaultReportPath, exportContent, type ExportFormat } from '../state/report-view.js';
import type { ReportPreviewState } from '../state/selectors.js';

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
