/** An error the fake service answers with; each protocol module renders it in its own wire format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const validation = (message: string) => new AwsError('ValidationException', 400, message);

/** Opaque pagination tokens: base64url JSON, checked on the way back in. */
export function encodeToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken<T extends Record<string, unknown>>(token: string, check: (t: T) => boolean): T | null {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
    return t && typeof t === 'object' && check(t) ? t : null;
  } catch {
    return null;
  }
}

/**
 * One page of `items` from the offset a token carries, with the token for the rest (none on the last
 * page). `scope` pins a token to what it was issued for (a region): a token that does not decode, or
 * was issued for another scope, is answered with `invalid()`.
 */
export function offsetPage<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  invalid: () => AwsError,
  scope: Readonly<Record<string, string>> = {},
): { items: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const t = decodeToken<Record<string, unknown> & { i: number }>(token, (t) => Number.isInteger(t.i) && t.i >= 0 && Object.entries(scope).every(([k, v]) => t[k] === v));
    if (!t) throw invalid();
    start = t.i;
  }
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: encodeToken({ ...scope, i: end }) } : {}) };
}
