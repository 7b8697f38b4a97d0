import { servingIndex } from './serving.js';
import { awaitsDetail, type Certificate } from './certificate.js';
import type { AccountIdentity, AccountState, Inventory, InventoryEvent, InventoryOrigin, RegionError, RegionState, StageRead } from './inventory.js';
import type { WaitingRequests } from './waiting.js';

/**
 * The one fold of inventory events into an inventory: what the engine returns, what the estate reader
 * returns across accounts, and what the TUI shows while a load runs are each this fold over the same
 * events. Pure; a batch of events copies the big arrays once, not once per certificate.
 */

/** An inventory as it loads: every event so far, folded. */
export interface InventoryFold {
  account: AccountIdentity | null;
  /** Every account-region (tagged with its account when several accounts are read). */
  regions: RegionState[];
  /** The accounts being read; null when the inventory is the caller's account alone. Their regions are in `regions`. */
  accounts: AccountState[] | null;
  origin: InventoryOrigin | null;
  warnings: string[];
  /** Requests unanswered for longer than `afterMs` (the engine's last word); null when none. */
  waiting: { afterMs: number; requests: readonly WaitingRequests[] } | null;
  /** Every certificate, in arrival order; a replaced record keeps its index. */
  certificates: readonly Certificate[];
  arnIndex: ReadonlyMap<string, number>;
  /** What the read stages found: the latest per stage, account and region. */
  stages: readonly StageRead[];
  /** When the inventory was taken (the `done` event); null until then. */
  generatedAt: string | null;
  /** When the cached inventory on screen was saved, while some of it stands unrevalidated; null otherwise. */
  cachedAt: string | null;
  /** The run's deadline cut it short (from `done`). */
  stopped: RegionError | null;
}

export const EMPTY_FOLD: InventoryFold = {
  account: null,
  regions: [],
  accounts: null,
  origin: null,
  warnings: [],
  waiting: null,
  certificates: [],
  arnIndex: new Map(),
  stages: [],
  generatedAt: null,
  cachedAt: null,
  stopped: null,
};

/** What a batch changed, for what is kept beside the fold (the TUI's search corpus, its findings). */
export interface FoldChange {
  /** ARNs whose record is new or replaced. */
  certificates: ReadonlySet<string>;
  /**
   * Set when records were dropped (the cache's records the live read did not find, or another account
   * than the cache showed): for each index of the new list, its index before the batch (-1: new).
   */
  reindexed: Int32Array | null;
  /** The credentials read another account than the cache showed: anything derived from it is void. */
  accountChanged: boolean;
  /** A `regions` or `cached` event said how many regions the load reads. */
  regionsAnnounced: boolean;
  /** The `done` event arrived. */
  done: boolean;
}

/** A region is one account's region: the same name in two accounts is two entries. */
function regionUpdate(regions: RegionState[], region: string, accountId: string | undefined, patch: (r: RegionState) => RegionState): RegionState[] {
  const i = regions.findIndex((r) => r.region === region && r.accountId === accountId);
  if (i < 0) return [...regions, patch({ region, ...(accountId ? { accountId } : {}), status: 'loading', listed: 0, described: 0 })];
  const next = regions.slice();
  next[i] = patch(regions[i]);
  return next;
}

function accountUpdate(accounts: AccountState[] | null, id: string, patch: (a: AccountState) => AccountState): AccountState[] | null {
  if (!accounts) return accounts;
  return accounts.map((a) => (a.id === id ? patch(a) : a));
}

/**
 * The record's details are known: DescribeCertificate answered (or gave up for good), or they were
 * reused from the cache. A record the run ended before reading (`unfinished`) is not counted.
 */
function answered(cert: Certificate): boolean {
  return !awaitsDetail(cert) && !(cert.detail.state === 'failed' && cert.detail.failure?.reason === 'unfinished');
}

const pending = (region: string, accountId: string | undefined): RegionState => ({ region, ...(accountId ? { accountId } : {}), status: 'pending', listed: 0, described: 0 });

export function applyInventoryEvents(acc: InventoryFold, events: readonly InventoryEvent[]): { acc: InventoryFold; changed: FoldChange } {
  let certificates: Certificate[] | null = null;
  let arnIndex: Map<string, number> | null = null;
  // Per index of `certificates`, its index before the batch: built only when records are dropped.
  let from: number[] | null = null;
  const touched = new Set<string>();
  let s = acc;
  const changed = { accountChanged: false, regionsAnnounced: false, done: false };

  const writable = () => {
    if (!certificates) {
      certificates = s.certificates.slice();
      arnIndex = new Map(s.arnIndex);
    }
    return certificates;
  };
  /** Keeps the records at these indices (in order), dropping the rest. */
  const keepOnly = (keep: readonly number[]) => {
    const list = writable();
    from ??= list.map((_, i) => (i < acc.certificates.length ? i : -1));
    const source = from;
    certificates = keep.map((i) => list[i]);
    from = keep.map((i) => source[i]);
    arnIndex = new Map(certificates.map((c, i) => [c.arn, i]));
  };

  const upsert = (list: readonly Certificate[], region: string, accountId: string | undefined, count: boolean) => {
    const all = writable();
    let listed = 0;
    let described = 0;
    for (const cert of list) {
      const at = arnIndex!.get(cert.arn);
      if (at === undefined) {
        arnIndex!.set(cert.arn, all.length);
        all.push(cert);
        from?.push(-1);
        touched.add(cert.arn);
        listed++;
        if (answered(cert)) described++;
      } else {
        const old = all[at];
        if (old === cert) continue;
        if (!answered(old) && answered(cert)) described++;
        all[at] = cert;
        touched.add(cert.arn);
      }
    }
    if (count && (listed || described)) {
      s = { ...s, regions: regionUpdate(s.regions, region, accountId, (r) => ({ ...r, listed: r.listed + listed, described: r.described + described })) };
    }
  };

  for (const e of events) {
    switch (e.kind) {
      case 'identity':
        // The cache showed another account than the credentials now read (the profile moved): none of it stands.
        if (s.cachedAt !== null && e.account && s.account && e.account.id !== s.account.id) {
          keepOnly([]);
          changed.accountChanged = true;
          s = { ...s, cachedAt: null, regions: [], stages: [] };
        }
        s = { ...s, account: e.account, warnings: e.warning ? [...s.warnings, e.warning] : s.warnings };
        break;
      case 'cached': {
        // The last saved inventory, before any AWS call: counted as listed and known, marked stale. An
        // estate's (--org, --accounts) regions are its accounts', each certificate's accountId says whose.
        const estate = e.accounts;
        const groups = new Map<string, { region: string; accountId: string | undefined; list: Certificate[] }>();
        for (const c of e.certificates) {
          const accountId = estate ? (c.accountId ?? undefined) : undefined;
          const key = `${accountId ?? ''}/${c.region}`;
          const group = groups.get(key);
          if (group) group.list.push(c);
          else groups.set(key, { region: c.region, accountId, list: [c] });
        }
        const known = (region: string, accountId: string | undefined): RegionState =>
          s.regions.find((r) => r.region === region && r.accountId === accountId) ?? pending(region, accountId);
        const regions = estate ? estate.flatMap((a) => a.regions.map((region) => known(region, a.id))) : e.regions.map((region) => known(region, undefined));
        s = {
          ...s,
          account: e.account ?? s.account,
          cachedAt: e.savedAt,
          regions,
          ...(estate ? { accounts: estate.map((a) => ({ id: a.id, name: a.name, status: 'pending' as const, regions: [] })) } : {}),
        };
        changed.regionsAnnounced = true;
        for (const g of groups.values()) upsert(g.list, g.region, g.accountId, true);
        break;
      }
      case 'regions': {
        // Several accounts each announce their own regions: only that account's entries change.
        const others = s.regions.filter((r) => r.accountId !== e.accountId);
        const mine = e.regions.map((region) => s.regions.find((r) => r.region === region && r.accountId === e.accountId) ?? pending(region, e.accountId));
        s = { ...s, regions: [...others, ...mine] };
        changed.regionsAnnounced = true;
        break;
      }
      case 'accounts':
        s = { ...s, accounts: e.accounts.map((a) => ({ id: a.id, name: a.name, status: 'pending', regions: [] })) };
        break;
      case 'account-started':
        s = { ...s, accounts: accountUpdate(s.accounts, e.accountId, (a) => ({ ...a, status: 'loading' })) };
        break;
      case 'account-failed':
        s = { ...s, accounts: accountUpdate(s.accounts, e.accountId, (a) => ({ ...a, status: 'error', error: e.error })) };
        break;
      case 'account-done':
        s = { ...s, accounts: accountUpdate(s.accounts, e.accountId, (a) => ({ ...a, status: e.status, ...(e.error ? { error: e.error } : {}) })) };
        break;
      case 'region-started':
        s = { ...s, regions: regionUpdate(s.regions, e.region, e.accountId, (r) => ({ ...r, status: 'loading' })) };
        break;
      case 'summaries':
      case 'details':
        upsert(e.certificates, e.region, e.accountId, true);
        break;
      case 'stage': {
        const r = e.read;
        const same = (x: StageRead) => x.stage === r.stage && x.region === r.region && x.accountId === r.accountId;
        s = { ...s, stages: [...s.stages.filter((x) => !same(x)), r] };
        break;
      }
      case 'region-failed':
        s = {
          ...s,
          regions: regionUpdate(s.regions, e.region, e.accountId, (r) => ({
            ...r,
            status: 'error',
            error: e.error,
            ...(e.detailsFailed ? { detailsFailed: e.detailsFailed } : {}),
            ...(e.notFullyRead !== undefined ? { notFullyRead: e.notFullyRead } : {}),
          })),
        };
        break;
      case 'region-done':
        s = {
          ...s,
          regions: regionUpdate(s.regions, e.region, e.accountId, (r) => ({
            ...r,
            status: r.status === 'error' ? 'error' : e.detailsFailed?.length ? 'partial' : 'ok',
            detailsFailed: e.detailsFailed ?? [],
            ...(e.notFullyRead !== undefined ? { notFullyRead: e.notFullyRead } : {}),
          })),
        };
        break;
      case 'warning':
        s = { ...s, warnings: [...s.warnings, e.message] };
        break;
      case 'waiting':
        s = { ...s, waiting: e.requests.length > 0 ? { afterMs: e.afterMs, requests: e.requests } : null };
        break;
      case 'done': {
        const inv = e.inventory;
        // Reconcile: anything the progress events missed is merged by ARN (no-op when identical).
        const before = s.regions;
        upsert(inv.certificates, '', undefined, false);
        if (s.cachedAt !== null) {
          // Cached certificates the live read did not find in a region it read completely are gone.
          const list = certificates!;
          const live = new Set(inv.certificates.map((c) => c.arn));
          const complete = new Set(inv.regions.filter((r) => r.status === 'ok').map((r) => `${r.accountId ?? ''}/${r.region}`));
          const place = (c: Certificate) => `${inv.accounts ? (c.accountId ?? '') : ''}/${c.region}`;
          const keep = list.map((_, i) => i).filter((i) => live.has(list[i].arn) || !complete.has(place(list[i])));
          if (keep.length < list.length) keepOnly(keep);
          const stillCached = certificates!.some((c) => c.detail.state === 'complete' && c.detail.cached);
          if (!stillCached) s = { ...s, cachedAt: null };
        }
        s = {
          ...s,
          // A finished load waits on nothing.
          waiting: null,
          account: inv.account ?? s.account,
          accounts: inv.accounts ?? null,
          origin: inv.origin ?? null,
          generatedAt: inv.generatedAt,
          stopped: inv.stopped ?? null,
          ...(inv.stages ? { stages: mergeStages(s.stages, inv.stages) } : {}),
          regions:
            inv.regions.length > 0
              ? inv.regions.map((r) => ({ ...(before.find((b) => b.region === r.region && b.accountId === r.accountId) ?? {}), ...r }))
              : before,
        };
        changed.done = true;
        break;
      }
    }
  }
  // What each certificate serves, joined from the stages' reads: every record when a read arrived, else the new ones.
  const serving = servingIndex(s.stages, s.account?.id ?? '');
  if (serving.active) {
    const all = s.stages !== acc.stages;
    const count = (certificates ?? s.certificates).length;
    for (let i = 0; i < count; i++) {
      const cert = (certificates ?? s.certificates)[i];
      if (!all && !touched.has(cert.arn)) continue;
      const joined = serving.apply(cert);
      if (joined === cert) continue;
      writable()[i] = joined;
      touched.add(joined.arn);
    }
  }
  // A batch that changed no record leaves the list as it was (its users memoise on it).
  if (certificates && (touched.size > 0 || from)) s = { ...s, certificates, arnIndex: arnIndex! };
  return { acc: s, changed: { ...changed, certificates: touched, reindexed: from ? Int32Array.from(from) : null } };
}

/** The stage reads of `next` over those of `base`, by stage, account and region. */
function mergeStages(base: readonly StageRead[], next: readonly StageRead[]): StageRead[] {
  const key = (r: StageRead) => `${r.stage}\u0000${r.accountId ?? ''}\u0000${r.region}`;
  const byKey = new Map(base.map((r) => [key(r), r]));
  for (const r of next) byKey.set(key(r), r);
  return [...byKey.values()];
}

/**
 * The fold as an Inventory. `generatedAt` dates it while it has no `done` event yet (a load in
 * progress, or the engine building its own result); each account lists its regions.
 */
export function inventoryOfFold(acc: InventoryFold, generatedAt: string): Inventory {
  // The fold joined each certificate's hostnames and endpoints as records and reads arrived; the
  // passthrough listeners (which hold no certificate) are the estate's.
  const serving = servingIndex(acc.stages, acc.account?.id ?? '');
  return {
    ...(serving.active ? { serving: { passthrough: serving.passthrough } } : {}),
    generatedAt: acc.generatedAt ?? generatedAt,
    account: acc.account,
    regions: acc.regions,
    ...(acc.accounts ? { accounts: acc.accounts.map((a) => ({ ...a, regions: acc.regions.filter((r) => r.accountId === a.id) })) } : {}),
    ...(acc.origin ? { origin: acc.origin } : {}),
    certificates: inRegionOrder(acc),
    ...(acc.stages.length > 0 ? { stages: acc.stages as StageRead[] } : {}),
    warnings: acc.warnings,
    ...(acc.stopped ? { stopped: acc.stopped } : {}),
  };
}

/**
 * The certificates grouped by account-region, in the order the regions were announced (each region's
 * in arrival order), so an inventory reads the same whichever region answered first.
 */
function inRegionOrder(acc: InventoryFold): Certificate[] {
  const several = acc.accounts !== null;
  const rank = new Map(acc.regions.map((r, i) => [`${several ? (r.accountId ?? '') : ''}/${r.region}`, i]));
  const rankOf = (c: Certificate) => rank.get(`${several ? (c.accountId ?? '') : ''}/${c.region}`) ?? acc.regions.length;
  // Already in that order (one region, or regions read one after another): the list itself, not a copy.
  let last = 0;
  let ordered = true;
  for (const c of acc.certificates) {
    const r = rankOf(c);
    if (r < last) {
      ordered = false;
      break;
    }
    last = r;
  }
  if (ordered) return acc.certificates as Certificate[];
  const buckets: Certificate[][] = [...acc.regions.map(() => []), []];
  for (const c of acc.certificates) buckets[rankOf(c)].push(c);
  return buckets.flat();
}

/** Every event, folded from nothing: what a finished load's events amount to. */
export function foldEvents(events: readonly InventoryEvent[]): InventoryFold {
  return applyInventoryEvents(EMPTY_FOLD, events).acc;
}
