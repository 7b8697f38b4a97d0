import type { Certificate, CertificateField } from '../domain/certificate.js';

/**
 * Fields an inventory's source never records (AWS Config has no `exported`) are unknown for good.
 * A check is decided on such a record only when it would say the same whatever those fields hold:
 * it is run once for every value each could take, and if the answers differ the check is not run
 * on that certificate (named as not checked) rather than guessing — "unused, delete it" for a
 * certificate that may well be exported and serving outside AWS is advice nobody should get.
 */

/** The values each field a source may leave unrecorded can take. */
const POSSIBLE: Partial<Record<CertificateField, readonly unknown[]>> = {
  exported: [false, true],
  exportOption: ['DISABLED', 'ENABLED'],
  // ACM's CertificateKeyPairOrigin values (ACM API Reference, CertificateSummary).
  keyPairOrigin: ['AWS_MANAGED', 'ACME', 'CUSTOMER_PROVIDED'],
  managedBy: [null, 'CLOUDFRONT'],
};

/** The fields of `needs` this record's source did not record, and that are unknown on it. */
export function unrecordedAmong(cert: Certificate, needs: readonly string[]): CertificateField[] {
  const d = cert.detail;
  if (d.state !== 'complete' || !d.unrecorded) return [];
  return d.unrecorded.filter((f) => needs.includes(f) && cert[f] === null && POSSIBLE[f] !== undefined);
}

/** The record once for every combination of values the unrecorded fields could hold. */
export function possibleRecords(cert: Certificate, fields: readonly CertificateField[]): Certificate[] {
  let out: Certificate[] = [cert];
  for (const f of fields) out = out.flatMap((c) => POSSIBLE[f]!.map((v) => ({ ...c, [f]: v })));
  return out;
}

/** "not recorded by AWS Config: exported, keyPairOrigin". */
export function unrecordedReason(fields: readonly string[]): string {
  return `not recorded by AWS Config: ${fields.join(', ')}`;
}
