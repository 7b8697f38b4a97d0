import type { AcmEvent } from '../../domain/provenance.js';
import type { PreviousRead } from '../stage.js';

/**
 * CloudTrail's event history reaches 90 days back, and LookupEvents no further ("You can look up
 * events that occurred in a Region within the last 90 days": CloudTrail API reference, LookupEvents).
 */
export const TRAIL_WINDOW_MS = 90 * 86_400_000;

/**
 * How far before the previous read's start the next one asks again. Events arrive late: "CloudTrail
 * typically delivers logs within an average of about 5 minutes of an API call. This time is not
 * guaranteed." (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html;
 * before 2023 the same page said 15 minutes). An hour is well beyond both, and costs a page or so of
 * events already held, which the merge drops by event id.
 */
export const LATE_DELIVERY_OVERLAP_MS = 60 * 60_000;

/** Where a lookup starts: the previous read's start less the overlap, but never before the 90-day window. */
export function lookupStart(previous: PreviousRead<AcmEvent[]> | null, end: Date): Date {
  const windowStart = end.getTime() - TRAIL_WINDOW_MS;
  if (!previous) return new Date(windowStart);
  return new Date(Math.max(windowStart, Date.parse(previous.readAt) - LATE_DELIVERY_OVERLAP_MS));
}

/**
 * The previous read's events and the new ones as one list, each event once (by CloudTrail's event id;
 * the newer copy wins), none older than `since` (the window's start), newest first — the order a cold
 * read returns, so both give the same list.
 */
export function mergeTrailEvents(previous: readonly AcmEvent[], fresh: readonly AcmEvent[], since: Date): AcmEvent[] {
  const byId = new Map<string, AcmEvent>();
  for (const e of [...previous, ...fresh]) byId.set(e.id, e);
  const floor = since.getTime();
  return [...byId.values()].filter((e) => Date.parse(e.at) >= floor).sort(newestFirst);
}

function newestFirst(a: AcmEvent, b: AcmEvent): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
