import type { AwsCredentialIdentity } from '@smithy/types';
import type { Certificate } from '../domain/certificate.js';
import type { Inventory, InventoryEvent, InventorySource } from '../domain/inventory.js';
import { AwsClients, homeRegion } from './clients.js';
import { credentialProvider, resolveCredentials } from './credentials.js';
import { DescribeScheduler } from './describe-queue.js';
import { loadInventory, type Pacing } from './inventory.js';
import { configuredEndpoints, plainHttpTokenWarning } from './plain-http.js';
import type { RegionSelection } from './regions.js';

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
  now?: () => Date;
  /** false: never call SearchCertificates. */
  search?: boolean;
  /** The certificates with high or critical findings so far, described first (see InventoryRequest). */
  urgent?: (certificates: readonly Certificate[], now: Date) => ReadonlySet<string>;
}

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

  async function ready(): Promise<{ clients: AwsClients; home: string }> {
    if (!clients || !home) {
      const credentials = options.credentials ?? credentialProvider(options.profile);
      const resolved = options.credentials ?? (await resolveCredentials(credentials as never, options.profile));
      tokenWarning = plainHttpTokenWarning(configuredEndpoints(options.endpoint), resolved);
      home = options.homeRegion ?? (await homeRegion(options.profile));
      clients = new AwsClients({ credentials, endpoint: options.endpoint, profile: options.profile });
    }
    return { clients, home };
  }

  return {
    label: {
      profile: options.demo ? 'demo' : (options.profile ?? null),
      endpoint: options.endpoint ?? process.env.AWS_ENDPOINT_URL_ACM ?? process.env.AWS_ENDPOINT_URL ?? null,
      demo: options.demo ?? false,
      regions: options.regions.kind === 'all' ? 'all' : options.regions.regions,
    },
    async checkCredentials() {
      await ready();
    },
    async load(onEvent: (e: InventoryEvent) => void, signal?: AbortSignal): Promise<Inventory> {
      const { clients: c, home: h } = await ready();
      scheduler = new DescribeScheduler();
      // Said with every load: the app clears its warnings on refresh.
      if (tokenWarning) onEvent({ kind: 'warning', message: tokenWarning });
      const inventory = await loadInventory(
        {
          clients: c,
          regions: options.regions,
          homeRegion: h,
          pacing: options.pacing,
          now: options.now,
          search: options.search,
          urgent: options.urgent,
          scheduler,
        },
        onEvent,
        signal,
      );
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
