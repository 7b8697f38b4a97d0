/** A usage or input problem: one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes, as PRODUCT.md fixes them. */
export const EXIT = {
  ok: 0,
  threshold: 1,
  usage: 2,
  partial: 3,
} as const;
