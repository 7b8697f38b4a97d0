import type { FakeService } from '../../src/endpoint/service.js';
import { fake } from '../../src/stages/cloudtrail/fake.js';

/**
 * CloudTrail's fake, noting every StartTime LookupEvents was asked with (epoch ms) as it arrived on the
 * wire: what an incremental read asked for. Pass `service` to startEndpoint's `services`.
 */
export function recordingLookupStarts(): { service: FakeService; startTimes: number[] } {
  const startTimes: number[] = [];
  const service: FakeService = {
    ...fake,
    handle(request) {
      if (request.operation === 'LookupEvents') startTimes.push(Math.round(Number(request.json.StartTime) * 1000));
      return fake.handle(request);
    },
  };
  return { service, startTimes };
}
