import type { ZodType } from 'zod';
import type { Certificate, CertificateField } from '../domain/certificate.js';
import type { StageId, StageRead } from '../domain/inventory.js';

/**
 * A read stage: one more AWS read beside ListCertificates and DescribeCertificate (load balancers,
 * CloudFront, Route 53, …), declared as data so the engine paces it, bounds it by the deadline,
 * caches it, reports it when it fails and shows it — without anyone editing the engine. Each stage
 * is one folder, src/stages/<id>/, registered by one line in src/stages/index.ts; docs/architecture.md
 * walks through adding one.
 *
 * The folder's files and what they may import (test/architecture/layering.test.ts holds them to it):
 * - `index.ts` — this declaration, and its pure join (domain only; no SDK, no endpoint);
 * - `read.ts` — the AWS calls: the only file of the stage that imports `@aws-sdk/*` (loaded lazily, after
 *   the first frame, through `read` below);
 * - `fake.ts` — the service in the project's fake endpoint (imports src/endpoint/ only, never src/domain/).
 */
export interface Stage<Data = unknown> {
  /** Short, stable, lower-case: the JSON key, the cache section, the failure's `part` (`elb`, `cloudfront`). */
  id: StageId;
  /** What it reads, as a person says it: "Load balancer listeners". */
  title: string;
  scope: StageScope;
  /**
   * When it runs in a region: `listing` — once the region's certificates are listed (it needs their
   * ARNs only); `details` — once every certificate is described (it needs detail fields, e.g. the DNS
   * checks need DescribeCertificate's ResourceRecord; name them in `needs`).
   */
  after: 'listing' | 'details';
  /** The certificate fields it reads (documentation, and the audit's reasoning about what is missing). */
  needs: readonly CertificateField[];
  /**
   * True when its data is a history that only grows — events that happened, which stay true — so a run
   * can extend the last cached read instead of reading it all again: `context.previous` is handed over
   * on every run the cache is on, a plain CLI run included. Never for state (a certificate's status, a
   * listener's certificate): what was read of it may have changed, and only `--max-age` reuses that.
   * Without it, `context.previous` is null on a plain CLI run.
   */
  incremental?: boolean;
  /** Every API operation it calls, with its documented rate quota: the engine paces each at it. */
  operations: readonly StageOperation[];
  /** The ids of the checks (audit rules) that read its data: named as not checked when it fails. */
  checks: readonly string[];
  /**
   * The shape of what `read` returns: checked when it comes back from the cache (its section of a
   * cached region), so a cache written by another version is re-read, never half-trusted.
   */
  data: ZodType<Data>;
  /**
   * The reader, loaded on first use so its SDK client loads with it: `() => import('./read.js')`.
   * (The data type is inferred from `data` alone: a reader that ignores `previous` takes any context.)
   */
  read(): Promise<StageReader<NoInfer<Data>>>;
  /**
   * The pure join: what this stage's reads (every account-region it read, cached or live) say about
   * one certificate, as labelled lines for the detail view (and the evidence a check quotes). Empty
   * when they say nothing about it.
   */
  about(certificate: Certificate, reads: readonly StageData<Data>[]): StageFact[];
  /** The endpoint's fake of the service it reads: `() => import('./fake.js').then((m) => m.fake)`. */
  fake?(): Promise<unknown>;
}

/**
 * `region`: read in every account-region the run reads. `account`: a global service (CloudFront,
 * Route 53), read once per account from `signingRegion` — it is paced, reported and cached under that
 * region (or, when the run does not read it, under the account's first region).
 */
export type StageScope = { kind: 'region' } | { kind: 'account'; signingRegion: string };

export interface StageOperation {
  /** The IAM action, `service:Operation` (`elasticloadbalancing:DescribeListeners`): the policy lists it. */
  action: `${string}:${string}`;
  /** The documented request rate quota, calls per second (per account, and per region for a regional service). */
  perSecond: number;
  /** Where AWS documents that quota (a docs URL): the number is checked against it, not guessed. */
  source: string;
}

/** One labelled line of what a stage knows about a certificate ("Used by listener", "arn:…:listener/app/web/…"). */
export interface StageFact {
  label: string;
  value: string;
}

/** A read's data as the join sees it: where it was read and what was found. */
export interface StageData<Data> {
  accountId?: string;
  region: string;
  data: Data;
}

/** What `read()` resolves to. */
export interface StageReader<Data> {
  read(context: StageContext<Data>): Promise<Data>;
}

/**
 * This stage's last successful read of the same account-region, from the local cache, whatever its
 * age: what an incremental read builds on (CloudTrail asks only for the events since `readAt`).
 */
export interface PreviousRead<Data> {
  /** Checked against the stage's `data` schema: a cache written by another version or edited by hand is never handed over. */
  data: Data;
  /** When that read began (ISO-8601; never later than now, give or take clock skew): it holds everything up to then. */
  readAt: string;
}

/**
 * What a stage's read gets. Throw to fail (denied, throttled past retries, timed out): the engine
 * classifies the error, records the failure and names the checks it prevents; a deadline that passes
 * is recorded as unfinished whatever is thrown.
 */
export interface StageContext<Data = unknown> {
  /** The region to read (for an account-wide stage, its signing region). */
  region: string;
  /** The account read; null when STS did not say. */
  accountId: string | null;
  /**
   * The SDK client for `service` in the region, configured like every other client of the run
   * (endpoint, credentials, timeout, retries, in-flight bound, throttle signal): pass the class the
   * read module imports, e.g. `context.client('elasticloadbalancing', ElasticLoadBalancingV2Client)`.
   */
  client<C extends { middlewareStack: unknown; destroy(): void }>(service: string, Client: new (config: never) => C): C;
  /** Runs one call of `action` (one of `operations`) at its pace: `context.paced('elasticloadbalancing:DescribeListeners', () => client.send(…))`. */
  paced<T>(action: `${string}:${string}`, call: () => Promise<T>): Promise<T>;
  /** The run's signal: pass it to every `send` (`{ abortSignal: context.signal }`). */
  signal?: AbortSignal;
  /** The region's certificates when the stage starts (listed, or described: see `after`). */
  certificates: readonly Certificate[];
  /** A non-fatal note for stderr (the stage still succeeds). */
  warn(message: string): void;
  /**
   * The previous read to build on, or null: none cached, the cache off (`--no-cache`, the demo), the
   * cache not read back for a stage that is not `incremental` (a plain CLI run without --max-age reads
   * state live), or one that failed the schema or carries a time in the future. A stage that ignores
   * it reads in full, as before.
   */
  previous: PreviousRead<Data> | null;
}

/** Declares a stage, with its data type inferred from its schema. */
export function defineStage<Data>(stage: Stage<Data>): Stage<Data> {
  return stage;
}

/** The reads of one stage in an inventory, with their data, for its join. */
export function readsOf<Data>(stage: Stage<Data>, reads: readonly StageRead[] | undefined): StageData<Data>[] {
  const out: StageData<Data>[] = [];
  for (const r of reads ?? []) {
    if (r.stage !== stage.id || r.data === undefined) continue;
    out.push({ ...(r.accountId !== undefined ? { accountId: r.accountId } : {}), region: r.region, data: r.data as Data });
  }
  return out;
}

/** What the failure sentence names as the read that failed: "Load balancer listeners (elasticloadbalancing:DescribeListeners, …)". */
export function stageApi(stage: Stage<unknown>): string {
  return `${stage.title} (${stage.operations.map((o) => o.action).join(', ')})`;
}
