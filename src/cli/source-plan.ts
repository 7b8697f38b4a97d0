import { parseRegions, type RegionSelection } from '../aws/regions.js';
import { effectiveProfile, sourceLabel } from '../aws/source-label.js';
import { withInventoryCache, type LiveSource } from '../cache/cached-source.js';
import type { InventoryCache } from '../cache/inventory-cache.js';
import type { Certificate } from '../domain/certificate.js';
import { parseDuration } from '../domain/duration.js';
import { InputError } from '../domain/errors.js';
import type { InventorySource } from '../domain/inventory.js';
import type { AnyStage } from '../stages/index.js';
import { defaultCacheDir } from '../platform/cache-dir.js';
import { withDeadline, type Deadline } from './deadline.js';
import { estateSettings } from './estate-flags.js';
import { parseDnsServer } from '../aws/dns-server-address.js';
import type { GlobalOptions } from './program.js';

export type LiveAwsSource = LiveSource & { checkCredentials(): Promise<void> };

/** The inventory source the global flags describe, checked but not yet built: nothing here loads the SDK. */
export interface SourcePlan {
  label: InventorySource['label'];
  regions: RegionSelection;
  /**
   * null with --no-cache and for the demo (a made-up account each start, nothing worth keeping). The
   * cache module (and zod, which checks its files) loads on the first call: the TUI's after its first frame.
   */
  cache: (() => Promise<InventoryCache>) | null;
  /** --deadline: each load ends with what it has when this passes; null: no deadline. */
  deadline: Deadline | null;
  /** The SDK source, built on first call (the SDK and the demo endpoint load then). */
  live(): Promise<LiveAwsSource>;
  /** The read stages the live source runs (the registered ones, and the DNS checks unless turned off). */
  stages(): Promise<readonly AnyStage[]>;
}

/** The longest --deadline a timer can hold: 24 days. */
const MAX_DEADLINE_MS = 24 * 86_400_000;

/** --timeout SECONDS: a whole or decimal number of seconds, at least 0.1 and at most an hour. */
function timeoutArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n < 0.1 || n > 3600) {
    throw new InputError(`--timeout takes seconds between 0.1 and 3600 (got '${value}')`);
  }
  return Math.round(n * 1000);
}

/** `--regions LIST` and each `--region NAME` (the AWS CLI's spelling, repeatable) read together: their union. */
export function regionSelection(g: Pick<GlobalOptions, 'regions' | 'region'>): RegionSelection {
  for (const one of g.region ?? []) {
    if (one.trim() === '') throw new InputError("--region is empty; name a region like eu-west-1 (repeat --region for more)");
  }
  const given = [...(g.regions !== undefined ? [g.regions] : []), ...(g.region ?? [])];
  if (given.length === 0) return { kind: 'all' };
  const names = new Set<string>();
  let all = false;
  for (const value of given) {
    const parsed = parseRegions(value);
    if ('error' in parsed) throw new InputError(parsed.error);
    if (parsed.kind === 'all') all = true;
    else for (const r of parsed.regions) names.add(r);
  }
  return all ? { kind: 'all' } : { kind: 'list', regions: [...names] };
}

/**
 * Every flag is checked here, before any AWS call or SDK load. `onEnd` receives what must be
 * undone before the process ends (the demo endpoint, the SDK clients).
 */
export function planSource(g: GlobalOptions, readBack: boolean, onEnd: (cleanup: () => unknown) => void): SourcePlan {
  const regions = regionSelection(g);
  if (g.endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(g.endpointUrl)) {
    throw new InputError(`--endpoint-url must be an http(s) URL (got '${g.endpointUrl}')`);
  }
  const estate = estateSettings(g);
  const timeoutMs = g.timeout === undefined ? undefined : timeoutArg(g.timeout);
  let deadline: Deadline | null = null;
  if (g.deadline !== undefined) {
    const parsed = parseDuration(g.deadline, '--deadline');
    if ('error' in parsed) throw new InputError(parsed.error);
    // Node's timers hold at most 2^31-1 ms (24.8 days); a longer one would fire at once.
    if (parsed.ms > MAX_DEADLINE_MS) throw new InputError(`--deadline can be at most 24d (got '${g.deadline}')`);
    deadline = { text: g.deadline, ms: parsed.ms };
  }
  let reuseWithinMs: number | null = null;
  if (g.maxAge !== undefined) {
    const parsed = parseDuration(g.maxAge);
    if ('error' in parsed) throw new InputError(parsed.error);
    if (!g.cache) throw new InputError('--max-age reuses the cache, which --no-cache turns off; pass one or the other');
    if (g.demo) throw new InputError('the demo account is never cached, so --max-age cannot apply to it');
    if (estate.origin.kind === 'config-aggregator')
      throw new InputError("--max-age reuses the cache of live API reads; --source config-aggregator reads AWS Config's recording, whose age is shown instead; pass one or the other");
    reuseWithinMs = parsed.ms;
  }
  const profile = g.demo ? undefined : effectiveProfile(g.profile);
  const label = sourceLabel({ profile, endpoint: g.endpointUrl, demo: g.demo, regions, ...estate });
  const dns = dnsPlan(g, label.endpoint);
  // A Config aggregator's recording is not an API read: nothing to cache or revalidate.
  let opened: Promise<InventoryCache> | null = null;
  const cache =
    g.cache && !g.demo && estate.origin.kind === 'api'
      ? () =>
          (opened ??= import('../cache/inventory-cache.js').then(
            ({ InventoryCache, sourceKey }) => new InventoryCache({
                dir: defaultCacheDir(),
                sourceKey: sourceKey(label),
                reuseWithinMs,
                readBack: readBack || reuseWithinMs !== null,
                estate: estate.scope !== undefined,
              }),
          ))
      : null;
  let live: Promise<LiveAwsSource> | null = null;
  let stagesRun: Promise<readonly AnyStage[]> | null = null;
  const stagesOf = () =>
    (stagesRun ??= Promise.all([import('../stages/index.js'), import('../stages/dns/index.js')]).then(([{ STAGES }, { dns: dnsStage }]) =>
      dns.enabled ? [...STAGES, dnsStage] : STAGES,
    ));
  return {
    label,
    regions,
    cache,
    deadline,
    stages: stagesOf,
    live: () =>
      (live ??= (async () => {
        // The SDK and the endpoint load only when a command needs AWS: --help and --version stay quick.
        const { awsInventorySource } = await import('../aws/source.js');
        const { severeCertificates } = await import('../audit/run.js');
        const { DEFAULT_AUDIT_CONFIG } = await import('../domain/thresholds.js');
        const { setDnsSettings } = await import('../stages/dns/settings.js');
        const stages = await stagesOf();
        setDnsSettings({ server: dns.server, timeoutMs: Math.min(timeoutMs ?? 5_000, 10_000) });
        // Details of certificates with high or critical findings are read first.
        const urgent = (certs: readonly Certificate[], now: Date) => severeCertificates(certs, DEFAULT_AUDIT_CONFIG, now);
        if (g.demo) {
          const { DEMO_CREDENTIALS, startDemoEndpoint } = await import('./demo.js');
          // The demo organisation answers --org, --accounts and the Config aggregator; plain --demo is the one account.
          const endpoint = await startDemoEndpoint({ organization: estate.scope !== undefined || estate.origin.kind !== 'api' });
          onEnd(() => endpoint.close());
          // The demo's zones are answered by its own DNS server on loopback: no network, ever.
          if (dns.enabled && !dns.server) setDnsSettings({ server: endpoint.dnsServer });
          const { setTrustRoots } = await import('../stages/trust/settings.js');
          setTrustRoots(endpoint.trustRoots);
          const source = awsInventorySource({ regions, endpoint: endpoint.url, credentials: DEMO_CREDENTIALS, homeRegion: 'us-east-1', demo: true, urgent, timeoutMs, stages, ...estate });
          onEnd(() => source.close());
          return withNote(source, dns.note);
        }
        const source = awsInventorySource({ profile, regions, endpoint: g.endpointUrl, urgent, timeoutMs, stages, ...estate });
        onEnd(() => source.close());
        return withNote(source, dns.note);
      })()),
  };
}

/**
 * The DNS checks the flags ask for, and why they do not run when they do not. `endpoint`: where the AWS
 * calls go instead of AWS (--endpoint-url, AWS_ENDPOINT_URL_ACM or AWS_ENDPOINT_URL), null for AWS and the demo.
 */
function dnsPlan(g: GlobalOptions, endpoint: string | null): { enabled: boolean; server?: string; note: string | null } {
  const server = g.dnsServer !== undefined ? parseDnsServer(g.dnsServer) : undefined;
  const checks = 'validation-record-missing and caa-blocks-amazon were not checked';
  if (!g.dns) return { enabled: false, note: `DNS renewal checks skipped (--no-dns): ${checks}` };
  // A test or local endpoint's names need not be in public DNS, and the system's resolvers would report
  // every validation record of a made-up name missing: the checks run only against a resolver named for
  // them (README, "Will it renew"), and the run says so rather than passing them in silence.
  if (endpoint !== null && server === undefined)
    return {
      enabled: false,
      note: `DNS renewal checks not run: ${checks}, as the AWS calls go to an endpoint other than AWS (--endpoint-url or AWS_ENDPOINT_URL) whose names public DNS need not hold; pass --dns-server HOST[:PORT] to run them, or --no-dns to skip them on purpose`,
    };
  return { enabled: true, server, note: null };
}

/** A note on every inventory the source reads (what was deliberately not read). */
function withNote(source: LiveAwsSource, note: string | null): LiveAwsSource {
  if (!note) return source;
  const load = source.load.bind(source);
  source.load = async (...args: Parameters<LiveAwsSource['load']>) => {
    const inventory = await load(...args);
    return inventory.warnings.includes(note) ? inventory : { ...inventory, warnings: [...inventory.warnings, note] };
  };
  return source;
}

/** The plan's source: the cache around the live read, bounded by --deadline when given. */
export function sourceOf(plan: SourcePlan, options: Pick<Parameters<typeof withInventoryCache>[0], 'cache' | 'warmStart' | 'before' | 'live'>): InventorySource {
  const regions = plan.regions.kind === 'all' ? 'all' : plan.regions.regions;
  const source = withInventoryCache({ label: plan.label, regions, stages: plan.stages, ...options });
  return plan.deadline ? withDeadline(source, plan.deadline) : source;
}
