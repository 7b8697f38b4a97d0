import { ACMClient } from '@aws-sdk/client-acm';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { isThrottlingError } from '@smithy/core/retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { InFlightLimit } from './in-flight.js';
import type { RequestTracker, TrackedCall } from './slow-requests.js';

/** Told about every throttled attempt, retried or not: what the pacers back off on. */
export type ThrottleListener = (region: string, operation: string) => void;

export interface ClientOptions {
  credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  /** Explicit --endpoint-url: wins over AWS_ENDPOINT_URL*, which the SDK reads by itself otherwise. */
  endpoint?: string;
  /** The profile, so clients read its region and retry settings from ~/.aws/config. */
  profile?: string;
  /** Attempts per ACM/tagging call (SDK standard retry; default 10). AWS_MAX_ATTEMPTS overrides. */
  maxAttempts?: number;
  /** Shared by every client of a run that reads several accounts. */
  inFlight?: InFlightLimit;
  /** Per request (--timeout): how long to wait for an answer; the connection gets at most 10 s of it. */
  timeoutMs?: number;
  /** Told about every HTTP attempt while it is on the wire, so a stalled one can be named. */
  requests?: RequestTracker;
  /** The member account these clients read, for naming its requests (absent: the caller's own). */
  accountId?: string;
}

/**
 * Keep-alive connections shared by every client of a run: the SDK otherwise gives each client
 * its own pool, and an organisation read builds one ACM and one tagging client per account and
 * region — hundreds of pools, each opening its own connections (and, against AWS, its own TLS
 * handshakes) to the same regional endpoints. Connections carry no identity (each request is
 * signed), so every account's clients can reuse them. Pools are per host, so regions still
 * have their own connections. A client's destroy() leaves them alone; the owner closes them.
 */
class SharedConnections {
  readonly http = new (class extends HttpAgent {
    override destroy(): void {}
    close(): void {
      super.destroy();
    }
  })({ keepAlive: true, maxSockets: Infinity });
  readonly https = new (class extends HttpsAgent {
    override destroy(): void {}
    close(): void {
      super.destroy();
    }
  })({ keepAlive: true, maxSockets: Infinity });

  close(): void {
    this.http.close();
    this.https.close();
  }
}

/** Carries a call's tracker entry from the call (initialize step) to each of its attempts (deserialize step). */
const TRACKED_CALL = Symbol('acmAdvisorTrackedCall');

/** A request that never answers must not hang the run (default 30 s; `--timeout` changes it). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One lazily built, cached client per service and region, all sharing one credential
 * provider and one base config. The SDK's standard retry mode mops up the throttles our
 * own pacing does not prevent; adaptive mode was measured here to collapse to ~0.5 req/s
 * under random throttles (its client-side limiter keeps shrinking), so it is not used.
 */
export class AwsClients {
  private readonly cache = new Map<string, unknown>();
  private readonly throttleListeners = new Set<ThrottleListener>();
  private readonly connections: SharedConnections;
  /** Whether destroy() closes the connections too (false for an account's clients within a run). */
  private readonly ownsConnections: boolean;

  constructor(
    private readonly options: ClientOptions,
    shared?: SharedConnections,
  ) {
    this.connections = shared ?? new SharedConnections();
    this.ownsConnections = !shared;
  }

  /**
   * The same settings (endpoint, profile, timeout, in-flight bound, request tracking) and
   * connections, with other credentials: a member account's clients within a run that reads
   * several accounts.
   */
  withCredentials(credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity, accountId: string): AwsClients {
    return new AwsClients({ ...this.options, credentials, accountId }, this.connections);
  }

  /** Subscribes to throttled attempts on the ACM and tagging clients; returns the unsubscribe. */
  onThrottle(listener: ThrottleListener): () => void {
    this.throttleListeners.add(listener);
    return () => this.throttleListeners.delete(listener);
  }

  /**
   * The SDK retries a throttled call by itself, so the caller only sees the last attempt.
   * This middleware sits inside the retry loop (deserialize step) and reports every throttled
   * attempt, so pacing can slow down on the first one.
   */
  private watchThrottles<C extends { middlewareStack: unknown }>(client: C, region: string, service?: string): C {
    const listeners = this.throttleListeners;
    (client.middlewareStack as ACMClient['middlewareStack']).add(
      (next, context) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (listeners.size > 0 && isThrottlingError(error as never)) {
            const name = String(context.commandName ?? '').replace(/Command$/, '');
            // A stage's operations are paced as service:Operation (see pacer.ts).
            const operation = service ? `${service}:${name}` : name;
            for (const listener of listeners) listener(region, operation);
          }
          throw error;
        }
      },
      { step: 'deserialize', priority: 'high', name: 'acmAdvisorThrottleSignal' },
    );
    return client;
  }

  /**
   * `attempts`: the data-plane clients (ACM, tagging) retry generously because throttling is
   * expected at volume; the one-shot account calls (STS, EC2) give up fast so an unreachable
   * endpoint or a missing permission costs seconds, not a minute of backoff.
   */
  get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The run-wide bound on requests in flight, when several accounts share one. */
  get inFlight(): InFlightLimit | undefined {
    return this.options.inFlight;
  }

  /** Shared with the clients of the member accounts of the same run. */
  get requests(): RequestTracker | undefined {
    return this.options.requests;
  }

  private base(region: string, attempts: number) {
    const envAttempts = Number(process.env.AWS_MAX_ATTEMPTS);
    return {
      region,
      credentials: this.options.credentials,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      retryMode: 'standard' as const,
      maxAttempts: Number.isFinite(envAttempts) && envAttempts > 0 ? envAttempts : attempts,
      // The SDK's own NodeHttpHandler bounds: without throwOnRequestTimeout it only logs a warning.
      requestHandler: {
        connectionTimeout: Math.min(this.timeoutMs, 10_000),
        requestTimeout: this.timeoutMs,
        throwOnRequestTimeout: true,
        httpAgent: this.connections.http,
        httpsAgent: this.connections.https,
      },
    };
  }

  private get<T>(service: string, region: string, make: () => T): T {
    const key = `${service}:${region}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = reusingHandlers(make() as never) as T;
      const limit = this.options.inFlight;
      const requests = this.options.requests;
      const stack = (client as { middlewareStack: { add(m: unknown, o: unknown): void } }).middlewareStack;
      if (requests) {
        const accountId = this.options.accountId;
        // Outside the retry loop: one entry per call, so its age runs on across a timeout and its retry. The
        // entry rides on the call's arguments (every step passes them on, spread), not on the context, which
        // the chain built once per operation (reusingHandlers) shares between concurrent calls.
        stack.add(
          (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: object) => {
            const operation = String(context.commandName ?? '').replace(/Command$/, '');
            const call = requests.begin({ operation, region, ...(accountId ? { accountId } : {}) });
            try {
              return await next({ ...args, [TRACKED_CALL]: call });
            } finally {
              call.end();
            }
          },
          { step: 'initialize', name: 'acmAdvisorCallWatch', priority: 'high' },
        );
      }
      if (limit || requests) {
        // In the deserialize step: inside the retry loop, so each attempt holds a slot only while on the
        // wire, and a call's clock starts when its first attempt got the slot (a queue is not a stall).
        stack.add(
          (next: (a: unknown) => Promise<unknown>) => (args: { [TRACKED_CALL]?: TrackedCall }) => {
            const attempt = () => {
              args[TRACKED_CALL]?.attempt();
              return next(args);
            };
            return limit ? limit.run(attempt) : attempt();
          },
          { step: 'deserialize', name: 'acmAdvisorInFlight', priority: 'low' },
        );
      }
      this.cache.set(key, client);
    }
    return client;
  }

  acm(region: string): ACMClient {
    return this.get('acm', region, () => this.watchThrottles(new ACMClient(this.base(region, this.options.maxAttempts ?? 10)), region));
  }

  tagging(region: string): ResourceGroupsTaggingAPIClient {
    return this.get('tagging', region, () =>
      this.watchThrottles(new ResourceGroupsTaggingAPIClient(this.base(region, this.options.maxAttempts ?? 10)), region),
    );
  }

  sts(region: string): STSClient {
    return this.get('sts', region, () => new STSClient(this.base(region, 3)));
  }

  /** Loads the EC2 SDK on first use (see ec2-sdk.ts). */
  async ec2(region: string): Promise<EC2Client> {
    const { EC2Client } = await import('./ec2-sdk.js');
    return this.get('ec2', region, () => new EC2Client(this.base(region, 3)));
  }

  // Organizations and Config serve only --org/--accounts and the aggregator: the caller passes the client
  // class, so each SDK loads with the module that uses it (organizations.ts, config-aggregator.ts, both
  // imported only when needed), never with every run.

  /** Organizations is global; its endpoint and signing region is the partition's main region. */
  organizations(region: string, Client: typeof OrganizationsClient): OrganizationsClient {
    return this.get('organizations', region, () => new Client(this.base(region, 5)));
  }

  config(region: string, Client: typeof ConfigServiceClient): ConfigServiceClient {
    return this.get('config', region, () => new Client(this.base(region, this.options.maxAttempts ?? 10)));
  }

  /**
   * A read stage's client (src/stages/): `service` is the IAM prefix its operations are paced and named
   * by (`elasticloadbalancing`), `Client` the SDK class its read module imports, so that SDK loads with
   * the stage. Same endpoint, credentials, timeout, retries, in-flight bound and throttle signal as ACM's.
   */
  stageClient<C extends { middlewareStack: unknown; destroy(): void }>(service: string, region: string, Client: new (config: never) => C): C {
    // The built-in stages (tags, search) share the engine's own ACM and Tagging clients.
    if (service === 'acm') return this.acm(region) as unknown as C;
    if (service === 'tag') return this.tagging(region) as unknown as C;
    return this.get(`stage:${service}`, region, () =>
      this.watchThrottles(new Client(this.base(region, this.options.maxAttempts ?? 10) as never), region, service),
    );
  }

  destroy(): void {
    for (const c of this.cache.values()) (c as { destroy(): void }).destroy();
    this.cache.clear();
    if (this.ownsConnections) this.connections.close();
  }
}

interface SendingClient {
  send(command: unknown, options?: unknown, callback?: unknown): Promise<unknown>;
  middlewareStack: unknown;
  config: unknown;
}

interface ResolvableCommand {
  resolveMiddleware(stack: unknown, config: unknown, options: unknown): (command: unknown) => Promise<{ output: unknown }>;
}

/**
 * The SDK builds a command's whole middleware chain — every entry copied and sorted — on each
 * send, and its own cache (`cacheMiddleware`) serves only calls made without options, while
 * every call here carries the run's abort signal. At thousands of calls a second that build
 * was a tenth of the client's CPU. The chain is built once per operation and abort signal
 * instead, as `cacheMiddleware` does it (one context per operation, shared by its calls);
 * calls with other options take the SDK's own path.
 */
function reusingHandlers<C extends SendingClient>(client: C): C {
  const built = new Map<unknown, { signal: unknown; handler: (command: unknown) => Promise<{ output: unknown }> }>();
  const send = client.send.bind(client);
  client.send = (command: unknown, options?: unknown, callback?: unknown) => {
    const onlySignal = options === undefined || (typeof options === 'object' && options !== null && Object.keys(options).every((k) => k === 'abortSignal'));
    if (callback !== undefined || !onlySignal) return send(command, options, callback);
    const signal = (options as { abortSignal?: unknown } | undefined)?.abortSignal;
    const operation = (command as object).constructor;
    let entry = built.get(operation);
    if (!entry || entry.signal !== signal) {
      entry = { signal, handler: (command as ResolvableCommand).resolveMiddleware(client.middlewareStack, client.config, options) };
      built.set(operation, entry);
    }
    return entry.handler(command).then((result) => result.output);
  };
  return client;
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
