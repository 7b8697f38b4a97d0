import { deadlinePassed } from '../domain/deadline.js';
import { abortError } from '../domain/errors.js';
import type { RegionError } from '../domain/inventory.js';

/**
 * Turns an SDK error from a region into the {code, message} the inventory JSON carries,
 * with a message a person can act on.
 */
export function regionErrorOf(error: unknown, region: string): RegionError {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.name && e.name !== 'Error' ? e.name : 'Error';
  const raw = (e?.message ?? String(error)).split('\n')[0];
  switch (code) {
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation':
      return { code, message: `access denied in ${region}: the credentials lack acm:ListCertificates/acm:DescribeCertificate there (${raw})` };
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return { code, message: `${region} rejected the credentials: the region may not be enabled for this account (${raw})` };
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return {
        code,
        message: `the credentials expired while reading ${region}: sign in again (aws sso login) or refresh the role's session, then retry`,
      };
    case 'AbortError':
      return { code, message: `reading ${region} was cancelled` };
    default:
      if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/i.test(raw)) {
        return { code: code === 'Error' ? 'NetworkError' : code, message: `could not reach ACM in ${region}: ${raw}` };
      }
      return { code, message: raw };
  }
}

export function isAccessDenied(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  return /AccessDenied|UnauthorizedOperation|AuthorizationError/.test(name);
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error as { name?: string })?.name === 'AbortError';
}

/** Stopped by the user (Ctrl+C, `q`): everything read is thrown away. A deadline is not a cancel. */
export function cancelled(signal?: AbortSignal): boolean {
  return signal?.aborted === true && !deadlinePassed(signal);
}

/**
 * `promise`, or an AbortError as soon as `signal` aborts. For waits the SDK cannot cut short
 * (a credential fetch such as an AssumeRole, a request still settling after its abort): the
 * run ends on time and whatever answers later is ignored.
 */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortError(signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

