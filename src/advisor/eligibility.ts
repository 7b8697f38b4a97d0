/** Which certificates in an inventory ACM could take over, shared by the plan and the renewal-load forecast. */
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import { issuerOf, type TrustFacts } from './issuer-trust.js';

const IP_ADDRESS = /^[\d.]+$|:/;

/**
 * Imported certificates from a public CA that ACM could issue itself: live, attached to an integrated service,
 * publicly trusted and domain-validated (no OV/EV policy, not self-signed; by name, when the chain was not read:
 * a commercial issuer and no organisation in the subject) and DNS names only.
 */
export function isReplaceableImport(c: Certificate, trust?: TrustFacts): boolean {
  if (c.type !== 'IMPORTED' || c.status !== 'ISSUED' || !(c.inUseBy.length > 0 || c.inUse === true)) return false;
  const issuer = issuerOf(c, trust);
  return (
    issuer.publiclyTrusted &&
    !issuer.selfSigned &&
    !issuer.organisationValidated &&
    [c.domainName, ...c.subjectAlternativeNames].every((n) => !n || !IP_ADDRESS.test(n))
  );
}

export function replaceableImports(inventory: Inventory, trust?: TrustFacts): Certificate[] {
  return inventory.certificates.filter((c) => isReplaceableImport(c, trust));
}

/** Validated by email somewhere: each renewal waits for a person to approve it. */
export function usesEmailValidation(c: Certificate): boolean {
  return c.validationMethod === 'EMAIL' || c.domainValidations.some((d) => d.validationMethod === 'EMAIL');
}
