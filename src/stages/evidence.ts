import type { Certificate } from '../domain/certificate.js';
import type { StageRead } from '../domain/inventory.js';
import { provenanceByCertificate, type ProvenanceEvent } from '../domain/provenance.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import { zoneFor, type RenewalDns } from '../domain/renewal-dns.js';
import type { CertificateTrust } from '../domain/certificate-trust.js';
import { cloudtrail } from './cloudtrail/index.js';
import { dns } from './dns/index.js';
import { privateCa } from './private-ca/index.js';
import { route53Stage } from './route53/index.js';
import { readsOf } from './stage.js';
import { trails } from './trails/index.js';
import { trust } from './trust/index.js';

/**
 * The audit's view of what the read stages found (src/domain/read-evidence.ts): one part per stage
 * that read something; a stage with no successful read leaves its part out, so its rules stay silent
 * while the run reports the read as a partial result.
 */
export function evidenceOf(reads: readonly StageRead[] | undefined): ReadEvidence {
  const evidence: ReadEvidence = {};
  const dnsReads = readsOf(dns, reads);
  // The Route 53 public zones the run read (the route53 stage's): each validation record is named with its zone.
  const zones = readsOf(route53Stage, reads).flatMap((r) => r.data.zones.filter((z) => !z.privateZone).map((z) => z.name));
  const withZone = (c: RenewalDns): RenewalDns => ({ ...c, validation: c.validation.map((v) => ({ ...v, zone: v.zone ?? zoneFor(v.recordName, zones) })) });
  if (dnsReads.length) evidence.dns = new Map<string, RenewalDns>(dnsReads.flatMap((r) => r.data.map(({ arn, ...checks }) => [arn, withZone(checks)] as const)));
  const trustReads = readsOf(trust, reads);
  if (trustReads.length) evidence.trust = new Map<string, CertificateTrust>(trustReads.flatMap((r) => r.data.map(({ arn, ...t }) => [arn, t] as const)));
  const trail = readsOf(cloudtrail, reads);
  if (trail.length) evidence.acmEvents = trail.flatMap((r) => r.data);
  const cas = readsOf(privateCa, reads);
  if (cas.length) evidence.privateCas = cas.flatMap((r) => r.data);
  const trailReads = readsOf(trails, reads);
  if (trailReads.length) evidence.trails = trailReads.map((r) => ({ accountId: r.accountId ?? null, region: r.region, trails: r.data }));
  return evidence;
}

/**
 * A certificate's `provenance` and `trust` as the inventory JSON carries them (the product contract):
 * null when the stage did not read the certificate's account-region (or, for trust, the certificate
 * is not imported), never an empty answer standing for an unread one.
 */
export function certificateEvidence(reads: readonly StageRead[] | undefined): (cert: Certificate) => { provenance: ProvenanceEvent[] | null; trust: CertificateTrust | null } {
  const readIn = (stage: string) => new Set((reads ?? []).filter((r) => r.stage === stage && r.status === 'ok').map((r) => `${r.accountId ?? ''}/${r.region}`));
  const trailRegions = readIn(cloudtrail.id);
  const trustRegions = readIn(trust.id);
  const several = (reads ?? []).some((r) => r.accountId !== undefined);
  const where = (c: Certificate) => `${several ? (c.accountId ?? '') : ''}/${c.region}`;
  const provenance = provenanceByCertificate(readsOf(cloudtrail, reads).flatMap((r) => r.data));
  const trustByArn = new Map(readsOf(trust, reads).flatMap((r) => r.data.map(({ arn, ...t }) => [arn, t] as const)));
  return (c) => ({
    provenance: trailRegions.has(where(c)) ? (provenance.get(c.arn) ?? []) : null,
    trust: c.type === 'IMPORTED' && trustRegions.has(where(c)) ? (trustByArn.get(c.arn) ?? null) : null,
  });
}
