import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { getDomain } from 'tldts';
import { acmEventOf, type AcmEvent } from '../../domain/provenance.js';
import type { StageContext } from '../stage.js';
import { mergeTrailEvents, TRAIL_WINDOW_MS, lookupStart } from './incremental.js';

/**
 * ACM's management events in the region, newest first. With a previous read (the cache's), only the
 * events since it are asked for — from its start less an overlap for late deliveries — and merged
 * with it; without one, the whole 90 days.
 */
export async function read(context: StageContext<AcmEvent[]>): Promise<AcmEvent[]> {
  const client = context.client('cloudtrail', CloudTrailClient);
  const end = new Date();
  const start = lookupStart(context.previous, end);
  const events: AcmEvent[] = [];
  let token: string | undefined;
  // One paced call a page: the SDK's paginator would take the client, not the pacer.
  do {
    const page = await context.paced('cloudtrail:LookupEvents', () =>
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'acm.amazonaws.com' }],
          StartTime: start,
          EndTime: end,
          MaxResults: 50,
          NextToken: token,
        }),
        { abortSignal: context.signal },
      ),
    );
    for (const record of page.Events ?? []) {
      const event = acmEventOf(record, context.region, (name) => getDomain(name));
      if (event) events.push(event);
    }
    token = page.NextToken;
  } while (token);
  return mergeTrailEvents(context.previous?.data ?? [], events, new Date(end.getTime() - TRAIL_WINDOW_MS));
}
