import type { AwsCredentialIdentity } from '@smithy/types';
import type { Inventory, InventoryEvent, InventorySource } from '../domain/inventory.js';
import { AwsClients, homeRegion } from './clients.js';
import { credentialProvider, resolveCredentials } from './credentials.js';
import { loadInventory, type Pacing } from './inventory.js';
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
}

/**
 * The live account as an InventorySource. Credentials are resolved once, before any
 * region is read, so a credential problem is one sentence rather than one per region.
 * Clients live as long as the source, so a refresh reuses connections.
 */
export function awsInventorySource(options: AwsSourceOptions): InventorySource & {
  /** Resolve credentials now; throws CredentialsError with a one-sentence message. */
  checkCredentials(): Promise<void>;
  close(): void;
} {
  let clients: AwsClients | null = null;
  let home: string | null = null;

  async function ready(): Promise<{ clients: AwsClients; home: string }> {
    if (!clients || !home) {
      const credentials = options.credentials ?? credentialProvider(options.profile);
      if (!options.credentials) await resolveCredentials(credentials as never, options.profile);
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
      return loadInventory({ clients: c, regions: options.regions, homeRegion: h, pacing: options.pacing, now: options.now }, onEvent, signal);
    },
    close() {
      clients?.destroy();
      clients = null;
    },
  };
}
