import type { Certificate } from './certificate.js';
import type { Endpoint } from './serving.js';
import type { WaitingRequests } from './waiting.js';

/** Endpoints that hold no certificate but say something about the estate. */
export interface ServingSummary {
  /** TCP listeners on ports TLS uses (443, 8443, …): TLS passes through to the instances, which hold their own certificates. */
  passthrough: Endpoint[];
}

export interface AccountIdentity {
  id: string;
  arn: string;
}

export interface RegionError {
  code: string;
  message: string;
}

/** Why a certificate's details or tags could not be read: a stable word for JSON and grouping. */
export const FAILURE_REASONS = [
  'denied',
  'throttled',
  'expired-credentials',
  'malformed-response',
  'timeout',
  'network',
  /** The run's deadline passed (or it was stopped) before this was read. */
  'unfinished',
  'error',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * A read of one region that did not finish, for one cause: certificates whose details
 * (DescribeCertificate) or tags could not be read, or a read stage (src/stages/) that failed there.
 */
export interface DetailFailure {
  /** `details`, or the id of the read stage that failed (`tags` is one): see src/stages/. */
  part: 'details' | StageId;
  reason: FailureReason;
  /** The AWS error code (`AccessDeniedException`, `ThrottlingException`, `TimeoutError`, …). */
  code: string;
  /** Certificates it leaves unread (for a stage: the certificates of the region its checks could not look at). */
  count: number;
  /** For a stage: the API it reads, as the failure sentence names it ("Load balancer listeners (elasticloadbalancing:DescribeListeners)"). */
  what?: string;
  /** For a stage: the ids of the checks (rules) it feeds, which could not be evaluated. */
  prevents?: string[];
}

/** A read stage's id (src/stages/<id>/): `tags`, `search`, `elb`, … */
export type StageId = string;

/**
 * What one read stage found in one account-region — or, for a service that is global to the account
 * (CloudFront, Route 53), once per account, under its signing region. The engine emits it as a
 * `stage` event; the fold keeps the latest per stage, account and region in `Inventory.stages`.
 */
export interface StageRead {
  stage: StageId;
  /** The account, when the inventory spans several. */
  accountId?: string;
  /** The region read, or an account-wide stage's signing region. */
  region: string;
  /** `failed`: denied, throttled past retries, timed out or cut by the deadline (see `failure`). */
  status: 'ok' | 'failed';
  /** The stage's own data, its shape declared by the stage (its `data` schema); absent when nothing was read. */
  data?: unknown;
  failure?: { reason: FailureReason; code: string };
  /** When the read began (ISO-8601): it holds nothing newer. A failure: when it was given up. */
  readAt: string;
  /** Set when the data came from the local cache rather than this run. */
  cached?: true;
}

export interface RegionState {
  region: string;
  /** The account this region belongs to, when the inventory spans several. */
  accountId?: string;
  /** `partial`: listed, but some certificates' details or tags could not be read (see detailsFailed). */
  status: 'pending' | 'loading' | 'ok' | 'partial' | 'error';
  error?: RegionError;
  /** Empty when every certificate was read in full. */
  detailsFailed?: DetailFailure[];
  /**
   * Certificates of the region not read in full, each counted once: one that lacks its details, its
   * tags and a stage's data is one. The counts in `detailsFailed` are per part and overlap.
   */
  notFullyRead?: number;
  /** Summaries listed so far. */
  listed: number;
  /** Details known so far: DescribeCertificate answers (success or give-up) and details reused from the cache. */
  described: number;
}

/** One account of the estate and how reading it went. */
export interface AccountState {
  id: string;
  /** From AWS Organizations; null when the organisation was not read. */
  name: string | null;
  status: 'pending' | 'loading' | 'ok' | 'error';
  /** Why the account could not be read (role refused), or what it denied (a call its role may not make). */
  error?: RegionError;
  regions: RegionState[];
}

/** Where an inventory came from, when not from the live APIs. */
export interface InventoryOrigin {
  kind: 'config-aggregator';
  aggregator: string;
  /** Config's capture times: the snapshot is as old as `oldest`. */
  capturedAt: { oldest: string | null; newest: string | null };
  /** Certificate fields this source cannot provide (null in every record), each with why. */
  missingFields: Array<{ field: string; reason: string }>;
}

/** A whole inventory, as `inventory --format json` prints it (regions trimmed to region/status/error). */
export interface Inventory {
  generatedAt: string;
  /** The caller's identity. */
  account: AccountIdentity | null;
  /** Every account-region read (each tagged with its account when there are several). */
  regions: RegionState[];
  /** Every account read; absent means the caller's account alone (see `accountsOf`). */
  accounts?: AccountState[];
  /** Set when the inventory is a Config aggregator's recording rather than a live read. */
  origin?: InventoryOrigin;
  certificates: Certificate[];
  /** What each extra read stage (load balancers, CloudFront, …) found, per stage and account-region; absent when none ran. */
  stages?: StageRead[];
  /**
   * What the reads of load balancers, distributions, API domains and zones found beyond each
   * certificate's own endpoints; absent when those services were not read.
   */
  serving?: ServingSummary;
  /** Non-fatal problems worth a line on stderr (identity unavailable, tags fell back, …). */
  warnings: string[];
  /**
   * Set when the run's deadline (`--deadline`) passed before everything asked for was read
   * (code `DeadlineExceeded`). What it cut short is named where it happened too: regions and
   * accounts in error, certificates whose details or tags were not read.
   */
  stopped?: RegionError;
}

/** Progress of a load, emitted so a UI can render while it runs. */
export type InventoryEvent =
  | { kind: 'identity'; account: AccountIdentity | null; warning?: string }
  /** The accounts about to be read (several accounts only; one account sends no such event). */
  | { kind: 'accounts'; accounts: Array<{ id: string; name: string | null }> }
  | { kind: 'account-started'; accountId: string }
  | { kind: 'account-failed'; accountId: string; error: RegionError }
  | { kind: 'account-done'; accountId: string; status: 'ok' | 'error'; error?: RegionError }
  /** Region events carry `accountId` when the inventory spans several accounts. */
  | { kind: 'regions'; regions: string[]; accountId?: string }
  | { kind: 'region-started'; region: string; accountId?: string }
  /** A page of summaries: usable at once, detail fields still null. */
  | { kind: 'summaries'; region: string; certificates: Certificate[]; accountId?: string }
  /** Certificates whose detail (or tags) arrived; replace earlier records with the same ARN. */
  | { kind: 'details'; region: string; certificates: Certificate[]; accountId?: string }
  /** `detailsFailed`: what a region stopped while listing had read, and could not read in full. */
  | { kind: 'region-failed'; region: string; error: RegionError; accountId?: string; detailsFailed?: DetailFailure[]; notFullyRead?: number }
  /** A read stage finished in one account-region (or once per account, under its signing region): replaces its earlier read there. */
  | { kind: 'stage'; read: StageRead; accountId?: string }
  | { kind: 'region-done'; region: string; accountId?: string; detailsFailed?: DetailFailure[]; notFullyRead?: number }
  | { kind: 'warning'; message: string }
  /**
   * The requests unanswered for longer than `afterMs`, across every account and region: each event
   * replaces the one before, and an empty list means nothing waits any more.
   */
  | { kind: 'waiting'; afterMs: number; requests: WaitingRequests[] }
  /**
   * The inventory an earlier read saved (the local cache), before any AWS call: shown at once, marked
   * stale, then replaced record by record as the live read revalidates it.
   */
  | {
      kind: 'cached';
      savedAt: string;
      account: AccountIdentity | null;
      /** The caller's account's regions (one account); empty for an estate, whose regions are per account. */
      regions: string[];
      /** An estate (--org, --accounts): every account with cached regions, each with those regions. */
      accounts?: CachedAccount[];
      certificates: Certificate[];
    }
  | { kind: 'done'; inventory: Inventory };

/** One account of an estate as the cache last saw it. */
export interface CachedAccount {
  id: string;
  name: string | null;
  regions: string[];
}

/** Where the UI and CLI get an inventory from; the AWS layer implements it. */
export interface InventorySource {
  /** Human description for the status line: profile, endpoint, demo. */
  readonly label: {
    profile: string | null;
    endpoint: string | null;
    demo: boolean;
    regions: string[] | 'all';
    /** What beyond the caller's account is read: 'organisation', '3 account(s)', 'config aggregator NAME'; null for one account. */
    scope?: string | null;
  };
  load(onEvent: (e: InventoryEvent) => void, signal?: AbortSignal): Promise<Inventory>;
  /**
   * Reads these certificates' details next, in the load in progress: `opened` (the one the
   * user opened) before `visible` (the rows on screen); each call replaces the previous list
   * at its level. Optional: a source with nothing left to read ignores it.
   */
  prioritise?(arns: readonly string[], level: 'opened' | 'visible'): void;
  /**
   * The `cached` event's rows are on screen. A source that has more to load before its live read
   * (the SDK: ~100 ms of compiling on the one thread) waits for this, so that work comes after the
   * frame, not in front of it. Optional.
   */
  cachedShown?(): void;
}

/**
 * An earlier read of the account (the local cache), offered to the inventory engine. It lets the engine
 * keep earlier details on screen while it revalidates, reuse young ones instead of describing them again,
 * describe what changed first, and save each region it reads completely.
 */
export interface PriorReads {
  /** One region's certificates as an earlier complete read saved them, by ARN; undefined when none. */
  region(accountId: string | null, region: string): ReadonlyMap<string, Certificate> | undefined;
  /** Reuse details described at most this long ago (ms) when the listing shows no change; null: describe everything again. */
  reuseWithinMs: number | null;
  /** A region was read completely: `certificates` as read, `startedAt` when its read began. */
  save(accountId: string | null, region: string, certificates: readonly Certificate[], startedAt: Date): void;
  /**
   * A read stage's last successful read of a region when earlier reads are read back (the app,
   * `--max-age`): reused whole within `reuseWithinMs`, else built on; optional.
   */
  stage?(accountId: string | null, region: string, stage: StageId): StageRead | undefined;
  /**
   * A history stage's (`incremental`) last successful read of a region, on every run the cache is on,
   * read back or not: it is only built on, never reused as current. Only for an account the run knows
   * it reads (`accountId` from STS), since one remembered from an earlier run may be another's history.
   */
  previousStage?(accountId: string, region: string, stage: StageId): StageRead | undefined;
  /** A read stage read a region in full. */
  saveStage?(accountId: string | null, region: string, read: StageRead): void;
}

/**
 * True when the run read less than it was asked to — a region or account failed, or some
 * certificates' details or tags are unknown: the CLI exits 3 and says what is missing.
 */
export function isPartial(inv: Inventory): boolean {
  return (
    inv.regions.some((r) => r.status === 'error' || r.status === 'partial' || (r.detailsFailed?.length ?? 0) > 0) ||
    (inv.accounts?.some((a) => a.status === 'error') ?? false) ||
    (inv.stages?.some((s) => s.status === 'failed') ?? false) ||
    inv.stopped !== undefined
  );
}

/** The accounts of an inventory; a single-account inventory is one entry holding every region. */
export function accountsOf(inv: Inventory): AccountState[] {
  if (inv.accounts) return inv.accounts;
  const failed = inv.regions.find((r) => r.status === 'error');
  return [
    {
      id: inv.account?.id ?? inv.certificates.find((c) => c.accountId)?.accountId ?? 'unknown',
      name: null,
      status: failed ? 'error' : 'ok',
      ...(failed?.error ? { error: failed.error } : {}),
      regions: inv.regions,
    },
  ];
}

/** "name (id)", or the id alone when the name is unknown. */
export function accountLabel(a: { id: string; name: string | null } | { accountId: string | null; accountName: string | null }): string {
  const id = 'id' in a ? a.id : (a.accountId ?? 'unknown account');
  const name = 'name' in a ? a.name : a.accountName;
  return name ? `${name} (${id})` : id;
}
