import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { getDomain } from 'tldts';
import { acmEventOf, type AcmEvent } from '../../domain/provenance.js';
import type { StageContext } from '../stage.js';

/** CloudTrail keeps management events for 90 days, and LookupEvents reads no further back. */
const WINDOW_MS = 90 * 86_400_000;

export async function read(context: StageContext): Promise<AcmEvent[]> {
  const client = context.client('cloudtrail', CloudTrailClient);
  const end = new Date();
  const events: AcmEvent[] = [];
  let token: string | undefined;
  // One paced call a page: the SDK's paginator would take the client, not the pacer.
  do {
    const page = await context.paced('cloudtrail:LookupEvents', () =>
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'acm.amazonaws.com' }],
          StartTime: new Date(end.getTime() - WINDOW_MS),
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
  return events;
}
