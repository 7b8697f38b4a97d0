import { awsInventorySource, type AwsSourceOptions } from '../../src/aws/source.js';
import type { Inventory } from '../../src/domain/inventory.js';

/** One inventory read from the wire endpoint at `url` with these read stages, quotas scaled like the endpoint's. */
export async function loadWithStages(url: string, regions: string[], stages: NonNullable<AwsSourceOptions['stages']>): Promise<Inventory> {
  const src = awsInventorySource({
    regions: { kind: 'list', regions },
    endpoint: url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    homeRegion: 'us-east-1',
    timeoutMs: 30_000,
    stages,
    pacing: { quotaScale: 100 },
  } as AwsSourceOptions);
  try {
    return await src.load(() => {});
  } finally {
    src.close();
  }
}
