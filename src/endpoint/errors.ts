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
