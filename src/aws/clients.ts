import { ACMClient } from '@aws-sdk/client-acm';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface ClientOptions {
  credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  /** Explicit --endpoint-url: wins over AWS_ENDPOINT_URL*, which the SDK reads by itself otherwise. */
  endpoint?: string;
  /** The profile, so clients read its region and retry settings from ~/.aws/config. */
  profile?: string;
  /** Attempts per ACM/tagging call (SDK standard retry; default 10). AWS_MAX_ATTEMPTS overrides. */
  maxAttempts?: number;
}

/**
 * One lazily built, cached client per service and region, all sharing one credential
 * provider and one base config. The SDK's standard retry mode mops up the throttles our
 * own pacing does not prevent; adaptive mode was measured to collapse to ~0.5 req/s
 * under random throttles (setup-notes), so it is not used.
 */
export class AwsClients {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly options: ClientOptions) {}

  /**
   * `attempts`: the data-plane clients (ACM, tagging) retry generously because throttling is
   * expected at volume; the one-shot account calls (STS, EC2) give up fast so an unreachable
   * endpoint or a missing permission costs seconds, not a minute of backoff.
   */
  private base(region: string, attempts: number) {
    const envAttempts = Number(process.env.AWS_MAX_ATTEMPTS);
    return {
      region,
      credentials: this.options.credentials,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      retryMode: 'standard' as const,
      maxAttempts: Number.isFinite(envAttempts) && envAttempts > 0 ? envAttempts : attempts,
    };
  }

  private get<T>(key: string, make: () => T): T {
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      this.cache.set(key, client);
    }
    return client;
  }

  acm(region: string): ACMClient {
    return this.get(`acm:${region}`, () => new ACMClient(this.base(region, this.options.maxAttempts ?? 10)));
  }

  tagging(region: string): ResourceGroupsTaggingAPIClient {
    return this.get(`tagging:${region}`, () => new ResourceGroupsTaggingAPIClient(this.base(region, this.options.maxAttempts ?? 10)));
  }

  sts(region: string): STSClient {
    return this.get(`sts:${region}`, () => new STSClient(this.base(region, 3)));
  }

  ec2(region: string): EC2Client {
    return this.get(`ec2:${region}`, () => new EC2Client(this.base(region, 3)));
  }

  destroy(): void {
    for (const c of this.cache.values()) (c as { destroy(): void }).destroy();
    this.cache.clear();
  }
}

/**
 * The region for account-wide calls (STS, EC2 DescribeRegions): the profile's or the
 * environment's region, else us-east-1.
 */
export async function homeRegion(profile: string | undefined): Promise<string> {
  const env = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (env) return env;
  try {
    const probe = new STSClient(profile ? { profile } : {});
    const region = await probe.config.region();
    probe.destroy();
    if (region) return region;
  } catch {
    // No region configured anywhere: fall through.
  }
  return 'us-east-1';
}
