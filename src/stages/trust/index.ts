import { z } from 'zod';
import { defineStage } from '../stage.js';

/**
 * Who issued each imported certificate, read from the certificate itself (GetCertificate: the public
 * certificate and chain, never the key): publicly trusted or not by chain verification, its CA/Browser
 * Forum validation level, and whether it signs itself.
 */

export const TrustData = z.array(
  z.object({
    arn: z.string(),
    publiclyTrusted: z.boolean().nullable(),
    validation: z.enum(['DV', 'OV', 'EV']).nullable(),
    selfSigned: z.boolean().nullable(),
  }),
);
export type TrustData = z.infer<typeof TrustData>;

export const trust = defineStage({
  id: 'trust',
  title: 'Imported certificates (GetCertificate)',
  scope: { kind: 'region' },
  after: 'listing',
  needs: ['type', 'status'],
  // ACM quotas: GetCertificate 10 per second (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html).
  operations: [{ action: 'acm:GetCertificate', perSecond: 10, source: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html' }],
  checks: ['self-signed-import'],
  data: TrustData,
  read: () => import('./read.js'),
  about(certificate, reads) {
    const t = reads.flatMap((r) => r.data).find((d) => d.arn === certificate.arn);
    if (!t) return [];
    const chain = t.publiclyTrusted === null ? 'could not be read' : t.publiclyTrusted ? 'chains to a public root (Mozilla store)' : 'does not chain to a public root';
    return [
      { label: 'Trust', value: `${chain}${t.selfSigned ? '; self-signed' : ''}` },
      ...(t.validation ? [{ label: 'Validation level', value: t.validation }] : []),
    ];
  },
});
