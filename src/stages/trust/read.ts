import { ACMClient, GetCertificateCommand } from '@aws-sdk/client-acm';
import { evaluateTrust, publicRoots } from '../../aws/certificate-trust.js';
import type { StageContext } from '../stage.js';
import type { TrustData } from './index.js';
import { trustRoots } from './settings.js';

/** Statuses whose certificate GetCertificate returns (pending ones answer RequestInProgressException). */
const READABLE = new Set(['ISSUED', 'EXPIRED', 'INACTIVE', 'REVOKED']);

export async function read(context: StageContext): Promise<TrustData> {
  const client = context.client('acm', ACMClient);
  const imported = context.certificates.filter((c) => c.type === 'IMPORTED' && (c.status === null || READABLE.has(c.status)));
  const out: TrustData = [];
  const roots = publicRoots(trustRoots());
  await Promise.all(
    imported.map(async (c) => {
      try {
        const got = await context.paced('acm:GetCertificate', () => client.send(new GetCertificateCommand({ CertificateArn: c.arn }), { abortSignal: context.signal }));
        out.push({ arn: c.arn, ...evaluateTrust(got.Certificate ?? '', got.CertificateChain, roots) });
      } catch (e) {
        // Deleted since it was listed: nothing to judge. Anything else fails the read.
        if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
      }
    }),
  );
  return out.sort((a, b) => (a.arn < b.arn ? -1 : 1));
}
