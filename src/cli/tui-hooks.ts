import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import { DEFAULT_AUDIT_CONFIG } from '../audit/config.js';
import { runAudit } from '../audit/run.js';

/** The TUI's Findings view and detail use the audit with its default thresholds. */
export function auditForTui(certificates: Certificate[], now: Date): Finding[] {
  return runAudit(certificates, DEFAULT_AUDIT_CONFIG, now).findings;
}
