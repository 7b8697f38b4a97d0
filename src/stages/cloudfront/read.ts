import { CloudFrontClient, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import type { DistributionRecord } from '../../domain/serving.js';
import { PageGuard, guardedPages } from '../../aws/page-guard.js';
import type { StageContext } from '../stage.js';

/** Every distribution of the account, with its aliases, certificate, security policy and origins' protocol policies. */
export async function read(context: StageContext): Promise<DistributionRecord[]> {
  const { signal } = context;
  const accountId = context.accountId ?? '';
  const client = context.client('cloudfront', CloudFrontClient);
  const out: DistributionRecord[] = [];
  for await (const page of guardedPages(
    paginateListDistributions({ client, pageSize: 100 }, {}, { abortSignal: signal }),
    { run: (call) => context.paced('cloudfront:ListDistributions', call) },
    new PageGuard('ListDistributions', 'global'),
    (p) => p.DistributionList?.NextMarker,
    signal,
  )) {
    for (const d of page.DistributionList?.Items ?? []) {
      const viewer = d.ViewerCertificate;
      const certificateArn = viewer?.ACMCertificateArn ?? (viewer?.CertificateSource === 'acm' ? (viewer.Certificate ?? null) : null);
      out.push({
        accountId,
        id: d.Id ?? '',
        arn: d.ARN ?? `arn:aws:cloudfront::${accountId}:distribution/${d.Id ?? ''}`,
        domainName: (d.DomainName ?? '').toLowerCase(),
        aliases: d.Aliases?.Items ?? [],
        certificateArn: certificateArn || null,
        // With CloudFront's own certificate the policy is fixed at TLSv1 whatever is set: only an own certificate's counts.
        minimumProtocolVersion: certificateArn ? (viewer?.MinimumProtocolVersion ?? null) : null,
        originProtocols: (d.Origins?.Items ?? []).map((o) => o.CustomOriginConfig?.OriginProtocolPolicy ?? 's3'),
      });
    }
  }
  return out;
}
