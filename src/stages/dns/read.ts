import { DnsLookups, checkRenewalDns } from '../../aws/dns-lookups.js';
import type { StageContext } from '../stage.js';
import type { DnsData } from './index.js';
import { dnsSettings } from './settings.js';

/** Resolver errors that mean DNS itself could not be reached, not that a name is absent. */
const UNREACHABLE = new Set(['ETIMEOUT', 'ECONNREFUSED', 'ESERVFAIL', 'ECANCELLED']);

/** One set of lookups per run (its signal): every region's checks share the cap and each name's answer. */
const perRun = new WeakMap<AbortSignal, DnsLookups>();

function lookupsFor(signal: AbortSignal | undefined): DnsLookups {
  const settings = dnsSettings();
  const make = () => new DnsLookups({ server: settings.server, timeoutMs: settings.timeoutMs, concurrency: settings.concurrency, signal });
  if (!signal) return make();
  let lookups = perRun.get(signal);
  if (!lookups) perRun.set(signal, (lookups = make()));
  return lookups;
}

export async function read(context: StageContext): Promise<DnsData> {
  const lookups = lookupsFor(context.signal);
  const checks = await checkRenewalDns(context.certificates, lookups);
  const all = [...checks.values()].flatMap((c) => [...c.validation.map((v) => v.error ?? null), ...c.caa.map((c) => (c.state === 'unknown' ? c.reason : null))]);
  const failed = all.filter((e) => e !== null);
  // Every lookup failed: the resolver is unreachable, which is a failed read (exit 3), not a pass.
  if (all.length > 0 && failed.length === all.length) {
    const code = [...checks.values()].flatMap((c) => c.validation.map((v) => v.error)).find((e) => e && UNREACHABLE.has(e)) ?? 'ETIMEOUT';
    throw Object.assign(new Error(`no DNS answer for any of ${all.length} lookups`), { name: code === 'ETIMEOUT' ? 'TimeoutError' : code, code });
  }
  if (failed.length) context.warn(`${failed.length} of ${all.length} DNS lookups got no answer; those checks are marked not checked`);
  return [...checks].map(([arn, c]) => ({ arn, ...c }));
}
