import type { CertificateDetail, CertificateSummary, DomainValidation as AcmDomainValidation } from '@aws-sdk/client-acm';
import { emptyCertificate, type Certificate, type DomainValidation } from '../domain/certificate.js';

/**
 * Pure mapping from ACM's shapes to the one Certificate model. Nothing here calls AWS;
 * anything ACM left out stays null rather than being guessed.
 */

const iso = (d: Date | undefined | null): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;

const str = (v: string | undefined | null): string | null => (v === undefined || v === null ? null : String(v));

const bool = (v: boolean | undefined | null): boolean | null => (typeof v === 'boolean' ? v : null);

export function fromSummary(summary: CertificateSummary, region: string): Certificate {
  const cert = emptyCertificate(summary.CertificateArn ?? '', region);
  cert.domainName = str(summary.DomainName);
  cert.subjectAlternativeNames = [...(summary.SubjectAlternativeNameSummaries ?? [])];
  cert.status = str(summary.Status);
  cert.type = str(summary.Type);
  cert.keyAlgorithm = str(summary.KeyAlgorithm);
  cert.notBefore = iso(summary.NotBefore);
  cert.notAfter = iso(summary.NotAfter);
  cert.inUse = bool(summary.InUse);
  cert.renewalEligibility = str(summary.RenewalEligibility);
  cert.exportOption = str(summary.ExportOption);
  cert.exported = bool(summary.Exported);
  cert.createdAt = iso(summary.CreatedAt);
  cert.issuedAt = iso(summary.IssuedAt);
  cert.importedAt = iso(summary.ImportedAt);
  cert.revokedAt = iso(summary.RevokedAt);
  cert.keyUsages = [...(summary.KeyUsages ?? [])];
  cert.extendedKeyUsages = [...(summary.ExtendedKeyUsages ?? [])];
  cert.managedBy = str(summary.ManagedBy);
  cert.keyPairOrigin = str(summary.CertificateKeyPairOrigin);
  return cert;
}

/** Overlays DescribeCertificate's answer on what the summary said; tags are kept. */
export function withDetail(base: Certificate, d: CertificateDetail): Certificate {
  const dvos = (d.DomainValidationOptions ?? []).map(toDomainValidation);
  const renewal = d.RenewalSummary;
  return {
    ...base,
    domainName: str(d.DomainName) ?? base.domainName,
    // The summary truncates SANs; the detail is complete.
    subjectAlternativeNames: d.SubjectAlternativeNames ? [...d.SubjectAlternativeNames] : base.subjectAlternativeNames,
    status: str(d.Status) ?? base.status,
    type: str(d.Type) ?? base.type,
    keyAlgorithm: str(d.KeyAlgorithm) ?? base.keyAlgorithm,
    notBefore: iso(d.NotBefore) ?? base.notBefore,
    notAfter: iso(d.NotAfter) ?? base.notAfter,
    inUseBy: [...(d.InUseBy ?? [])],
    inUse: d.InUseBy ? d.InUseBy.length > 0 : base.inUse,
    renewalEligibility: str(d.RenewalEligibility) ?? base.renewalEligibility,
    renewalStatus: str(renewal?.RenewalStatus),
    renewalStatusReason: str(renewal?.RenewalStatusReason),
    renewalUpdatedAt: iso(renewal?.UpdatedAt),
    validationMethod: validationMethodOf(d, dvos),
    transparencyLogging: str(d.Options?.CertificateTransparencyLoggingPreference),
    exportOption: str(d.Options?.Export) ?? base.exportOption,
    issuer: str(d.Issuer),
    createdAt: iso(d.CreatedAt) ?? base.createdAt,
    issuedAt: iso(d.IssuedAt) ?? base.issuedAt,
    importedAt: iso(d.ImportedAt) ?? base.importedAt,
    revokedAt: iso(d.RevokedAt) ?? base.revokedAt,
    revocationReason: str(d.RevocationReason),
    failureReason: str(d.FailureReason),
    serial: str(d.Serial),
    subject: str(d.Subject),
    signatureAlgorithm: str(d.SignatureAlgorithm),
    keyUsages: d.KeyUsages ? d.KeyUsages.map((k) => String(k.Name)) : base.keyUsages,
    extendedKeyUsages: d.ExtendedKeyUsages ? d.ExtendedKeyUsages.map((k) => String(k.Name)) : base.extendedKeyUsages,
    certificateAuthorityArn: str(d.CertificateAuthorityArn),
    managedBy: str(d.ManagedBy) ?? base.managedBy,
    keyPairOrigin: str(d.CertificateKeyPairOrigin) ?? base.keyPairOrigin,
    domainValidations: dvos,
    detail: { state: 'complete' },
  };
}

/**
 * Newer certificates carry Options.ValidationMethod; older ones only say it per domain.
 * One method across all domains is reported as that method; a mix keeps the first
 * (the audit looks at every domain for EMAIL).
 */
function validationMethodOf(d: CertificateDetail, dvos: DomainValidation[]): string | null {
  const explicit = (d.Options as { ValidationMethod?: string } | undefined)?.ValidationMethod;
  if (explicit) return explicit;
  const methods = dvos.map((v) => v.validationMethod).filter((m): m is string => !!m);
  if (methods.includes('EMAIL')) return 'EMAIL';
  return methods[0] ?? null;
}

function toDomainValidation(v: AcmDomainValidation): DomainValidation {
  return {
    domainName: v.DomainName ?? '',
    validationMethod: str(v.ValidationMethod),
    validationStatus: str(v.ValidationStatus),
    validationDomain: str(v.ValidationDomain),
    validationEmails: [...(v.ValidationEmails ?? [])],
    resourceRecord: v.ResourceRecord
      ? { name: v.ResourceRecord.Name ?? '', type: String(v.ResourceRecord.Type ?? ''), value: v.ResourceRecord.Value ?? '' }
      : null,
    httpRedirect: v.HttpRedirect ? { from: v.HttpRedirect.RedirectFrom ?? '', to: v.HttpRedirect.RedirectTo ?? '' } : null,
  };
}

export function tagsToRecord(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** Fields DescribeCertificate alone provides: what a failed detail leaves unknown. */
export { DETAIL_ONLY_FIELDS } from '../domain/certificate.js';
