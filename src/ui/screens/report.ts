/**
 * The Report (key 5): scrolling the preview, and the export flow — e/E open the path prompt, Enter
 * writes, an existing file asks "Overwrite? y/N" (only y overwrites). The preview is the one the view
 * shows (`reportPreviewOf`), so what is exported is what was on screen.
 */
import { sanitiseForTerminal } from '../../domain/text.js';
import { writeExport } from '../export-file.js';
import { defaultReportPath, exportContent, reportPreviewHeight, type ExportFormat } from '../state/report-view.js';
import { pagerExtent } from '../state/scroll.js';
import { reportPreviewOf } from '../state/selectors.js';
import type { CommandHandler, ScreenContext, ScreenKeys } from './context.js';
import { scrollKeys } from './moves.js';

function startWrite(c: ScreenContext, format: ExportFormat, path: string, force: boolean): void {
  const preview = reportPreviewOf(c.state, c.now, c.auditing).preview;
  c.act({ type: 'report-export-writing', force });
  if (!preview) {
    c.act({ type: 'report-export-done', ok: false, message: 'The report is not ready yet: wait for the inventory and the audit to finish.' });
    return;
  }
  const trimmed = path.trim();
  if (trimmed === '') {
    c.act({ type: 'report-export-done', ok: false, message: 'Export cancelled: no file name given.' });
    return;
  }
  let content: string;
  try {
    content = exportContent(preview, format);
  } catch (err) {
    c.act({ type: 'report-export-done', ok: false, message: `Export failed: ${sanitiseForTerminal(err instanceof Error ? err.message : String(err))}` });
    return;
  }
  void writeExport({ cwd: c.cwd, path: trimmed, content, force }).then((outcome) => {
    if (outcome.kind === 'exists') c.dispatch({ type: 'report-export-exists', path: trimmed });
    else c.dispatch({ type: 'report-export-done', ok: outcome.kind === 'written', message: outcome.message });
  });
}

const exportAs =
  (format: ExportFormat): CommandHandler =>
  (c) =>
    c.act({ type: 'report-export-start', format, path: defaultReportPath(c.now, format) });

export const reportKeys: ScreenKeys = {
  commands: {
    ...scrollKeys('report', (c) => pagerExtent(reportPreviewOf(c.state, c.now, c.auditing).preview?.lines.length ?? 0, reportPreviewHeight(c.height))),
    'report.export-md': exportAs('md'),
    'report.export-json': exportAs('json'),
    'prompt.backspace': (c) => {
      const e = c.state.reportView.export;
      if (e.kind === 'input') c.act({ type: 'report-export-input', path: [...e.path].slice(0, -1).join('') });
    },
    'prompt.cancel': (c) => c.act({ type: 'report-export-cancel' }),
    'confirm.no': (c) => c.act({ type: 'report-export-cancel' }),
    'prompt.confirm': (c) => {
      const e = c.state.reportView.export;
      if (e.kind === 'input') startWrite(c, e.format, e.path, false);
    },
    'confirm.yes': (c) => {
      const e = c.state.reportView.export;
      if (e.kind === 'confirm') startWrite(c, e.format, e.path, true);
    },
  },
  text: (c, text) => {
    const e = c.state.reportView.export;
    if (e.kind === 'input') c.act({ type: 'report-export-input', path: e.path + text });
  },
};
