import type { AwsCredentialIdentity } from '@smithy/types';
import type { Certificate } from '../domain/certificate.js';
import type { Inventory, InventoryEvent, InventorySource, PriorReads } from '../domain/inventory.js';
import { AwsClients, DEFAULT_TIMEOUT_MS, homeRegion } from './clients.js';
import { credentialProvider, resolveCredentials } from './credentials.js';
import { DescribeScheduler } from './describe-queue.js';
import type { EstateScope } from './estate.js';
import { DEFAULT_IN_FLIGHT, InFlightLimit } from './in-flight.js';
import { loadInventory, type InventoryRequest, type Pacing } from './inventory.js';
import { configuredEndpoints, plainHttpTokenWarning } from './plain-http.js';
import type { RegionSelection } from './regions.js';
import { RequestTracker, slowRequestThreshold, watchSlowRequests } from './slow-requests.js';
import { effectiveProfile, sourceLabel } from './source-label.js';
import { loadSharedConfigFiles } from '@smithy/core/config';

export interface AwsSourceOptions {
  profile?: string;
  regions: RegionSelection;
  /** Explicit --endpoint-url (the SDK reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_ACM itself). */
  endpoint?: string;
  /** Fixed credentials (demo); otherwise the default provider chain. */
  credentials?: AwsCredentialIdentity;
  /** Region for STS and DescribeRegions when no profile/env region exists. */
  homeRegion?: string;
  demo?: boolean;
  pacing?: Partial<Pacing>;
  /** Per-request timeout (--timeout), ms. */
  timeoutMs?: number;
  now?: () => Date;
  /** false: never call SearchCertificates. */
  search?: boolean;
  /** The certificates with high or critical findings so far, described first (see InventoryRequest). */
  urgent?: (certificates: readonly Certificate[], now: Date) => ReadonlySet<string>;
  /** Several accounts (--org / --accounts); absent: the caller's account alone. */
  scope?: EstateScope;
  /** Where certificates come from: the live APIs (default) or an AWS Config aggregator. */
  origin?: InventorySourceKind;
  /** Requests in flight at once across every account (--concurrency). */
  concurrency?: number;
  /** A request unanswered this long (ms) is reported as waiting; default from the timeout (slowRequestThreshold). */
  slowRequestMs?: number;
  /** The read stages to run (src/stages/); the registered ones when omitted. */
  stages?: InventoryRequest['stages'];
}

export type InventorySourceKind = { kind: 'api' } | { kind: 'config-aggregator'; name: string };

/**
 * The live account as an InventorySource. Credentials are resolved once, before any
 * region is read, so a credential problem is one sentence rather than one per region.
 * Clients live as long as the source, so a refresh reuses connections.
 */
export function awsInventorySource(options: AwsSourceOptions): InventorySource & {
  /** Resolve credentials now; throws CredentialsError with a one-sentence message. */
  checkCredentials(): Promise<void>;
  prioritise(arns: readonly string[], level: 'opened' | 'visible'): void;
  close(): void;
} {
  let clients: AwsClients | null = null;
  let home: string | null = null;
  // The load in progress; a refresh starts a new one, so old priorities do not carry over.
  let scheduler = new DescribeScheduler();
  let tokenWarning: string | null = null;
  let credentials: AwsCredentialIdentity | ReturnType<typeof credentialProvider> | null = null;
  const inFlight = new InFlightLimit(options.concurrency ?? DEFAULT_IN_FLIGHT);
  const requests = new RequestTracker();
  const slowAfterMs = options.slowRequestMs ?? slowRequestThreshold(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const severalAccounts = options.scope !== undefined;

  async function ready(signal?: AbortSignal): Promise<{ clients: AwsClients; home: string }> {
    if (!clients || !home) {
      const provider = options.credentials ? null : credentialProvider(options.profile, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
      const given = options.credentials ?? provider!;
      credentials = given;
      // --deadline (or a cancel) while a credential_process still runs: it is stopped, and says why.
      const cancel = () => {
        const reason: unknown = signal?.reason;
        provider?.cancel(reason instanceof Error && reason.name === 'DeadlineExceeded' ? `did not answer before ${reason.message}` : 'was cancelled');
      };
      signal?.addEventListener('abort', cancel, { once: true });
      if (signal?.aborted) cancel();
      let resolved: AwsCredentialIdentity;
      try {
        resolved = options.credentials ?? (await resolveCredentials(provider!, options.profile));
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
      const shared = options.endpoint ? undefined : { profile: effectiveProfile(options.profile), configFile: (await loadSharedConfigFiles()).configFile };
      const assumesRoles = severalAccounts && options.origin?.kind !== 'config-aggregator';
      tokenWarning = plainHttpTokenWarning(configuredEndpoints(options.endpoint, process.env, shared), resolved, assumesRoles);
      home = options.homeRegion ?? (await homeRegion(options.profile));
      clients = new AwsClients({ credentials: given, endpoint: options.endpoint, profile: options.profile, timeoutMs: options.timeoutMs, requests, ...(severalAccounts ? { inFlight } : {}) });
    }
    return { clients, home };
  }

  /** The live account, several accounts, or a Config aggregator's recording (whose code loads only then). */
  async function loadAny(c: AwsClients, h: string, onEvent: (e: InventoryEvent) => void, signal?: AbortSignal, prior?: PriorReads): Promise<Inventory> {
    const perAccount = { search: options.search, urgent: options.urgent, scheduler, prior, stages: options.stages };
    if (options.origin?.kind === 'config-aggregator') {
      const { loadFromAggregator } = await import('./config-aggregator.js');
      return loadFromAggregator(
        { clients: c, aggregator: options.origin.name, homeRegion: h, accounts: options.scope?.accounts ?? null, regions: options.regions, names: options.scope?.org ?? false, now: options.now },
        onEvent,
        signal,
      );
    }
    if (options.scope) {
      const { loadEstate } = await import('./estate.js');
      return loadEstate(
        {
          scope: options.scope,
          credentials: credentials!,
          clients: c,
          endpoint: options.endpoint,
          profile: options.profile,
          regions: options.regions,
          homeRegion: h,
          pacing: options.pacing,
          now: options.now,
          ...perAccount,
        },
        onEvent,
        signal,
      );
    }
    return loadInventory({ clients: c, regions: options.regions, homeRegion: h, pacing: options.pacing, now: options.now, ...perAccount }, onEvent, signal);
  }

  return {
    label: sourceLabel(options),
    async checkCredentials() {
      await ready();
    },
    async load(onEvent: (e: InventoryEvent) => void, signal?: AbortSignal, prior?: PriorReads): Promise<Inventory> {
      const { clients: c, home: h } = await ready(signal);
      scheduler = new DescribeScheduler();
      // Said with every load: the app clears its warnings on refresh.
      if (tokenWarning) onEvent({ kind: 'warning', message: tokenWarning });
      // Requests that stall are named while they wait, every account and region alike.
      const stopWatching = watchSlowRequests(requests, onEvent, { afterMs: slowAfterMs });
      let inventory: Inventory;
      try {
        inventory = await loadAny(c, h, onEvent, signal, prior);
      } finally {
        stopWatching();
      }
      return tokenWarning ? { ...inventory, warnings: [tokenWarning, ...inventory.warnings] } : inventory;
    },
    prioritise(arns, level) {
      scheduler.prioritise(arns, level);
    },
    close() {
      clients?.destroy();
      clients = null;
    },
  };
}
