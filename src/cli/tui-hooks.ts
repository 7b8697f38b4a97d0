import { join } from 'node:path';
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import { resolveAuditConfig } from '../audit/config.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../domain/thresholds.js';
import { runAudit } from '../audit/run.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../advisor/index.js';
import type { Inventory } from '../domain/inventory.js';
import { evidenceOf } from '../stages/evidence.js';

/**
 * The TUI audits with the same configuration as `acm-advisor audit`: `<configDir>/audit.yaml`
 * when present, else the defaults. A broken file is a usage error before the screen opens.
 */
export async function tuiAudit(configDir: string): Promise<{
  config: AuditConfig;
  audit: (certificates: Certificate[], now: Date, stages?: Inventory['stages']) => Finding[];
}> {
  const config = await resolveAuditConfig({ defaultPath: join(configDir, 'audit.yaml'), flags: {} });
  return { config, audit: (certificates, now, stages) => runAudit(certificates, config, now, { evidence: evidenceOf(stages) }).findings };
}

/** The Advisor's content, loaded once for the whole session; a broken file leaves the rest of the app working. */
export function tuiKnowledgeBase(): KnowledgeBase | Error {
  try {
    return loadKnowledgeBase();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** The audit with default thresholds (tests, and the TUI when no config dir applies). */
export function auditForTui(certificates: Certificate[], now: Date): Finding[] {
  return runAudit(certificates, DEFAULT_AUDIT_CONFIG, now).findings;
}
