/** Which certificates in an inventory ACM could take over, shared by the plan and the renewal-load forecast. */
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import { isPublicIssuer } from './evidence.js';

const IP_ADDRESS = /^[\d.]+$|:/;

/**
 * Imported certificates from a commercial CA that ACM could issue itself: live, attached to an integrated
 * service, domain-validated (no organisation in the subject, as OV/EV certificates carry) and DNS names only.
 */
export function isReplaceableImport(c: Certificate): boolean {
  return (
    c.type === 'IMPORTED' &&
    c.status === 'ISSUED' &&
    (c.inUseBy.length > 0 || c.inUse === true) &&
    !!c.issuer &&
    isPublicIssuer(c.issuer) &&
    !(c.subject && /(?:^|,\s*)O=/.test(c.subject)) &&
    [c.domainName, ...c.subjectAlternativeNames].every((n) => !n || !IP_ADDRESS.test(n))
  );
}

export function replaceableImports(inventory: Inventory): Certificate[] {
  return inventory.certificates.filter(isReplaceableImport);
}

/** Validated by email somewhere: each renewal waits for a person to approve it. */
export function usesEmailValidation(c: Certificate): boolean {
  return c.validationMethod === 'EMAIL' || c.domainValidations.some((d) => d.validationMethod === 'EMAIL');
}
