import { KEY_ALGORITHMS, KEY_PAIR_ORIGINS } from '../../src/endpoint/types.js';
import { ACMClient } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import type { RunningEndpoint } from '../../src/endpoint/index.js';

export const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

/** Real SDK clients pointed at the endpoint; maxAttempts 1 unless a test is about retries. */
export function clients(endpoint: RunningEndpoint, region: string, maxAttempts = 1) {
  const config = { region, endpoint: endpoint.url, credentials, maxAttempts };
  return {
    acm: new ACMClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    sts: new STSClient(config),
    ec2: new EC2Client(config),
  };
}

// The full value sets, from the model: listing with all of them defeats ListCertificates' default filter.
export const ALL_KEY_TYPES = [...KEY_ALGORITHMS];
export const ALL_ORIGINS = [...KEY_PAIR_ORIGINS];

/**
 * Listing with everything included: how acm-advisor must call ListCertificates.
 * A fresh object each time, because the SDK paginator writes NextToken and MaxItems
 * into the input it is given: a shared constant would carry a stale token into the next listing.
 */
export function listEverything() {
  return {
    Includes: { keyTypes: [...ALL_KEY_TYPES] },
    CertificateKeyPairOrigins: [...ALL_ORIGINS],
  };
}

/** The rejection of a promise, for asserting on SDK error objects. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
