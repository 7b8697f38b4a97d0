import type { Certificate } from '../domain/certificate.js';
import { DEADLINE_CODE, deadlinePassed } from '../domain/deadline.js';
import type { DetailFailure, InventoryEvent, PriorReads, StageRead } from '../domain/inventory.js';
import { stageApi, type AnyStage, type StageContext } from '../stages/index.js';
import type { AwsClients } from './clients.js';
import { classifyFailure } from './detail-failures.js';
import { isAbort, untilAborted } from './errors.js';
import { abortError, type OperationQuota, type PacerSet } from './pacer.js';
import { CLOCK_SKEW_MS } from '../domain/revalidation.js';

/**
 * Runs the read stages (src/stages/) of one account-region: each when what it needs is ready, paced at
 * its declared quotas, bounded by the run's deadline, reused from the cache when young enough (`--max-age`)
 * or built on (a history, on every cached run), and —
 * when it fails — a named gap in the region's `detailsFailed` (exit 3) listing the checks it prevents.
 */


/** Every operation the stages declare, with its quota, for the run's PacerSet. */
export function stageQuotas(stages: readonly AnyStage[]): OperationQuota[] {
  return stages.flatMap((s) => s.operations.map((o) => ({ operation: o.action, perSecond: o.perSecond })));
}

/**
 * The stages a region runs: every regional one, and each account-wide one in its signing region — or,
 * when the run does not read that region, in the first region it reads.
 */
export function stagesOfRegion(stages: readonly AnyStage[], region: string, regions: readonly string[]): AnyStage[] {
  return stages.filter((s) => {
    if (s.scope.kind === 'region') return true;
    const home = regions.includes(s.scope.signingRegion) ? s.scope.signingRegion : regions[0];
    return home === region;
  });
}

export interface StageRunContext {
  clients: AwsClients;
  pacers: PacerSet;
  accountId: string | null;
  /** The region the run reads: the stage's calls go to it (an account-wide stage's to its signing region). */
  region: string;
  onEvent: (e: InventoryEvent) => void;
  warn: (m: string) => void;
  prior?: PriorReads;
  /** When the region's read began: what a cached read's age is measured against. */
  startedAt: Date;
  now: () => Date;
  signal?: AbortSignal;
}

/** One stage's read, or its failure as the region reports it. */
export interface StageOutcome {
  read: StageRead;
  failure?: DetailFailure;
}

export async function runStage(
  ctx: StageRunContext,
  stage: AnyStage,
  ready: Promise<unknown>,
  certificates: () => readonly Certificate[],
): Promise<StageOutcome> {
  const { signal } = ctx;
  const base = { stage: stage.id, region: ctx.region };
  const emit = (read: StageRead): StageOutcome => {
    ctx.onEvent({ kind: 'stage', read });
    if (read.status === 'ok') return { read };
    const f = read.failure!;
    return {
      read,
      failure: { part: stage.id, reason: f.reason, code: f.code, count: certificates().length, what: stageApi(stage), prevents: [...stage.checks] },
    };
  };
  const failed = (failure: StageRead['failure']): StageOutcome => emit({ ...base, status: 'failed', failure, readAt: ctx.now().toISOString() });
  const unfinished = () => failed({ reason: 'unfinished', code: DEADLINE_CODE });

  // Rejects when the region stops before the stage is due (its listing failed): the region reports that.
  await ready;
  if (deadlinePassed(signal)) return unfinished();
  if (signal?.aborted) throw abortError();

  const cached = ctx.prior?.stage?.(ctx.accountId, ctx.region, stage.id);
  // A history is extended on every cached run, read back or not (events that happened stay true);
  // only `stage` above, read back, may stand in whole for a read.
  const last = cached ?? (stage.incremental && ctx.accountId !== null ? ctx.prior?.previousStage?.(ctx.accountId, ctx.region, stage.id) : undefined);
  // Checked once: a cached read that does not fit the stage's schema is neither reused nor built on.
  const fits = last !== undefined && last.status === 'ok' && stage.data.safeParse(last.data).success;
  if (fits && last === cached && youngEnough(last, ctx.prior!.reuseWithinMs, ctx.startedAt)) {
    return emit({ ...last, ...base, cached: true });
  }

  const previous = fits && stampTrusted(last.readAt, ctx.now()) ? { data: last.data, readAt: last.readAt } : null;
  const context = stageContext(ctx, stage, certificates(), previous);
  // Stamped when the read begins, so it never claims events or records newer than it asked for:
  // the next incremental read starts from here.
  const readAt = ctx.now().toISOString();
  try {
    const reader = await stage.read();
    const data: unknown = await untilAborted(reader.read(context), signal);
    const read: StageRead = { ...base, status: 'ok', data, readAt };
    ctx.prior?.saveStage?.(ctx.accountId, ctx.region, read);
    return emit(read);
  } catch (error) {
    if (deadlinePassed(signal)) return unfinished();
    if (isAbort(error, signal)) throw abortError();
    return failed(classifyFailure(error));
  }
}

/** What a stage's read gets in this account-region (see StageContext). */
export function stageContext(
  ctx: Pick<StageRunContext, 'clients' | 'pacers' | 'accountId' | 'region' | 'warn' | 'signal'>,
  stage: AnyStage,
  certificates: readonly Certificate[],
  previous: StageContext['previous'] = null,
): StageContext {
  const callRegion = stage.scope.kind === 'account' ? stage.scope.signingRegion : ctx.region;
  const declared = new Set(stage.operations.map((o) => o.action));
  return {
    region: callRegion,
    accountId: ctx.accountId,
    client: (service, Client) => ctx.clients.stageClient(service, callRegion, Client),
    paced: (action, call) => {
      // Every call is declared: so it is paced at its quota, and the IAM policy can list it.
      if (!declared.has(action)) return Promise.reject(new Error(`stage ${stage.id} calls ${action}, which it does not declare in its operations`));
      return ctx.pacers.get(callRegion, action).run(call);
    },
    signal: ctx.signal,
    certificates,
    warn: (m) => ctx.warn(`${stage.title}: ${m}`),
    previous,
  };
}

/** A cached stage read young enough to reuse (`--max-age`), as a cached DescribeCertificate is. */
function youngEnough(read: StageRead, reuseWithinMs: number | null, now: Date): boolean {
  if (reuseWithinMs === null || read.status !== 'ok' || !stampTrusted(read.readAt, now)) return false;
  return now.getTime() - Date.parse(read.readAt) <= reuseWithinMs;
}

/** A read's stamp is a real time, not "in the future" beyond clock skew (then it is wrong, or doctored). */
function stampTrusted(readAt: string, now: Date): boolean {
  const age = now.getTime() - Date.parse(readAt);
  return Number.isFinite(age) && age >= -CLOCK_SKEW_MS;
}
