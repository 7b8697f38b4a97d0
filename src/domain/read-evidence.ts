import type { CertificateTrust } from './certificate-trust.js';
import type { PrivateCaHealth } from './private-ca.js';
import type { AcmEvent } from './provenance.js';
import type { RenewalDns } from './renewal-dns.js';
import type { RegionTrails } from './trail-coverage.js';

/**
 * What the reads beyond ACM found, in the shape the audit rules read: DNS and CAA per certificate,
 * trust of imported certificates, CloudTrail's ACM events, the private CAs. A part absent here was
 * not read (skipped, denied or unreachable): the rules that need it stay silent and the run reports
 * the read as a partial result, naming those rules.
 */
export interface ReadEvidence {
  /** By certificate ARN. */
  dns?: ReadonlyMap<string, RenewalDns>;
  /** By certificate ARN: imported certificates whose GetCertificate was read. */
  trust?: ReadonlyMap<string, CertificateTrust>;
  /** Every region's ACM management events, over CloudTrail's 90 days. */
  acmEvents?: readonly AcmEvent[];
  privateCas?: readonly PrivateCaHealth[];
  /** Every account-Region's CloudTrail trails, where they were read. */
  trails?: readonly RegionTrails[];
  /** What a certificate serves, as a sentence ("serves shop.example.com through 2 load balancers"), when the run read it. */
  blastRadius?(arn: string): string | null;
}
