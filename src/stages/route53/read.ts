import { ListResourceRecordSetsCommand, paginateListHostedZones, Route53Client, type HostedZone, type RRType } from '@aws-sdk/client-route-53';
import { decodeRoute53Name, normaliseName, type DnsRecord, type ZoneRead } from '../../domain/serving.js';
import { PageGuard, guardedPages } from '../../aws/page-guard.js';
import type { StageContext } from '../stage.js';


/**
 * Every hosted zone of the account and the records in it that point a name elsewhere (CNAME, alias) or
 * say who may issue for it (CAA). Route 53's
 * quota is account-wide, so every call of the account goes through the one pacer.
 */
export async function read(context: StageContext): Promise<ZoneRead> {
  const { signal } = context;
  const accountId = context.accountId ?? '';
  const client = context.client('route53', Route53Client);
  const zones: HostedZone[] = [];
  for await (const page of guardedPages(
    paginateListHostedZones({ client, pageSize: 100 }, {}, { abortSignal: signal }),
    { run: (call) => context.paced('route53:ListHostedZones', call) },
    new PageGuard('ListHostedZones', 'global'),
    (p) => p.NextMarker,
    signal,
  ))
    zones.push(...(page.HostedZones ?? []));

  const records: DnsRecord[] = [];
  await Promise.all(
    zones.map(async (z) => {
      const zoneId = (z.Id ?? '').replace(/^\/hostedzone\//, '');
      const zoneName = normaliseName(decodeRoute53Name(z.Name ?? ''));
      const privateZone = z.Config?.PrivateZone ?? false;
      const guard = new PageGuard('ListResourceRecordSets', zoneName);
      let next: { name: string; type: RRType } | undefined;
      do {
        const page = await context.paced('route53:ListResourceRecordSets', () =>
          client.send(
            new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, StartRecordName: next?.name, StartRecordType: next?.type }),
            { abortSignal: signal },
          ),
        );
        for (const r of page.ResourceRecordSets ?? []) {
          const base = { accountId, zoneId, zoneName, privateZone, name: normaliseName(decodeRoute53Name(r.Name ?? '')), type: r.Type ?? '' };
          if (r.AliasTarget?.DNSName) {
            records.push({ ...base, target: normaliseName(r.AliasTarget.DNSName), alias: true });
          } else if (r.Type === 'CNAME') {
            for (const v of r.ResourceRecords ?? []) if (v.Value) records.push({ ...base, target: normaliseName(v.Value), alias: false });
          } else if (r.Type === 'CAA') {
            // Kept for the renewal checks, which read the same zones: who may issue for a name.
            for (const v of r.ResourceRecords ?? []) if (v.Value) records.push({ ...base, target: v.Value, alias: false });
          }
        }
        next = page.IsTruncated && page.NextRecordName && page.NextRecordType ? { name: page.NextRecordName, type: page.NextRecordType } : undefined;
        guard.check(next ? `${next.name} ${next.type}` : undefined);
      } while (next);
    }),
  );
  return { zones: zones.map((z) => ({ id: (z.Id ?? '').replace(/^\/hostedzone\//, ''), name: normaliseName(z.Name ?? ''), privateZone: z.Config?.PrivateZone ?? false })), records };
}
