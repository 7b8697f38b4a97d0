import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Files acm-advisor keeps for itself (the inventory cache, the Advisor's session) are trusted
 * only when nobody else could have written them: a regular file, owned by the user running the
 * tool, not writable by group or others, reached without following a symbolic link. Anything
 * else is refused with the reason, never read — so a doctored cache cannot hide a finding, a
 * link cannot send reads or writes outside the folder, and a FIFO in a file's place cannot
 * block the run (files are opened non-blocking and checked before a byte is read).
 *
 * On systems without POSIX owners and modes (Windows) only the file type and links are checked.
 */

export type PrivateRead =
  | { kind: 'absent' }
  | { kind: 'ok'; text: string }
  /** `tooLarge`: the file's size, when that is why (over `maxBytes`). */
  | { kind: 'refused'; reason: string; tooLarge?: number };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

const uid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/** Why these stats are not the user's own private file or folder, or null when they are. */
export function untrusted(stats: Stats, what: 'file' | 'folder'): string | null {
  if (stats.isSymbolicLink()) return 'it is a symbolic link, which is never followed';
  if (what === 'file' && !stats.isFile()) return `it is not a regular file (${kindOf(stats)})`;
  if (what === 'folder' && !stats.isDirectory()) return `it is not a folder (${kindOf(stats)})`;
  const me = uid();
  if (me === null) return null;
  if (stats.uid !== me) return `it belongs to another user (uid ${stats.uid})`;
  if ((stats.mode & 0o022) !== 0) return `other users may write to it (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')})`;
  return null;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return stats.isFile() ? 'a file' : 'an unknown kind';
}

/** Every folder from `root` (included) down to `dir`, in that order; null when `dir` is not inside `root`. */
export function folderChain(root: string, dir: string): string[] | null {
  const rel = relative(root, dir);
  if (rel.startsWith('..') || rel.startsWith(sep)) return null;
  return [root, ...(rel ? rel.split(sep).map((_, i, parts) => join(root, ...parts.slice(0, i + 1))) : [])];
}

/**
 * Every folder from `root` (included) down to `dir`, checked without following links: the first
 * problem as "<path>: <why>", null when all are the user's own, or 'absent' when one does not exist.
 */
export function checkFolders(root: string, dir: string): string | null | 'absent' {
  const chain = folderChain(root, dir);
  if (chain === null) return `${dir}: it is outside ${root}`;
  for (const folder of chain) {
    let stats: Stats;
    try {
      stats = lstatSync(folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'absent';
      return `${folder}: ${(e as NodeJS.ErrnoException).code ?? 'cannot be read'}`;
    }
    // Not a folder (and not a link): nothing can be read below it, as if it were missing.
    if (!stats.isDirectory() && !stats.isSymbolicLink()) return 'absent';
    const why = untrusted(stats, 'folder');
    if (why) return `${folder}: ${why}`;
  }
  return null;
}

/**
 * A private file's text. `root`: the folder it must lie in (every folder from there down is checked
 * too); `maxBytes`: larger files are refused before they are read.
 */
export function readPrivateFile(path: string, options: { root?: string; maxBytes?: number } = {}): PrivateRead {
  if (options.root !== undefined) {
    const folders = checkFolders(options.root, dirname(path));
    if (folders === 'absent') return { kind: 'absent' };
    if (folders !== null) return { kind: 'refused', reason: `the folder ${folders}` };
  }
  let fd: number;
  try {
    // O_NOFOLLOW: a link in the file's place fails (ELOOP) instead of being opened; O_NONBLOCK: a FIFO opens at once.
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    if (code === 'ELOOP' || code === 'EMLINK') return { kind: 'refused', reason: 'it is a symbolic link, which is never followed' };
    return { kind: 'refused', reason: `it cannot be opened (${code ?? (e as Error).message})` };
  }
  try {
    const stats = fstatSync(fd);
    const why = untrusted(stats, 'file');
    if (why) return { kind: 'refused', reason: why };
    if (options.maxBytes !== undefined && stats.size > options.maxBytes) return { kind: 'refused', reason: `it is ${stats.size} bytes, far more than it should hold`, tooLarge: stats.size };
    return { kind: 'ok', text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { kind: 'refused', reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}
