import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FileExistsError, InputError } from '../domain/errors.js';

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Writes `content` to `path` atomically: a temporary file in the same folder, flushed,
 * then moved into place, so a reader never sees half a report. Without `force` an
 * existing file is left untouched and a FileExistsError says so (each caller words it:
 * the CLI names --force, the full-screen app asks). The report content is the
 * only thing written; nothing from the credential chain ever reaches this function.
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
  const fh = await open(tmp, 'wx', 0o644).catch((e: unknown) => {
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
  }
}
