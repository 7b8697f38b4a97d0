import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { managementEventsOf, type TrailState } from '../../domain/trail-coverage.js';
import type { StageContext } from '../stage.js';

/** A trail deleted between DescribeTrails and the next call: it no longer records anything. */
const gone = (error: unknown) => (error as { name?: string } | null)?.name === 'TrailNotFoundException';

export async function read(context: StageContext): Promise<TrailState[]> {
  const client = context.client('cloudtrail', CloudTrailClient);
  const options = { abortSignal: context.signal };
  // The Region's own trails and the copies of every multi-Region (and organisation) trail that covers it.
  const described = await context.paced('cloudtrail:DescribeTrails', () => client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), options));
  const out: TrailState[] = [];
  for (const t of described.trailList ?? []) {
    const arn = t.TrailARN;
    if (!arn || !t.Name) continue;
    try {
      // By ARN: a multi-Region trail's copy in another Region answers only to its ARN (GetTrailStatus, API reference).
      const status = await context.paced('cloudtrail:GetTrailStatus', () => client.send(new GetTrailStatusCommand({ Name: arn }), options));
      // Without custom selectors a trail logs every management event, reads and writes (EventSelector, API reference).
      const selectors =
        t.HasCustomEventSelectors === false ? {} : await context.paced('cloudtrail:GetEventSelectors', () => client.send(new GetEventSelectorsCommand({ TrailName: arn }), options));
      out.push({
        name: t.Name,
        arn,
        homeRegion: t.HomeRegion ?? context.region,
        multiRegion: t.IsMultiRegionTrail === true,
        organization: t.IsOrganizationTrail === true,
        logging: status.IsLogging === true,
        management: managementEventsOf(selectors),
      });
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  return out;
}
