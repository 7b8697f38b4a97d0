import type { FailureReason } from '../domain/inventory.js';
import { isAccessDenied } from './errors.js';

/**
 * Why a DescribeCertificate or tag read failed, in the words the region's `detailsFailed`
 * counts by (see domain/completeness.ts): what turns an incomplete record into exit 3 and one
 * stderr line per cause.
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
  // The SDK names a reset connection TimeoutError too; its code says what happened.
  const net = /^(ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN)$/.exec(e?.code ?? '');
  if (net) return { reason: 'network', code: net[1] };
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
