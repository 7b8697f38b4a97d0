import type { DetailFailure, FailureReason } from '../domain/inventory.js';
import { isAccessDenied } from './errors.js';

/**
 * Per-region accounting of certificates whose details or tags could not be read, by cause:
 * what turns "some records are incomplete" into exit 3, one stderr line per cause, and the
 * region's `detailsFailed` in the inventory JSON.
 */

/** The cause of an SDK error, as a stable word, and the code to show next to it. */
export function classifyFailure(error: unknown): { reason: FailureReason; code: string } {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name && e.name !== 'Error' ? e.name : '';
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  const code = name || e?.code || 'Error';
  if (isAccessDenied(error)) return { reason: 'denied', code };
  if (/ExpiredToken|TokenExpired|RequestExpired/i.test(name)) return { reason: 'expired-credentials', code };
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name)) return { reason: 'throttled', code };
  if (name === 'AbortError') return { reason: 'unfinished', code };
  if (name === 'TimeoutError' || /ETIMEDOUT|timed? ?out/i.test(text)) return { reason: 'timeout', code: name || 'TimeoutError' };
  if (/ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up/i.test(text)) {
    const net = /ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN/.exec(text)?.[0] ?? 'ECONNRESET';
    return { reason: 'network', code: net };
  }
  if (name === 'SyntaxError' || /Deserializ|Unexpected token|JSON|not valid/i.test(`${name} ${text}`)) {
    return { reason: 'malformed-response', code: name || 'SyntaxError' };
  }
  return { reason: 'error', code };
}

export class FailureTally {
  private readonly byCause = new Map<string, DetailFailure>();

  add(part: DetailFailure['part'], reason: FailureReason, code: string): void {
    const key = `${part}\u0000${reason}\u0000${code}`;
    const entry = this.byCause.get(key);
    if (entry) entry.count++;
    else this.byCause.set(key, { part, reason, code, count: 1 });
  }

  /** Details before tags, then the largest count first. */
  list(): DetailFailure[] {
    return [...this.byCause.values()].sort(
      (a, b) => (a.part === b.part ? 0 : a.part === 'details' ? -1 : 1) || b.count - a.count || (a.code < b.code ? -1 : 1),
    );
  }
}
