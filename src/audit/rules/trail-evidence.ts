import type { Certificate } from '../../domain/certificate.js';
import type { AcmEvent } from '../../domain/provenance.js';
import type { RuleContext } from './types.js';

/** The ACM events of the account these certificates are in (all of them when the account is not known). */
export function eventsOfAccount(certs: readonly Certificate[], ctx: RuleContext): AcmEvent[] {
  const events = ctx.evidence?.acmEvents ?? [];
  const account = certs[0]?.accountId ?? null;
  return events.filter((e) => !e.failed && (account === null || e.accountId === null || e.accountId === account));
}
