/**
 * The Report view's one piece of I/O: writing an export. It never clobbers a file it was not told to
 * (`writeReportFile` without force refuses even under a race); an existing file comes back as
 * 'exists' so the screen can ask (screens/report.ts).
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { FileExistsError } from '../domain/errors.js';
import { sanitiseForTerminal } from '../domain/text.js';
import { writeReportFile } from '../report/index.js';

/** Outcome of one write attempt. */
type ExportOutcome = { kind: 'exists' } | { kind: 'written'; message: string } | { kind: 'failed'; message: string };

/** Write the report to `path` (relative to `cwd`); without `force`, an existing file is reported, never touched. */
export async function writeExport(options: { cwd: string; path: string; content: string; force: boolean }): Promise<ExportOutcome> {
  const shown = sanitiseForTerminal(options.path);
  const target = resolve(options.cwd, options.path);
  try {
    if (!options.force && (await stat(target).catch(() => null))) return { kind: 'exists' };
    await writeReportFile(target, options.content, { force: options.force });
    // A relative name says which folder it went to: the app may have been started anywhere.
    const where = isAbsolute(options.path) ? '' : ` in ${sanitiseForTerminal(homeShort(dirname(target)))}`;
    return { kind: 'written', message: `Wrote ${shown}${where}` };
  } catch (e) {
    // Appeared between the check and the write: ask, as for any existing file.
    if (e instanceof FileExistsError) return { kind: 'exists' };
    const message = e instanceof Error ? e.message : String(e);
    return { kind: 'failed', message: `Export failed: ${sanitiseForTerminal(message.split('\n')[0]).replaceAll(target, shown)}` };
  }
}

/** `/home/me/work` as `~/work`: shorter on the status line, and it is how people name their folders. */
function homeShort(path: string): string {
  const home = homedir();
  return home && (path === home || path.startsWith(`${home}/`)) ? `~${path.slice(home.length)}` : path;
}
