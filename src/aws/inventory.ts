import {
  CertificateKeyPairOrigin,
  DescribeCertificateCommand,
  KeyAlgorithm,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { setMaxListeners } from 'node:events';
import { awaitsDetail, DETAIL_ONLY_FIELDS, emptyCertificate, type Certificate } from '../domain/certificate.js';
import { byPart, detailFailuresOf, failurePhrase, notFullyReadOf } from '../domain/completeness.js';
import { DEADLINE_CODE, deadlinePassed } from '../domain/deadline.js';
import type { AccountIdentity, DetailFailure, FailureReason, Inventory, InventoryEvent, PriorReads, RegionState } from '../domain/inventory.js';
import { foldEvents, inventoryOfFold } from '../domain/inventory-fold.js';
import { search as searchStage, STAGES, tags as tagsStage, type AnyStage, type StageContext } from '../stages/index.js';
import { carryDetail, revalidationPlan, youngEnough } from '../domain/revalidation.js';
import type { AwsClients } from './clients.js';
import { DescribeQueue, type DescribeScheduler, type DescribeTier } from './describe-queue.js';
import { classifyFailure } from './detail-failures.js';
import { guardedPages, PageGuard } from './page-guard.js';
import { cancelled, isAbort, isAccessDenied, regionErrorOf, untilAborted } from './errors.js';
import { fromSummary, withDetail } from './normalise.js';
import { abortError, DEFAULT_PACING, PacerSet, type Pacing } from './pacer.js';
import { DEFAULT_ENABLED_REGIONS, type RegionSelection } from './regions.js';
import { read as searchRead } from '../stages/search/read.js';
import * as tagReads from '../stages/tags/read.js';
import { TAGS_FIELD, withoutForeignResults, withSearchResult, type SearchOutcome } from './search.js';
import { runStage, stageContext, stageQuotas, stagesOfRegion, type StageOutcome } from './stage-run.js';
import { failedTags, withTags } from './tag-records.js';

export { DEFAULT_PACING, type Pacing } from './pacer.js';

export interface InventoryRequest {
  clients: AwsClients;
  regions: RegionSelection;
  /** Region for STS and EC2 DescribeRegions. */
  homeRegion: string;
  pacing?: Partial<Pacing>;
  now?: () => Date;
  /** false: skip SearchCertificates and describe every certificate (the path before it existed). */
  search?: boolean;
  /**
   * The certificates whose findings so far are high or critical: described right after what
   * the user is looking at. Supplied by the caller (the audit is not this layer's to run).
   */
  urgent?: (certificates: readonly Certificate[], now: Date) => ReadonlySet<string>;
  /** Receives each region's describe queue, so the UI can move what it shows to the front. */
  scheduler?: DescribeScheduler;
  /** Already known (an organisation member read through its role): no GetCallerIdentity call. */
  account?: AccountIdentity;
  /** An earlier read (the local cache): revalidated, reused within its age limit, and saved to. */
  prior?: PriorReads;
  /** The read stages to run (src/stages/); the registered ones when omitted. */
  stages?: readonly AnyStage[];
}

// The API hides ECDSA, RSA_3072/4096 and ACME-issued certificates unless asked for them
// explicitly; several peer tools shipped that gap. Taken from the SDK so new values follow it.
const ALL_KEY_TYPES = Object.values(KeyAlgorithm);
const ALL_ORIGINS = Object.values(CertificateKeyPairOrigin);

/** How often, at most, a region emits a batch of described certificates. */
const DETAIL_BATCH_MS = 150;

/** `AccessDenied`, or the first line of a nameless error's message (network failures). */
function describeError(error: unknown): string {
  const e = error as Error;
  return e?.name && e.name !== 'Error' ? e.name : (e?.message ?? String(error)).split('\n')[0].slice(0, 160);
}

export async function loadInventory(
  req: InventoryRequest,
  report: (e: InventoryEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<Inventory> {
  // The result is the fold of the events this read sends (domain/inventory-fold.ts), as every listener's is.
  const events: InventoryEvent[] = [];
  const onEvent = (e: InventoryEvent) => {
    events.push(e);
    report(e);
  };
  const pacing = { ...DEFAULT_PACING, ...req.pacing };
  // Every in-flight request and every pacer listens for the abort: dozens at once is the design, not a leak.
  if (signal) setMaxListeners(0, signal);
  const warn = (message: string) => onEvent({ kind: 'warning', message });
  // One line per load however many regions refuse it: the fallback is the same everywhere.
  let searchWarned = false;
  const searchUnavailable = (error: unknown) => {
    if (searchWarned) return;
    searchWarned = true;
    warn(
      `SearchCertificates is not available (${describeError(error)}); reading every certificate with DescribeCertificate instead, which is slower at the start — allow acm:SearchCertificates for the fast path`,
    );
  };

  const [account, regions] = await Promise.all([
    identity(req, signal).then((r) => {
      if (r.warning) warn(r.warning);
      // The warning travels as its own 'warning' event (warn above), not twice.
      onEvent({ kind: 'identity', account: r.account });
      return r.account;
    }),
    regionList(req, warn, signal),
  ]);
  if (cancelled(signal)) throw abortError();
  onEvent({ kind: 'regions', regions });

  const states: RegionState[] = regions.map((region) => ({ region, status: 'pending', listed: 0, described: 0 }));
  const stages = req.stages ?? STAGES;
  const pacers = new PacerSet(pacing, signal, req.clients.inFlight, stageQuotas(stages));
  const ctx: RegionContext = { req, accountId: account?.id ?? null, pacers, onEvent, warn, searchUnavailable, signal, stages, regions };
  const stopWatching = req.clients.onThrottle((region, operation) => pacers.throttled(region, operation));
  try {
    await Promise.all(states.map((state) => loadRegion(ctx, state)));
  } finally {
    stopWatching();
  }
  if (cancelled(signal)) throw abortError();

  const folded = inventoryOfFold(foldEvents(events), (req.now?.() ?? new Date()).toISOString());
  const inventory: Inventory = { ...folded, ...stoppedNote(signal, folded.regions.filter(cutByDeadline).length, folded.regions.length, 'region') };
  report({ kind: 'done', inventory });
  return inventory;
}

/** Something in this region was cut short by the run's deadline. */
export function cutByDeadline(r: RegionState): boolean {
  return r.error?.code === DEADLINE_CODE || (r.detailsFailed?.some((f) => f.code === DEADLINE_CODE) ?? false);
}

/**
 * The run-level note a deadline leaves when it cut something short (a deadline passing
 * after the last read is no gap). `unfinished` counts the units (regions, accounts) it cut.
 */
export function stoppedNote(signal: AbortSignal | undefined, unfinished: number, of: number, unit: 'region' | 'account'): Pick<Inventory, 'stopped'> {
  if (!deadlinePassed(signal) || unfinished === 0) return {};
  return {
    stopped: {
      code: DEADLINE_CODE,
      message: `${signal.reason.message} before the read finished: ${unfinished} of ${of} ${unit}${of === 1 ? '' : 's'} not read in full; the output holds what was read by then`,
    },
  };
}

async function identity(
  req: InventoryRequest,
  signal?: AbortSignal,
): Promise<{ account: AccountIdentity | null; warning?: string }> {
  if (req.account) return { account: req.account };
  try {
    const out = await req.clients.sts(req.homeRegion).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (out.Account && out.Arn) return { account: { id: out.Account, arn: out.Arn } };
    return { account: null, warning: 'STS GetCallerIdentity returned no account; the account id is unknown' };
  } catch (error) {
    if (deadlinePassed(signal)) return { account: null, warning: `${signal.reason.message} before sts:GetCallerIdentity answered; the account id is unknown` };
    if (isAbort(error, signal)) throw error;
    return { account: null, warning: `could not read the account identity (sts:GetCallerIdentity: ${describeError(error)}); continuing without it` };
  }
}

async function regionList(req: InventoryRequest, warn: (m: string) => void, signal?: AbortSignal): Promise<string[]> {
  if (req.regions.kind === 'list') return req.regions.regions;
  try {
    // Loaded only here (see ec2-sdk.ts): a run given --regions never loads the EC2 SDK.
    const { DescribeRegionsCommand } = await import('./ec2-sdk.js');
    const ec2 = await req.clients.ec2(req.homeRegion);
    const out = await ec2.send(new DescribeRegionsCommand({}), { abortSignal: signal });
    const names = (out.Regions ?? []).map((r) => r.RegionName).filter((n): n is string => !!n).sort();
    if (names.length > 0) return names;
    warn('EC2 DescribeRegions returned no regions; reading the default commercial regions');
  } catch (error) {
    if (deadlinePassed(signal)) {
      // Each of these is then reported as not read: the regions every account has are the least that was asked for.
      warn(`${signal.reason.message} before ec2:DescribeRegions answered; the ${DEFAULT_ENABLED_REGIONS.length} regions every account has are reported as not read`);
      return [...DEFAULT_ENABLED_REGIONS];
    }
    if (isAbort(error, signal)) throw error;
    warn(
      `could not list the account's enabled regions (ec2:DescribeRegions: ${describeError(error)}); reading the ${DEFAULT_ENABLED_REGIONS.length} regions every account has — pass --regions to choose`,
    );
  }
  return [...DEFAULT_ENABLED_REGIONS];
}

interface RegionContext {
  req: InventoryRequest;
  /** Null when STS did not say. */
  accountId: string | null;
  pacers: PacerSet;
  onEvent: (e: InventoryEvent) => void;
  warn: (m: string) => void;
  searchUnavailable: (error: unknown) => void;
  signal?: AbortSignal;
  stages: readonly AnyStage[];
  /** Every region the run reads (an account-wide stage runs in one of them). */
  regions: readonly string[];
}

type Tags = Map<string, Record<string, string>>;

/**
 * One region in two phases. First ListCertificates, SearchCertificates and the Tagging API
 * side by side: a few calls each, so even 2,500 certificates are listed, searched and tagged
 * in seconds, and every finding that needs no DescribeCertificate can be shown. Then
 * DescribeCertificate, one call per certificate at the quota, in the order the describe queue
 * chooses.
 */
async function loadRegion(ctx: RegionContext, state: RegionState): Promise<Certificate[]> {
  const { req, onEvent, signal } = ctx;
  const { region } = state;
  state.status = 'loading';
  onEvent({ kind: 'region-started', region });
  const startedAt = req.now?.() ?? new Date();
  // Earlier details stay on each listed record until it is described again (or are reused).
  const before = req.prior?.region(ctx.accountId, region);

  const byArn = new Map<string, Certificate>();
  // The built-in stages' reads (src/stages/search, src/stages/tags), in this region.
  const inRegion = { clients: req.clients, pacers: ctx.pacers, accountId: ctx.accountId, region, warn: ctx.warn, signal };
  const tagContext = stageContext(inRegion, tagsStage, []);
  const searching: Promise<SearchOutcome> | null = req.search === false ? null : searchRead(stageContext(inRegion, searchStage, []));
  // Reusing earlier details (--max-age), a certificate keeps the tags read with them too, so the
  // region's tags are not read up front: only those of the certificates described again are.
  const reuseWithinMs = req.prior?.reuseWithinMs ?? null;
  const tagsWithDetails = before !== undefined && [...before.values()].some((c) => youngEnough(c, reuseWithinMs, startedAt));
  let tags: Tags | null | undefined;
  const tagging = tagsWithDetails ? null : bulkTags(ctx, region, tagContext).then((t) => (tags = t));
  // Either may end in an abort while another phase is awaited; they are awaited (or settled) below.
  searching?.catch(() => {});
  tagging?.catch(() => {});
  // The read stages start when what they need is ready: the listing, or every certificate's details.
  const listing = gate();
  const describing = gate();
  const listed = () => listing.resolve();
  const described = () => describing.resolve();
  const stageRuns: Promise<StageOutcome>[] = stagesOfRegion(ctx.stages, region, ctx.regions).map((stage) =>
    runStage(
      { clients: req.clients, pacers: ctx.pacers, accountId: ctx.accountId, region, onEvent, warn: ctx.warn, prior: req.prior, startedAt, now: () => req.now?.() ?? new Date(), signal },
      stage,
      stage.after === 'listing' ? listing.promise : describing.promise,
      () => [...byArn.values()],
    ),
  );
  // Awaited below; a region that stops first (its listing failed, the run was cancelled) leaves them to settle unseen.
  for (const run of stageRuns) run.catch(() => {});
  try {
    await listRegion(ctx, region, byArn, state, before);
  } catch (error) {
    // The region reports why it stopped; its stages do not run (their failure would only repeat it).
    listing.reject(error);
    describing.reject(error);
    // The other reads of this region are moot; let them settle quietly (a deadline does not wait for them).
    await untilAborted(Promise.allSettled([searching, tagging]), signal).catch(() => {});
    if (deadlinePassed(signal)) return listingCut(ctx, state, byArn);
    if (isAbort(error, signal)) throw abortError();
    state.status = 'error';
    state.error = regionErrorOf(error, region);
    onEvent({ kind: 'region-failed', region, error: state.error });
    return [...byArn.values()];
  }

  listed();
  const searchedRaw = searching ? await searching : null;
  if (cancelled(signal)) throw abortError();
  const foreign = searchedRaw ? withoutForeignResults(searchedRaw.results, { region, accountId: ctx.accountId }) : null;
  if (foreign?.warning) ctx.warn(foreign.warning);
  const searched = searchedRaw && foreign ? { ...searchedRaw, results: foreign.results } : null;
  // Cut short by the deadline is not unavailable: what it read is used, the rest stays unread.
  if (searched?.error && !deadlinePassed(signal)) ctx.searchUnavailable(searched.error);
  if (searched) {
    // Created between the two calls: listed now rather than lost until the next read.
    const fresh = [...searched.results.keys()].filter((arn) => !byArn.has(arn)).map((arn) => emptyCertificate(arn, region));
    for (const c of fresh) byArn.set(c.arn, c);
    if (fresh.length > 0) {
      state.listed = byArn.size;
      onEvent({ kind: 'summaries', region, certificates: fresh });
    }
  }
  // One batch with whatever of search and tags has arrived; the tags follow in a second one when later.
  const merge = (withSearch: boolean): void => {
    const changed: Certificate[] = [];
    for (const [arn, current] of byArn) {
      const result = withSearch ? searched?.results.get(arn) : undefined;
      if (!result && !tags) continue;
      let c = result ? withSearchResult(current, result, !!tags) : current;
      if (tags) c = withTags(c, tags.get(arn) ?? {});
      // A record carrying cached details keeps them (and says so) until it is described again.
      if (current.detail.state === 'complete' && current.detail.cached) c = { ...c, detail: current.detail };
      byArn.set(arn, c);
      changed.push(c);
    }
    if (changed.length > 0) onEvent({ kind: 'details', region, certificates: changed });
  };
  const tagsMerged = !!tags;
  if (searched?.results.size) merge(true);
  await tagging;
  if (cancelled(signal)) throw abortError();
  if (tags && (!tagsMerged || !searched?.results.size)) merge(false);

  // Details (and, when the Tagging API is refused, tags one by one) are batched into events.
  const pending = new Map<string, Certificate>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    onEvent({ kind: 'details', region, certificates: batch });
  };
  const update = (cert: Certificate) => {
    byArn.set(cert.arn, cert);
    pending.set(cert.arn, cert);
    if (!flushTimer) flushTimer = setTimeout(flush, DETAIL_BATCH_MS);
  };

  const queue = new DescribeQueue();
  const now = req.now?.() ?? new Date();
  // With an earlier read: what changed since (or is new) first; unchanged details young enough are reused.
  const plan = before ? revalidationPlan(byArn.values(), before, req.prior?.reuseWithinMs ?? null, now) : null;
  const reused = new Set(plan?.reused);
  const changed = new Set(plan?.changed);
  state.described += reused.size;
  // The audit that finds the urgent ones runs only when some certificate waits in the standing order.
  const standing = [...byArn.keys()].some((arn) => !reused.has(arn) && !changed.has(arn));
  const urgent = (standing ? req.urgent?.([...byArn.values()], now) : undefined) ?? new Set<string>();
  for (const c of byArn.values()) if (!reused.has(c.arn)) queue.add(c.arn, changed.has(c.arn) ? 'changed' : tierOf(c, urgent));
  const unregister = req.scheduler?.register(queue);
  try {
    await Promise.all([
      describeQueued(ctx, region, queue, byArn, update, state),
      // Tags one by one only when the Tagging API failed, not when the deadline cut it short.
      tags === null && !deadlinePassed(signal) ? tagEach(ctx, [...byArn.keys()], byArn, update, tagContext) : undefined,
      tagsWithDetails && !deadlinePassed(signal) ? tagsOf(ctx, region, [...byArn.keys()].filter((arn) => !reused.has(arn)), byArn, update, tagContext) : undefined,
    ]);
    if (cancelled(signal)) throw abortError();
    markUnread(byArn, update, deadlinePassed(signal) ? DEADLINE_CODE : 'NotRead');
  } finally {
    unregister?.();
    flush();
  }
  described();
  const stageFailures: DetailFailure[] = [];
  for (const outcome of await Promise.all(stageRuns)) if (outcome.failure) stageFailures.push(outcome.failure);
  if (cancelled(signal)) throw abortError();
  state.detailsFailed = [...detailFailuresOf(byArn.values()), ...stageFailures].sort(byPart);
  state.notFullyRead = notFullyReadOf(byArn.values(), stageFailures);
  state.status = state.detailsFailed.length > 0 ? 'partial' : 'ok';
  // Only a region read in full is worth reusing.
  if (state.status === 'ok') req.prior?.save(ctx.accountId, region, [...byArn.values()], startedAt);
  onEvent({ kind: 'region-done', region, detailsFailed: state.detailsFailed, notFullyRead: state.notFullyRead });
  return [...byArn.values()];
}

/** A promise opened or failed from outside (Promise.withResolvers, which Node 20 lacks). */
function gate(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {});
  return { promise, resolve, reject };
}


/** What a detail that will not come leaves unknown: after a search, only what the search lacked. */
function failedDetail(cert: Certificate, reason: FailureReason, code: string): Certificate['detail'] {
  const missing = cert.detail.state === 'searched' ? cert.detail.missingFields.filter((f) => f !== TAGS_FIELD) : [...DETAIL_ONLY_FIELDS];
  return { state: 'failed', missingFields: missing, reason: failurePhrase({ part: 'details', reason, code }), failure: { reason, code } };
}


/**
 * Records the region finished without (no answer, no error: the run ended first) are marked
 * failed and counted, so they are never mistaken for read nor for still loading. `code`
 * says why: `DeadlineExceeded` when the run's deadline passed first.
 */
function markUnread(byArn: Map<string, Certificate>, update: (c: Certificate) => void, code: string): void {
  for (const c of [...byArn.values()]) {
    let next = c;
    if (awaitsDetail(next)) next = { ...next, detail: failedDetail(next, 'unfinished', code) };
    if (next.tags === null && next.tagsState.state === 'pending') next = { ...next, tagsState: failedTags('unfinished', code) };
    if (next !== c) update(next);
  }
}

/**
 * The deadline passed while the region was still listing: what was listed is kept, each
 * record marked as not read in full, and the region is in error — more certificates may exist.
 */
function listingCut(ctx: RegionContext, state: RegionState, byArn: Map<string, Certificate>): Certificate[] {
  const { region } = state;
  const marked: Certificate[] = [];
  markUnread(byArn, (c) => {
    byArn.set(c.arn, c);
    marked.push(c);
  }, DEADLINE_CODE);
  if (marked.length > 0) ctx.onEvent({ kind: 'details', region, certificates: marked });
  const n = byArn.size;
  const why = (ctx.signal?.reason as Error).message;
  state.status = 'error';
  state.detailsFailed = detailFailuresOf(byArn.values());
  state.notFullyRead = notFullyReadOf(byArn.values(), []);
  state.error = {
    code: DEADLINE_CODE,
    message: n === 0 ? `${why} before ${region} listed any certificate` : `${why} while listing ${region}: ${n} certificate${n === 1 ? '' : 's'} listed, more may exist`,
  };
  ctx.onEvent({ kind: 'region-failed', region, error: state.error, detailsFailed: state.detailsFailed, notFullyRead: state.notFullyRead });
  return [...byArn.values()];
}

/** Standing describe order: high or critical findings first, then what is in use, then the rest. */
function tierOf(cert: Certificate, urgent: ReadonlySet<string>): DescribeTier {
  if (urgent.has(cert.arn)) return 'severe';
  return cert.inUse === true ? 'in-use' : 'rest';
}

async function listRegion(
  ctx: RegionContext,
  region: string,
  byArn: Map<string, Certificate>,
  state: RegionState,
  before: ReadonlyMap<string, Certificate> | undefined,
): Promise<void> {
  const { req, onEvent, signal } = ctx;
  const pacer = ctx.pacers.get(region, 'ListCertificates');
  const pages = paginateListCertificates(
    { client: req.clients.acm(region), pageSize: 1000 },
    { Includes: { keyTypes: ALL_KEY_TYPES }, CertificateKeyPairOrigins: ALL_ORIGINS },
    { abortSignal: signal },
  );
  // A repeating token ends the region at the page that shows it.
  const guard = new PageGuard('ListCertificates', region);
  for await (const page of guardedPages(pages, pacer, guard, (p) => p.NextToken, signal)) {
    const certs = (page.CertificateSummaryList ?? [])
      .filter((s) => s.CertificateArn && !byArn.has(s.CertificateArn))
      .map((s) => carryDetail(fromSummary(s, region), before?.get(s.CertificateArn!)));
    for (const c of certs) byArn.set(c.arn, c);
    state.listed = byArn.size;
    onEvent({ kind: 'summaries', region, certificates: certs });
  }
}

/** Takes certificates off the queue as start slots open, so a late priority change still counts. */
async function describeQueued(
  ctx: RegionContext,
  region: string,
  queue: DescribeQueue,
  byArn: Map<string, Certificate>,
  update: (c: Certificate) => void,
  state: RegionState,
): Promise<void> {
  const { signal } = ctx;
  const acm = ctx.req.clients.acm(region);
  const pacer = ctx.pacers.get(region, 'DescribeCertificate');
  const running = new Set<Promise<void>>();
  while (queue.size > 0) {
    let release: () => void;
    try {
      release = await pacer.acquire();
    } catch (error) {
      // The deadline: nothing more is started; what is left in the queue is marked unread.
      if (deadlinePassed(signal)) break;
      throw error;
    }
    const arn = queue.take();
    if (arn === undefined) {
      release();
      break;
    }
    const call: Promise<void> = acm
      .send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: signal })
      .then(
        (out) => {
          // An answer after the run stopped is not part of it (the region's result is already taken).
          if (signal?.aborted) return;
          // Read at completion: whatever the tag read did meanwhile is kept (tags, tagsState).
          const current = byArn.get(arn)!;
          if (out.Certificate) return update(withDetail(current, out.Certificate));
          update({ ...current, detail: failedDetail(current, 'malformed-response', 'EmptyResponse') });
        },
        (error) => {
          if (isAbort(error, signal)) return;
          const current = byArn.get(arn)!;
          if ((error as Error).name === 'ResourceNotFoundException') {
            // Gone since it was listed: nothing is left to check, so it is no gap in the run.
            const reason = 'the certificate was deleted while it was being read';
            return update({ ...current, detail: { state: 'failed', missingFields: [...DETAIL_ONLY_FIELDS], reason } });
          }
          const { reason, code } = classifyFailure(error);
          update({ ...current, detail: failedDetail(current, reason, code) });
        },
      )
      .finally(() => {
        // A call the run's end aborted got no answer: it is not counted as described (markUnread marks it).
        if (!signal?.aborted) state.described++;
        release();
        running.delete(call);
      });
    running.add(call);
  }
  // A deadline does not wait for calls still settling (a retry's back-off): they are marked unread.
  await untilAborted(Promise.all(running), signal).catch((error) => {
    if (!deadlinePassed(signal)) throw error;
  });
}

/**
 * Every tagged certificate of the region from the Tagging API (the tags stage's read); null when
 * that API is refused or fails, so the tags are read certificate by certificate.
 */
async function bulkTags(ctx: RegionContext, region: string, context: StageContext): Promise<Tags | null> {
  const { signal } = ctx;
  try {
    return await tagReads.read(context);
  } catch (error) {
    // Cut short by the deadline: the tags stay unknown (marked unread), no fallback is started.
    if (deadlinePassed(signal)) return null;
    if (isAbort(error, signal)) throw abortError();
    if (!isAccessDenied(error)) {
      ctx.warn(`${region}: the Tagging API failed (${describeError(error)}); reading tags certificate by certificate`);
    }
    return null;
  }
}

/**
 * The tags of some certificates of a region: GetResources by ARN list, 100 a call (ResourceARNList;
 * an untagged certificate is simply absent), or one by one when the Tagging API is refused or fails.
 */
async function tagsOf(
  ctx: RegionContext,
  region: string,
  arns: readonly string[],
  byArn: Map<string, Certificate>,
  update: (c: Certificate) => void,
  context: StageContext,
): Promise<void> {
  const { signal } = ctx;
  let found: Tags;
  try {
    found = await tagReads.tagsOf(context, arns);
  } catch (error) {
    // Cancelled, or cut short by the deadline: these tags stay unknown (marked unread), no fallback is started.
    if (isAbort(error, signal) || deadlinePassed(signal)) return;
    if (!isAccessDenied(error)) ctx.warn(`${region}: the Tagging API failed (${describeError(error)}); reading tags certificate by certificate`);
    return tagEach(ctx, arns, byArn, update, context);
  }
  for (const arn of arns) update(withTags(byArn.get(arn)!, found.get(arn) ?? {}));
}

/** ListTagsForCertificate one by one: a certificate whose tags fail is marked, apart from its detail. */
function tagEach(ctx: RegionContext, arns: readonly string[], byArn: Map<string, Certificate>, update: (c: Certificate) => void, context: StageContext): Promise<void> {
  const { signal } = ctx;
  return tagReads.tagEach(
    context,
    arns,
    (arn, tags) => {
      if (!signal?.aborted) update(withTags(byArn.get(arn)!, tags));
    },
    (arn, error) => {
      if (isAbort(error, signal)) return;
      // Unknown, not `{}`, and apart from the detail: a describe answering later keeps it.
      const { reason, code } = classifyFailure(error);
      update({ ...byArn.get(arn)!, tags: null, tagsState: failedTags(reason, code) });
    },
  );
}
