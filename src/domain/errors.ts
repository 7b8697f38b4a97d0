/**
 * Errors the core raises for its callers to word. The core never knows whether a flag, a
 * config file or a key press produced its input, so each shell says it its own way:
 * the CLI prints one line and exits 2, the full-screen app shows it or asks a question.
 */

/** Input that cannot be used (a bad value, an unreadable or malformed file): one sentence, never a stack trace. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Writing would replace a file that is already there, and replacing it was not asked for. */
export class FileExistsError extends Error {
  override readonly name = 'FileExistsError';

  constructor(readonly path: string) {
    super(`${path} already exists`);
  }
}

/**
 * The error a cancelled operation rejects with: named `AbortError`, as fetch and the AWS SDK name theirs, so
 * every layer tells a cancellation from a failure by one test. `reason`: the signal's, kept as the cause.
 */
export function abortError(reason?: unknown): Error {
  const e = new Error('The operation was aborted', reason === undefined ? undefined : { cause: reason });
  e.name = 'AbortError';
  return e;
}
