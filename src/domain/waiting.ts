import { formatAge } from './duration.js';
import { sanitiseForTerminal } from './text.js';

/**
 * Requests still unanswered after the run's threshold, grouped by where they went: what a
 * stalled region is waiting on, so a person can tell "slow" from "stuck" before the timeout.
 */
export interface WaitingRequests {
  /** The API operation, `DescribeCertificate`. */
  operation: string;
  region: string;
  /** The member account read through its role; absent for the caller's own account. */
  accountId?: string;
  /** Requests of this operation in this account-region that have waited past the threshold. */
  count: number;
  /** How long the oldest of them has waited so far, ms: since its first attempt, retries included. */
  waitedMs: number;
  /** The latest attempt among them, when one has been retried (a timeout, a throttle); absent: the first. */
  attempt?: number;
}

/** A wait in words: `0.5 s` below a second, whole seconds below a minute, then `2 min`. */
export function waitLabel(ms: number): string {
  if (ms < 1000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  return formatAge(ms);
}

/** ` (attempt 2)` once retried: a wait longer than --timeout then reads as what it is. */
export function attemptNote(w: Pick<WaitingRequests, 'attempt'>): string {
  return w.attempt && w.attempt > 1 ? ` (attempt ${w.attempt})` : '';
}

/** `eu-west-1`, or `111122223333/eu-west-1` for a member account. */
export function waitingWhere(w: Pick<WaitingRequests, 'region' | 'accountId'>): string {
  return sanitiseForTerminal(w.accountId ? `${w.accountId}/${w.region}` : w.region);
}

/**
 * One line naming what is stuck, longest wait first: `waiting 12 s on DescribeCertificate in
 * eu-west-1` (`… DescribeCertificate ×16 in …` when several of one kind wait in one place, the age the
 * oldest's), or `3 requests waiting > 5 s: DescribeCertificate ×2 in eu-west-1 12 s, …`.
 * Null when nothing waits. Sanitised: the region and account come from user input.
 */
export function waitingSummary(requests: readonly WaitingRequests[], afterMs: number): string | null {
  const total = requests.reduce((n, w) => n + w.count, 0);
  if (total === 0) return null;
  const sorted = [...requests].sort((a, b) => b.waitedMs - a.waitedMs);
  const op = (w: WaitingRequests) => sanitiseForTerminal(w.operation);
  // One kind of request in one place (a stalled region): said once, with how many.
  if (sorted.length === 1) {
    const w = sorted[0];
    return `waiting ${waitLabel(w.waitedMs)} on ${op(w)}${w.count > 1 ? ` ×${w.count}` : ''} in ${waitingWhere(w)}${attemptNote(w)}`;
  }
  const each = sorted.map((w) => `${op(w)}${w.count > 1 ? ` ×${w.count}` : ''} in ${waitingWhere(w)} ${waitLabel(w.waitedMs)}${attemptNote(w)}`);
  return `${total} requests waiting > ${waitLabel(afterMs)}: ${each.join(', ')}`;
}

/**
 * The waits of one region as the UI lists it. A wait without an account is the caller's own:
 * a single-account region (no account id) or, reading several accounts, the caller's entry.
 */
export function waitingIn(
  requests: readonly WaitingRequests[],
  region: { region: string; accountId?: string },
  callerId: string | null,
): WaitingRequests[] {
  return requests.filter(
    (w) => w.region === region.region && (w.accountId ?? callerId ?? undefined) === (region.accountId ?? callerId ?? undefined),
  );
}
