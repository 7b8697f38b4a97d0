/**
 * Reading a file the user named (the audit config, a baseline, an answers file). Each is sized before it
 * is read: real ones are a few kB, and parsing megabytes of YAML takes minutes (domain/input-limits.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../domain/errors.js';
import { fileTooLarge, INPUT_FILE_MAX_BYTES } from '../domain/input-limits.js';

/** The file's text; one over the size limit is an InputError before it is read. Other failures are thrown as they are. */
export async function readCappedText(path: string, label: string): Promise<string> {
  const { size } = await stat(path);
  if (size > INPUT_FILE_MAX_BYTES) throw fileTooLarge(label, size);
  return readFile(path, 'utf8');
}

/** The file's text; a missing, unreadable or oversized file is one InputError naming `label` ("baseline file x.yaml"). */
export async function readInputFile(path: string, label: string): Promise<string> {
  try {
    return await readCappedText(path, label);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${label}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
}
