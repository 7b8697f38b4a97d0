/**
 * The TUI's whole state and its one pure reducer. Views render from this (through selectors.ts for
 * anything derived); the App turns inventory events into actions and routes keys to the screens
 * (screens/), which turn commands into actions. No I/O, no timers: everything here is testable
 * without a terminal.
 *
 * Where things live: the inventory as it loads (account, regions, warnings, certificates and their
 * search corpus, generatedAt) and its audit (findings); the Advisor (`advisor`, advisor-slice.ts);
 * each view's own UI state (table, filter, sort, detail, findingsView, reportView, workloadDraft);
 * what was given at start (`config`, the knowledge base in `advisor`). A new concern gets its own
 * field and, when it has actions, its own module with a reducer this one hands them to (as
 * findings-view.ts, report-view.ts, workload-input.ts and advisor-slice.ts do).
 */
import { awaitsDetail, type Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { AccountIdentity, AccountState, InventoryEvent, InventoryOrigin, RegionState, StageRead } from '../../domain/inventory.js';
import type { WaitingRequests } from '../../domain/waiting.js';
import { haystackOf } from './filter.js';
import { DEFAULT_SORT, nextSortColumn, type SortSpec } from './sort.js';
import { moveScroll, TOP, type CursorMove, type Extent, type Scroll } from './scroll.js';
import { findingKey } from '../../audit/finding-record.js';
import { findingsReducer, INITIAL_FINDINGS_VIEW, keepSelection, restoreSelection, type FindingsViewAction, type FindingsViewState } from './findings-view.js';
import { INITIAL_REPORT_VIEW, reportReducer, type ReportViewAction, type ReportViewState } from './report-view.js';
import { workloadInputReducer, type WorkloadInputAction } from './workload-input.js';
import { ADVISOR_UNAVAILABLE, advisorSliceReducer, leaveAdvisor, type AdvisorSlice, type AdvisorSliceAction } from './advisor-slice.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../../domain/thresholds.js';

const VIEWS = ['overview', 'certificates', 'findings', 'advisor', 'report'] as const;
export type ViewId = (typeof VIEWS)[number];

/**
 * Who gets the keys: the table/views, the filter input, the help overlay, a one-line text prompt
 * (the Report's export path, the Advisor's workload name) or the Report's overwrite question.
 */
export type Mode = 'normal' | 'filter' | 'help' | 'prompt' | 'confirm';

/** What the keymap sees: the view, or the detail pane on top of it. */
export type Screen = ViewId | 'detail';

export interface LoadState {
  status: 'loading' | 'done' | 'failed';
  /** Bumped by every refresh; events from an older load are dropped. */
  generation: number;
  error: string | null;
  /** Set by 'regions'; null until the source says which regions it will scan. */
  regionsTotal: number | null;
}

export interface FilterState {
  /** What the user typed (echoed at once); the input has the keys while the mode is 'filter'. */
  input: string;
  /** The query the current `matches` answer (lags `input` while a scan runs). */
  appliedQuery: string;
  /** Indices into `certificates` (ascending), or null for "all". */
  matches: Int32Array | null;
  /** The exact (substring) hits among `matches`; they rank first. */
  exact: Int32Array | null;
  /** `dataVersion` the matches were computed on. */
  appliedVersion: number;
}

export interface AppState {
  view: ViewId;
  mode: Mode;
  load: LoadState;
  account: AccountIdentity | null;
  /** Every account-region (tagged with its account when several accounts are read). */
  regions: RegionState[];
  /** The accounts being read; null when the inventory is the caller's account alone. */
  accounts: AccountState[] | null;
  /** Set when the inventory is a Config aggregator's recording. */
  origin: InventoryOrigin | null;
  warnings: string[];
  /** Requests of the load in progress unanswered for longer than `afterMs` (the engine's last word); null when none. */
  waiting: { afterMs: number; requests: readonly WaitingRequests[] } | null;
  /** Every certificate, in arrival order; replaced records keep their index. */
  certificates: readonly Certificate[];
  /** Search haystack per certificate (same index); built as records arrive, see filter.ts. */
  corpus: readonly string[];
  arnIndex: ReadonlyMap<string, number>;
  /** What the read stages found (src/stages/), the latest per stage, account and region. */
  stages: readonly StageRead[];
  /** When the inventory was taken (the load's `done` event); null until the load has finished. */
  generatedAt: string | null;
  /**
   * When the cached inventory on screen was saved (the local cache's warm start), while some of it
   * still stands unrevalidated; null once the live read has replaced it (or without a cache).
   */
  cachedAt: string | null;
  /** Bumped on any change to `certificates`. */
  dataVersion: number;
  filter: FilterState;
  sort: SortSpec;
  /** The certificate table's cursor and view (scroll.ts, like every pane that scrolls). */
  table: Scroll;
  /** `returnTo`: the view Esc goes back to (Enter on a finding opens the detail from Findings). */
  detail: { arn: string; scroll: number; returnTo?: ViewId } | null;
  /** Audit results, once an `audit` function has run over a finished load. */
  findings: Finding[] | null;
  /**
   * What the previous run found (findingKey of each finding of the first audit over the cached inventory
   * of a warm start): the Findings view marks the others "new since last run". Null without a cache.
   */
  lastRunFindings: ReadonlySet<string> | null;
  size: { columns: number; rows: number };
  findingsView: FindingsViewState;
  reportView: ReportViewState;
  /** The Advisor's workload-name prompt: the text typed so far, or null when it is closed. */
  workloadDraft: string | null;
  /** The Advisor: knowledge base, questionnaire, notice (see advisor-slice.ts). Kept across refreshes. */
  advisor: AdvisorSlice;
  /** The audit's settings, as the report states them. Given at start. */
  config: AuditConfig;
}

export type Action =
  | { type: 'inventory'; generation: number; events: InventoryEvent[] }
  | { type: 'load-failed'; generation: number; message: string }
  | { type: 'findings'; generation: number; findings: Finding[] }
  | { type: 'view'; view: ViewId }
  /** Move a pane (scroll.ts); the extent is the pane's as the key handler sees it. */
  | { type: 'scroll'; pane: Pane; move: CursorMove; extent: Extent; repeat?: number }
  | { type: 'filter-open' }
  | { type: 'filter-changed'; input: string }
  | { type: 'filter-applied'; query: string; matches: Int32Array | null; exact?: Int32Array | null; dataVersion: number }
  | { type: 'filter-confirm' }
  | { type: 'filter-cancel' }
  | { type: 'sort-next' }
  | { type: 'sort-reverse' }
  | { type: 'open-detail'; arn: string }
  | { type: 'back' }
  | { type: 'help-toggle' }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'refresh' }
  | { type: 'open-certificate'; arn: string; from: ViewId }
  | FindingsViewAction
  | ReportViewAction
  | WorkloadInputAction
  | AdvisorSliceAction;

export interface StartingPoint {
  /** The Advisor as loaded at start (knowledge base and saved session); unavailable when omitted. */
  advisor?: AdvisorSlice;
  config?: AuditConfig;
}

/** The panes that scroll. */
export type Pane = 'table' | 'findings' | 'detail' | 'report';

export function initialState(size: { columns: number; rows: number } = { columns: 80, rows: 24 }, start: StartingPoint = {}): AppState {
  return {
    view: 'overview',
    mode: 'normal',
    load: { status: 'loading', generation: 1, error: null, regionsTotal: null },
    account: null,
    regions: [],
    accounts: null,
    origin: null,
    warnings: [],
    waiting: null,
    certificates: [],
    corpus: [],
    arnIndex: new Map(),
    stages: [],
    generatedAt: null,
    cachedAt: null,
    dataVersion: 0,
    filter: { input: '', appliedQuery: '', matches: null, exact: null, appliedVersion: 0 },
    sort: DEFAULT_SORT,
    table: TOP,
    detail: null,
    findings: null,
    lastRunFindings: null,
    size,
    findingsView: INITIAL_FINDINGS_VIEW,
    reportView: INITIAL_REPORT_VIEW,
    workloadDraft: null,
    advisor: start.advisor ?? ADVISOR_UNAVAILABLE,
    config: start.config ?? DEFAULT_AUDIT_CONFIG,
  };
}

export function screenOf(state: AppState): Screen {
  return state.view === 'certificates' && state.detail ? 'detail' : state.view;
}

/** The filter has not caught up with the input or the data yet. */
export function filterPending(state: AppState): boolean {
  const f = state.filter;
  return f.appliedQuery !== f.input || (f.input.trim() !== '' && f.appliedVersion !== state.dataVersion);
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

/** Apply a batch of inventory events: one copy of the big arrays per batch, not per certificate. */
function applyEvents(state: AppState, events: InventoryEvent[]): AppState {
  let certificates: Certificate[] | null = null;
  let corpus: string[] | null = null;
  let arnIndex: Map<string, number> | null = null;
  let changed = false;
  let s = state;

  const upsert = (list: Certificate[], region: string, accountId: string | undefined, countListed: boolean, countDescribed: boolean) => {
    if (!certificates) {
      certificates = s.certificates.slice();
      corpus = s.corpus.slice();
      arnIndex = new Map(s.arnIndex);
    }
    let listed = 0;
    let described = 0;
    for (const cert of list) {
      const at = arnIndex!.get(cert.arn);
      if (at === undefined) {
        arnIndex!.set(cert.arn, certificates.length);
        certificates.push(cert);
        corpus!.push(haystackOf(cert));
        changed = true;
        listed++;
        if (!awaitsDetail(cert)) described++;
      } else {
        const old = certificates[at];
        if (old === cert) continue;
        if (awaitsDetail(old) && !awaitsDetail(cert)) described++;
        certificates[at] = cert;
        corpus![at] = haystackOf(cert);
        changed = true;
      }
    }
    if ((countListed && listed) || (countDescribed && described)) {
      s = {
        ...s,
        regions: regionUpdate(s.regions, region, accountId, (r) => ({
          ...r,
          listed: r.listed + (countListed ? listed : 0),
          described: r.described + (countDescribed ? described : 0),
        })),
      };
    }
  };

  for (const e of events) {
    switch (e.kind) {
      case 'identity':
        // The cache showed another account than the credentials now read (the profile moved): none of it stands.
        if (s.cachedAt !== null && e.account && s.account && e.account.id !== s.account.id) {
          certificates = [];
          corpus = [];
          arnIndex = new Map();
          changed = true;
          s = { ...s, cachedAt: null, regions: [], findings: null, lastRunFindings: null };
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
          s.regions.find((r) => r.region === region && r.accountId === accountId) ?? { region, ...(accountId ? { accountId } : {}), status: 'pending' as const, listed: 0, described: 0 };
        const regions = estate ? estate.flatMap((a) => a.regions.map((region) => known(region, a.id))) : e.regions.map((region) => known(region, undefined));
        s = {
          ...s,
          account: e.account ?? s.account,
          cachedAt: e.savedAt,
          regions,
          ...(estate ? { accounts: estate.map((a) => ({ id: a.id, name: a.name, status: 'pending' as const, regions: [] })) } : {}),
          load: { ...s.load, regionsTotal: regions.length },
        };
        for (const g of groups.values()) upsert(g.list, g.region, g.accountId, true, true);
        break;
      }
      case 'regions': {
        // Several accounts each announce their own regions: only that account's entries change.
        const others = s.regions.filter((r) => r.accountId !== e.accountId);
        const mine = e.regions.map(
          (region) =>
            s.regions.find((r) => r.region === region && r.accountId === e.accountId) ?? {
              region,
              ...(e.accountId ? { accountId: e.accountId } : {}),
              status: 'pending' as const,
              listed: 0,
              described: 0,
            },
        );
        const regions = [...others, ...mine];
        s = { ...s, load: { ...s.load, regionsTotal: regions.length }, regions };
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
        upsert(e.certificates, e.region, e.accountId, true, true);
        break;
      case 'details':
        upsert(e.certificates, e.region, e.accountId, true, true);
        break;
      case 'region-failed':
        s = { ...s, regions: regionUpdate(s.regions, e.region, e.accountId, (r) => ({ ...r, status: 'error', error: e.error })) };
        break;
      case 'region-done':
        s = {
          ...s,
          regions: regionUpdate(s.regions, e.region, e.accountId, (r) => ({
            ...r,
            status: r.status === 'error' ? 'error' : e.detailsFailed?.length ? 'partial' : 'ok',
            detailsFailed: e.detailsFailed ?? [],
          })),
        };
        break;
      case 'warning':
        s = { ...s, warnings: [...s.warnings, e.message] };
        break;
      case 'stage': {
        const r = e.read;
        const same = (x: StageRead) => x.stage === r.stage && x.region === r.region && x.accountId === r.accountId;
        s = { ...s, stages: [...s.stages.filter((x) => !same(x)), r] };
        break;
      }
      case 'waiting':
        s = { ...s, waiting: e.requests.length > 0 ? { afterMs: e.afterMs, requests: e.requests } : null };
        break;
      case 'done': {
        const inv = e.inventory;
        // Reconcile: anything the progress events missed is merged by ARN (no-op when identical).
        const before = s.regions;
        upsert(inv.certificates, '', undefined, false, false);
        if (s.cachedAt !== null) {
          // Cached certificates the live read did not find in a region it read completely are gone.
          const live = new Set(inv.certificates.map((c) => c.arn));
          const complete = new Set(inv.regions.filter((r) => r.status === 'ok').map((r) => r.region));
          const keep = certificates!.map((_, i) => i).filter((i) => live.has(certificates![i].arn) || !complete.has(certificates![i].region));
          if (keep.length < certificates!.length) {
            certificates = keep.map((i) => certificates![i]);
            corpus = keep.map((i) => corpus![i]);
            arnIndex = new Map(certificates.map((c, i) => [c.arn, i]));
            changed = true;
          }
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
          regions:
            inv.regions.length > 0
              ? inv.regions.map((r) => ({ ...(before.find((b) => b.region === r.region && b.accountId === r.accountId) ?? {}), ...r }))
              : before,
          load: { ...s.load, status: 'done', regionsTotal: inv.regions.length || s.load.regionsTotal },
        };
        break;
      }
    }
  }
  if (changed) {
    s = {
      ...s,
      certificates: certificates!,
      corpus: corpus!,
      arnIndex: arnIndex!,
      dataVersion: s.dataVersion + 1,
    };
  }
  return s;
}

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'inventory':
      if (action.generation !== state.load.generation || action.events.length === 0) return state;
      return applyEvents(state, action.events);
    case 'load-failed':
      if (action.generation !== state.load.generation) return state;
      return { ...state, waiting: null, load: { ...state.load, status: 'failed', error: action.message } };
    case 'findings':
      if (action.generation !== state.load.generation) return state;
      // After a refresh the cursor goes back to the finding it was on (see keepSelection).
      return {
        ...state,
        findings: action.findings,
        // The first audit of a warm start ran over the previous run's records: what it found is the baseline.
        lastRunFindings: state.lastRunFindings ?? (state.cachedAt !== null ? new Set(action.findings.map(findingKey)) : null),
        findingsView: restoreSelection(state.findingsView, action.findings, state.accounts),
      };
    case 'view':
      // Pressing the current view's key again returns to its top level (closes the detail pane).
      if (state.view === action.view) return state.detail || state.mode !== 'normal' ? { ...state, detail: null, mode: 'normal', workloadDraft: null } : state;
      return { ...state, view: action.view, mode: 'normal', workloadDraft: null, advisor: leaveAdvisor(state.advisor) };
    case 'scroll':
      return scrollPane(state, action);
    case 'filter-open':
      return { ...state, view: 'certificates', detail: null, mode: 'filter' };
    case 'filter-changed':
      if (action.input === state.filter.input) return state;
      return { ...state, filter: { ...state.filter, input: action.input } };
    case 'filter-applied': {
      // A stale answer (the user kept typing) is dropped; the scan for the newer input follows.
      if (action.query !== state.filter.input) return state;
      const sameQuery = action.query === state.filter.appliedQuery;
      return {
        ...state,
        filter: { ...state.filter, appliedQuery: action.query, matches: action.matches, exact: action.exact ?? null, appliedVersion: action.dataVersion },
        table: sameQuery ? state.table : TOP,
      };
    }
    case 'filter-confirm':
      return { ...state, mode: 'normal', table: TOP };
    case 'filter-cancel':
      return {
        ...state,
        mode: 'normal',
        filter: { input: '', appliedQuery: '', matches: null, exact: null, appliedVersion: state.dataVersion },
        table: TOP,
      };
    case 'sort-next':
      return { ...state, sort: { column: nextSortColumn(state.sort.column), descending: false }, table: TOP };
    case 'sort-reverse':
      return { ...state, sort: { ...state.sort, descending: !state.sort.descending }, table: TOP };
    case 'open-certificate':
      // By ARN, whatever the filter hides; Esc goes back to the view it came from.
      return { ...state, view: 'certificates', mode: 'normal', detail: { arn: action.arn, scroll: 0, returnTo: action.from } };
    case 'findings-notice':
    case 'findings-group':
      return findingsReducer(state, action);
    case 'report-export-start':
    case 'report-export-input':
    case 'report-export-cancel':
    case 'report-export-writing':
    case 'report-export-exists':
    case 'report-export-done':
      return reportReducer(state, action);
    case 'workload-edit-start':
    case 'workload-edit-input':
    case 'workload-edit-end':
      return workloadInputReducer(state, action);
    case 'advisor':
    case 'advisor-saved':
    case 'advisor-notice':
    case 'advisor-loaded':
      return advisorSliceReducer(state, action);
    case 'open-detail':
      return { ...state, view: 'certificates', mode: 'normal', detail: { arn: action.arn, scroll: 0 } };
    case 'back':
      if (state.mode === 'help') return { ...state, mode: 'normal' };
      if (state.mode === 'filter') return reducer(state, { type: 'filter-cancel' });
      if (state.detail && state.view === 'certificates' && state.detail.returnTo) return { ...state, view: state.detail.returnTo, detail: null };
      if (state.detail && state.view === 'certificates') return { ...state, detail: null };
      if (state.view === 'certificates' && state.filter.input !== '') return reducer(state, { type: 'filter-cancel' });
      return state;
    case 'help-toggle':
      return { ...state, mode: state.mode === 'help' ? 'normal' : 'help' };
    case 'resize':
      if (action.columns === state.size.columns && action.rows === state.size.rows) return state;
      return { ...state, size: { columns: action.columns, rows: action.rows } };
    case 'refresh': {
      const fresh = initialState(state.size, { advisor: state.advisor, config: state.config });
      return {
        ...fresh,
        view: state.view,
        sort: state.sort,
        detail: state.detail,
        // The Findings cursor remembers which finding it was on, to find it again in the new findings.
        findingsView: keepSelection(state.findingsView, state.findings, state.accounts),
        filter: { ...state.filter, matches: state.filter.input ? new Int32Array(0) : null, exact: null, appliedQuery: state.filter.input, appliedVersion: -1 },
        load: { ...fresh.load, generation: state.load.generation + 1 },
        // Data versions keep counting up so nothing memoised on them is mistaken for the new load.
        dataVersion: state.dataVersion + 1,
      };
    }
  }
}

/** One move of one pane, through the one scroll model. */
function scrollPane(state: AppState, action: Extract<Action, { type: 'scroll' }>): AppState {
  const { move, extent, repeat } = action;
  switch (action.pane) {
    case 'table': {
      const table = moveScroll(state.table, move, extent, repeat);
      return table === state.table ? state : { ...state, table };
    }
    case 'findings': {
      const v = state.findingsView;
      const moved = moveScroll(v, move, extent, repeat);
      // A move clears the notice (Enter on an account-level finding).
      return moved === v && v.notice === null ? state : { ...state, findingsView: { ...moved, notice: null } };
    }
    case 'detail': {
      const d = state.detail;
      if (!d) return state;
      const scroll = moveScroll({ cursor: 0, offset: d.scroll }, move, extent, repeat).offset;
      return scroll === d.scroll ? state : { ...state, detail: { ...d, scroll } };
    }
    case 'report': {
      const rv = state.reportView;
      const scroll = moveScroll({ cursor: 0, offset: rv.scroll }, move, extent, repeat).offset;
      return scroll === rv.scroll ? state : { ...state, reportView: { ...rv, scroll } };
    }
  }
}
