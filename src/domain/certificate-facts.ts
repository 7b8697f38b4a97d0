import { daysUntilExpiry, type Certificate } from './certificate.js';
import type { ProductionTag } from './thresholds.js';

/**
 * Small readings of a certificate that the audit rules, the report and the views share. None of them throws on missing
 * fields: ACM leaves many fields out, and a detail call may have failed.
 */

/** Tag lookup ignoring key case: `Owner` and `owner` are the same intent to a reader. */
export function tagValue(tags: Record<string, string> | null | undefined, key: string): string | null {
  if (!tags) return null;
  if (Object.hasOwn(tags, key)) return tags[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(tags)) if (k.toLowerCase() === lower) return v;
  return null;
}

/** Tagged as production by the configured tag: its value is one of the configured values, ignoring case. */
export function isProduction(cert: Certificate, productionTag: ProductionTag): boolean {
  const marker = tagValue(cert.tags, productionTag.key);
  if (marker === null) return false;
  const value = marker.trim().toLowerCase();
  return productionTag.values.some((v) => v.toLowerCase() === value);
}

/** True when tags were actually read: a failed tag call must not read as "no tags". */
export function tagsKnown(cert: Certificate): boolean {
  return cert.tags !== null;
}

export function isInUse(cert: Certificate): boolean | null {
  if (cert.inUseBy.length > 0) return true;
  return cert.inUse;
}

/** ISO date (YYYY-MM-DD) of notAfter, or null when absent/unparseable. */
export function expiryDate(cert: Certificate): string | null {
  if (!cert.notAfter) return null;
  const t = Date.parse(cert.notAfter);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

export function isExpired(cert: Certificate, now: Date): boolean {
  if (cert.status === 'EXPIRED') return true;
  const d = daysUntilExpiry(cert, now);
  return d !== null && d < 0;
}

export interface KeyInfo {
  family: 'RSA' | 'EC' | 'OTHER';
  bits: number | null;
}

/**
 * ACM spells RSA_2048 and EC_prime256v1; other tools (and mocks) write RSA-2048,
 * rsa2048, P-256 or secp384r1. Normalising first is what keeps a weak key from
 * slipping past a comparison against one spelling.
 */
export function normaliseKeyAlgorithm(value: string | null | undefined): KeyInfo | null {
  if (!value) return null;
  const v = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const rsa = /^RSA(\d{3,5})$/.exec(v);
  if (rsa) return { family: 'RSA', bits: Number(rsa[1]) };
  const ec = /^(?:EC|ECDSA)?(?:PRIME|SECP|P|NISTP)(\d{3})(?:V1|R1|K1)?$/.exec(v);
  if (ec) return { family: 'EC', bits: Number(ec[1]) };
  return { family: 'OTHER', bits: null };
}

export function describeDays(days: number): string {
  const abs = Math.abs(days);
  const unit = abs === 1 ? 'day' : 'days';
  if (days < 0) return `${abs} ${unit} ago`;
  if (days === 0) return 'today';
  return `in ${abs} ${unit}`;
}

/**
 * Whether ACM can be expected to renew this certificate without anyone acting:
 * ACM-issued or private, marked ELIGIBLE, validated by DNS or HTTP (private ones need
 * no validation), and no renewal already stuck. Email validation needs a person to
 * click, and imported certificates are never renewed.
 */
export function isManagedRenewal(cert: Certificate): boolean {
  if (cert.type !== 'AMAZON_ISSUED' && cert.type !== 'PRIVATE') return false;
  if (cert.renewalEligibility !== 'ELIGIBLE') return false;
  if (cert.renewalStatus === 'FAILED' || cert.renewalStatus === 'PENDING_VALIDATION') return false;
  if (cert.type === 'PRIVATE') return true;
  if (usesEmailValidation(cert)) return false;
  return cert.validationMethod === 'DNS' || cert.validationMethod === 'HTTP';
}

export function usesEmailValidation(cert: Certificate): boolean {
  return cert.validationMethod === 'EMAIL' || cert.domainValidations.some((d) => d.validationMethod === 'EMAIL');
}

/** Every name on the certificate, primary first, without duplicates. */
export function allNames(cert: Certificate): string[] {
  const names = [cert.domainName, ...cert.subjectAlternativeNames].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  return [...new Set(names)];
}
