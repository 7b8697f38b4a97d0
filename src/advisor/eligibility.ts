/** Which certificates in an inventory ACM could take over, shared by the plan and the renewal-load forecast. */
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import { isReplaceableImport, type TrustFacts } from '../domain/issuer-trust.js';

/** The imports the plan proposes to replace with ACM certificates (domain/issuer-trust.ts says which). */
export function replaceableImports(inventory: Inventory, trust?: TrustFacts): Certificate[] {
  return inventory.certificates.filter((c) => isReplaceableImport(c, trust));
}

/** Validated by email somewhere: each renewal waits for a person to approve it. */
export function usesEmailValidation(c: Certificate): boolean {
  return c.validationMethod === 'EMAIL' || c.domainValidations.some((d) => d.validationMethod === 'EMAIL');
}
