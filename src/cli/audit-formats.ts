/** `audit`'s output formats and the checks on its flags that run before anything loads (a leaf module). */
import { InputError } from '../domain/errors.js';

export const AUDIT_FORMATS = ['table', 'json', 'sarif', 'junit', 'csv'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The audit JSON's shape version (docs/schema/audit.schema.json). */
export const AUDIT_SCHEMA_VERSION = 1;

export function checkAuditFormat(format: string): AuditFormat {
  if (!(AUDIT_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`--format: unknown format "${format}"; use ${AUDIT_FORMATS.join(', ')}`);
  }
  return format as AuditFormat;
}

/** `--since last` is the one comparison there is; anything else is a usage error. */
export function checkSince(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.trim().toLowerCase() !== 'last') throw new InputError(`--since takes 'last' (the previous read in the cache), got '${value}'`);
  return true;
}

