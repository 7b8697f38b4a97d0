import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialsError } from '../aws/credentials-error.js';
import { EstateError } from '../aws/estate-error.js';
import { FileExistsError, InputError } from '../domain/errors.js';
import { terminalLine } from '../domain/text.js';
import { EXIT } from './errors.js';

/** What the details file records beside the error, so a bug report needs nothing else. */
export interface RunFacts {
  version: string;
  argv: readonly string[];
}

/**
 * Usage and input errors (a bad flag or file, no credentials, an estate that cannot be listed):
 * their one sentence, exit 2. Anything else is a bug of ours: one line naming it and the file the
 * details went to, exit 4 — never a stack trace on the terminal, never a result's exit code.
 * Messages echo user input and AWS text, so they pass the terminal sanitiser.
 */
export function reportFailure(error: unknown, facts: RunFacts, stderr: Pick<NodeJS.WriteStream, 'write'> = process.stderr): number {
  if (error instanceof FileExistsError) {
    stderr.write(`acm-advisor: ${terminalLine(error.path)} already exists; pass --force to overwrite it\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError || error instanceof CredentialsError || error instanceof EstateError) {
    stderr.write(`acm-advisor: ${terminalLine(error.message)}\n`);
    return EXIT.usage;
  }
  const first = terminalLine((error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/[:\s]+$/, '') || 'unknown error');
  const where = saveDetails(error, facts);
  stderr.write(
    `acm-advisor: internal error: ${first}; ${where ? `details in ${terminalLine(where)}` : 'the details could not be saved'} (please include them in a bug report)\n`,
  );
  return EXIT.internal;
}

/** Writes the error, its causes and the run's facts to a new private folder under the OS temp folder. */
function saveDetails(error: unknown, facts: RunFacts): string | null {
  try {
    // mkdtemp: a fresh 0700 folder, so nobody else can plant or read the file.
    const dir = mkdtempSync(join(tmpdir(), 'acm-advisor-error-'));
    const file = join(dir, 'details.txt');
    const lines = [
      `acm-advisor ${facts.version} internal error at ${new Date().toISOString()}`,
      `node ${process.version} on ${process.platform}-${process.arch}`,
      `arguments: ${JSON.stringify(facts.argv)}`,
      '',
    ];
    for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
      lines.push(depth === 0 ? 'error:' : 'caused by:', e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e), '');
      e = e instanceof Error ? e.cause : undefined;
    }
    writeFileSync(file, lines.join('\n'), { mode: 0o600, flag: 'wx' });
    return file;
  } catch {
    return null;
  }
}
