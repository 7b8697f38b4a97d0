import { endpointSource } from './endpoint-source.js';
import type { Inventory, InventoryEvent, PriorReads } from '../../src/domain/inventory.js';
import type { RunningEndpoint } from '../../src/endpoint/index.js';
import type { AnyStage } from '../../src/stages/index.js';

/** The source's load also takes the cache's earlier reads (as the CLI's cached source passes them). */
type WithPrior = (onEvent: (e: InventoryEvent) => void, signal: AbortSignal | undefined, prior?: PriorReads) => Promise<Inventory>;

/**
 * One run of these read stages against the wire endpoint, in `regions` (the first is the home region),
 * paced at their quotas scaled by 100 (start the endpoint with `rateScale: 100`), with the cache's
 * earlier reads when given.
 */
export async function loadWithStages(endpoint: RunningEndpoint, regions: string[], stages: AnyStage[], prior?: PriorReads): Promise<Inventory> {
  const src = endpointSource(endpoint, regions, { homeRegion: regions[0], timeoutMs: 30_000, stages, pacing: { quotaScale: 100 } });
  try {
    return await (src.load as WithPrior)(() => {}, undefined, prior);
  } finally {
    src.close();
  }
}
