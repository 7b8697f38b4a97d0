import { awsInventorySource, type AwsSourceOptions } from '../../src/aws/source.js';
import type { RunningEndpoint } from '../../src/endpoint/index.js';

/**
 * The live AWS source over the wire endpoint, as the tests that drive it set it up: test keys,
 * these regions, us-east-1 as the home region; `options` adds or overrides the rest.
 */
export function endpointSource(endpoint: RunningEndpoint, regions: readonly string[], options: Partial<AwsSourceOptions> = {}) {
  return awsInventorySource({
    regions: { kind: 'list', regions: [...regions] },
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    homeRegion: 'us-east-1',
    ...options,
  });
}
