import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileExistsError, InputError } from '../domain/errors.js';

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

const CLEANUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Removes `tmp` if the process is interrupted (Ctrl+C, SIGTERM, a closed terminal) or exits while
 * it exists; returns the function that stands this down. When nothing else handles the signal,
 * the signal is raised again once the file is gone, so the process still dies of it (exit status
 * 130/143/129 to a shell) — a report half-written is not a reason to outlive a Ctrl+C. When
 * something else does (the full-screen app ends itself on these signals), that handler decides.
 */
function removeOnInterrupt(tmp: string): () => void {
  const remove = () => {
    try {
      unlinkSync(tmp);
    } catch {
      // already moved into place or removed
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    standDown();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const standDown = () => {
    for (const s of CLEANUP_SIGNALS) process.off(s, onSignal);
    process.off('exit', remove);
  };
  for (const s of CLEANUP_SIGNALS) process.on(s, onSignal);
  process.on('exit', remove);
  return standDown;
}

/**
 * Writes `content` to `path` atomically: a temporary file in the same folder, flushed,
 * then moved into place, so a reader never sees half a report. Without `force` an
 * existing file is left untouched and a FileExistsError says so (each caller words it:
 * the CLI names --force, the full-screen app asks). The report content is the
 * only thing written; nothing from the credential chain ever reaches this function. The temporary
 * file never outlives the process, even when it is interrupted mid-write (removeOnInterrupt).
 */
export async function writeReportFile(path: string, content: string, opts: { force?: boolean } = {}): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);

  const dirStat = await stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new InputError(`cannot write ${path}: folder ${dir} does not exist`);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new InputError(`cannot write ${path}: it is a folder`);
  if (existing && !opts.force) throw new FileExistsError(path);

  const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // Armed before the file exists: a signal the moment open() creates it must not leave it behind.
  const standDown = removeOnInterrupt(tmp);
  const fh = await open(tmp, 'wx', 0o644).catch((e: unknown) => {
    standDown();
    throw new InputError(`cannot write ${path}: ${errCode(e) ?? String(e)}`);
  });
  try {
    try {
      await fh.writeFile(content, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.force) {
      await rename(tmp, target);
      return;
    }
    // link() fails with EEXIST if the file appeared since the check: no clobbering
    // even under a race. Some filesystems cannot hard-link; fall back to rename.
    try {
      await link(tmp, target);
    } catch (e) {
      const code = errCode(e);
      if (code === 'EEXIST') throw new FileExistsError(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
      if (await stat(target).catch(() => null)) throw new FileExistsError(path);
      await rename(tmp, target);
      return;
    }
    await unlink(tmp).catch(() => undefined);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    if (e instanceof InputError || e instanceof FileExistsError) throw e;
    throw new InputError(`cannot write ${path}: ${errCode(e) ?? (e instanceof Error ? e.message : String(e))}`);
  } finally {
    standDown();
  }
}
