import { Resolver } from 'node:dns/promises';
import { caaClimb, type CaaRecord } from '../domain/caa.js';
import type { Certificate } from '../domain/certificate.js';
import { parseDnsServer } from './dns-server-address.js';
import {
  caaNamesToCheck,
  judgeCaa,
  judgeValidationRecord,
  validationRecordsOf,
  zoneFor,
  type CaaCheck,
  type DnsAnswer,
  type RenewalDns,
} from '../domain/renewal-dns.js';

/**
 * DNS lookups for the renewal checks, through node:dns's Resolver (c-ares): the system's resolvers
 * unless `--dns-server` names one. c-ares keeps answers for their TTL (its query cache); on top of it
 * each name is asked once per run however many certificates share it, at most `concurrency` at a
 * time, each bounded by the timeout and all of them by the run's abort signal.
 */

export interface DnsLookupOptions {
  /** `HOST[:PORT]` (IPv6 as `[::1]:53`); the system's resolvers when absent. */
  server?: string;
  /** Per lookup, all attempts included. */
  timeoutMs: number;
  concurrency?: number;
  signal?: AbortSignal;
}

const DEFAULT_CONCURRENCY = 32;

export class DnsLookups {
  private readonly resolver: Resolver;
  private readonly memo = new Map<string, Promise<DnsAnswer<unknown>>>();
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly concurrency: number;
  /** Lookups sent to the resolver (not answered from this run's memo). */
  sent = 0;

  constructor(private readonly options: DnsLookupOptions) {
    // Two tries; c-ares doubles the wait on the second, so the pair fits in the timeout.
    this.resolver = new Resolver({ timeout: Math.max(50, Math.floor(options.timeoutMs / 3)), tries: 2 });
    if (options.server) this.resolver.setServers([parseDnsServer(options.server)]);
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    options.signal?.addEventListener('abort', () => this.resolver.cancel(), { once: true });
  }

  cname(name: string): Promise<DnsAnswer<string[]>> {
    return this.lookup(`CNAME ${name}`, () => this.resolver.resolveCname(name)) as Promise<DnsAnswer<string[]>>;
  }

  caa(name: string): Promise<DnsAnswer<CaaRecord[]>> {
    return this.lookup(`CAA ${name}`, async () => (await this.resolver.resolveCaa(name)).map(caaRecordOf)) as Promise<DnsAnswer<CaaRecord[]>>;
  }

  private lookup<T>(key: string, run: () => Promise<T>): Promise<DnsAnswer<T>> {
    const k = key.toLowerCase().replace(/\.$/, '');
    let p = this.memo.get(k) as Promise<DnsAnswer<T>> | undefined;
    if (!p) {
      p = this.slot(async () => {
        if (this.options.signal?.aborted) return { kind: 'error', code: 'ECANCELLED' } as const;
        this.sent++;
        try {
          return { kind: 'found', value: await run() } as const;
        } catch (e) {
          const code = (e as { code?: string }).code ?? 'ERROR';
          if (code === 'ENOTFOUND') return { kind: 'nxdomain' } as const;
          if (code === 'ENODATA') return { kind: 'nodata' } as const;
          return { kind: 'error', code } as const;
        }
      });
      this.memo.set(k, p);
    }
    return p;
  }

  private async slot<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/**
 * One CAA record as node:dns gives it: the property is named after its tag, beside `critical`; Node 24
 * adds `type: 'CAA'`, which must not be taken for the tag (it read as a set with no issue tag: "allows").
 */
export function caaRecordOf(r: object): CaaRecord {
  const { critical, type: _recordType, ...rest } = r as Record<string, unknown> & { critical: number };
  const [tag, value] = Object.entries(rest)[0] ?? ['', ''];
  return { critical: (critical & 0x80) !== 0, tag, value: String(value) };
}

/** The CAA verdict for one name: climb until the first non-empty set (RFC 8659 §3). */
export async function checkCaaName(lookups: DnsLookups, name: string): Promise<CaaCheck> {
  const answers: DnsAnswer<CaaRecord[]>[] = [];
  for (const step of caaClimb(name)) {
    const answer = await lookups.caa(step);
    answers.push(answer);
    if (answer.kind === 'error' || (answer.kind === 'found' && answer.value.length > 0)) break;
  }
  return judgeCaa(name, answers);
}

/**
 * The DNS renewal checks of every certificate that has some: its validation CNAMEs, and CAA for
 * the names ACM must issue for again or may be asked to (an import the plan may replace).
 * `zones`: the Route 53 public zones the run read, if any.
 */
export async function checkRenewalDns(
  certificates: readonly Certificate[],
  lookups: DnsLookups,
  zones: readonly string[] = [],
): Promise<Map<string, RenewalDns>> {
  const out = new Map<string, RenewalDns>();
  await Promise.all(
    certificates.map(async (cert) => {
      const records = cert.status === 'ISSUED' || cert.status === 'PENDING_VALIDATION' ? validationRecordsOf(cert) : [];
      const names = caaNamesToCheck(cert);
      if (!records.length && !names.length) return;
      const [validation, caa] = await Promise.all([
        Promise.all(records.map(async (r) => judgeValidationRecord(r.domainName, r, await lookups.cname(r.name), zoneFor(r.name, zones)))),
        Promise.all(names.map((n) => checkCaaName(lookups, n))),
      ]);
      out.set(cert.arn, { validation, caa });
    }),
  );
  return out;
}
