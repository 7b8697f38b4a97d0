/**
 * Which plan step fixes a finding. By default the step whose `findings` list names the rule (content/plan-steps.yaml);
 * a few causes override it, because the same rule can fire for different reasons and the fix follows the cause:
 *
 * - an ACME-issued or exported certificate lives on hosts ACM cannot see, so "not in use" is normal and expiry is
 *   the ACME client's or the redeploy job's business, never "delete it" or "ACM will renew it";
 * - a renewal waiting for validation needs the validation records or email, not a new rotation process;
 * - an expiring certificate goes to what renews that kind of certificate (re-import, email approval, validation).
 */
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import { usesEmailValidation } from './eligibility.js';
import type { PlanStepTemplate } from './schema.js';

/** The certificate's key or lifecycle is outside ACM's attachment model: issued over ACME or exported. */
export function managedOutsideAcm(c: Certificate): boolean {
  return c.keyPairOrigin === 'ACME' || c.exported === true;
}

/** The step id for a finding, or null when no step handles its rule. Pure. */
export function stepForFinding(finding: Finding, cert: Certificate | undefined, steps: PlanStepTemplate[]): string | null {
  const rule = finding.ruleId;
  if (cert && managedOutsideAcm(cert) && (rule === 'unused-certificate' || rule === 'expiring-soon' || rule === 'expired-in-use'))
    return 'renew-outside-acm';
  if (rule === 'renewal-failing' && cert?.renewalStatus === 'PENDING_VALIDATION') return 'complete-renewal-validation';
  if (rule === 'expiring-soon' && cert && cert.type !== 'IMPORTED') {
    if (cert.renewalStatus === 'PENDING_VALIDATION') return 'complete-renewal-validation';
    if (usesEmailValidation(cert)) return 'migrate-email-to-dns';
    return 'fix-renewal';
  }
  const byOrder = [...steps].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return byOrder.find((s) => s.findings.includes(rule))?.id ?? null;
}
