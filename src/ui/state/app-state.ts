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
import type { Finding } from '../../domain/finding.js';
import type { InventoryEvent } from '../../domain/inventory.js';
import { applyInventoryEvents, EMPTY_FOLD, type FoldChange, type InventoryFold } from '../../domain/inventory-fold.js';
import { haystackOf } from './filter.js';
import { DEFAULT_SORT, nextSortColumn, type SortSpec } from './sort.js';
import { moveScroll, TOP, type CursorMove, type Extent, type Scroll } from './scroll.js';
import { findingKey } from '../../audit/finding-record.js';
import { domainLookup, findingsReducer, INITIAL_FINDINGS_VIEW, keepSelection, restoreSelection, type FindingsViewAction, type FindingsViewState } from './findings-view.js';
import { INITIAL_REPORT_VIEW, reportReducer, type ReportViewAction, type ReportViewState } from './report-view.js';
import { workloadInputReducer, type WorkloadInputAction } from './workload-input.js';
import { ADVISOR_UNAVAILABLE, advisorSliceReducer, leaveAdvisor, type AdvisorSlice, type AdvisorSliceAction } from './advisor-slice.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../../domain/thresholds.js';
import { STAGES, type AnyStage } from '../../stages/index.js';

export const VIEWS = ['overview', 'certificates', 'findings', 'advisor', 'report'] as const;
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

/**
 * The inventory as it loads is the fold's (domain/inventory-fold.ts: account, regions, accounts, origin,
 * warnings, waiting, certificates in arrival order, stages, generatedAt, cachedAt); the rest is the app's.
 */
export interface AppState extends InventoryFold {
  view: ViewId;
  mode: Mode;
  load: LoadState;
  /** Search haystack per certificate (same index); built as records arrive, see filter.ts. */
  corpus: readonly string[];
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
  /** Scroll offsets of the panes without a cursor of their own: the Overview (narrow windows stack it) and the help. */
  overviewScroll: number;
  helpScroll: number;
  /** A one-line answer to the last key (copied, the console URL, why a key does nothing here); the next key clears it. */
  notice: string | null;
  /** The Advisor's workload-name prompt: the text typed so far, or null when it is closed. */
  workloadDraft: string | null;
  /** The Advisor: knowledge base, questionnaire, notice (see advisor-slice.ts). Kept across refreshes. */
  advisor: AdvisorSlice;
  /** The audit's settings, as the report states them. Given at start. */
  config: AuditConfig;
  /** The read stages whose data the detail pane shows (src/stages/; the registered ones unless given at start). */
  stageKinds: readonly AnyStage[];
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
  | { type: 'notice'; text: string | null }
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
  /** The read stages the load runs, when not the registered ones (a test's own). */
  stages?: readonly AnyStage[];
}

/** The panes that scroll. */
export type Pane = 'table' | 'findings' | 'detail' | 'report' | 'overview' | 'help';

export function initialState(size: { columns: number; rows: number } = { columns: 80, rows: 24 }, start: StartingPoint = {}): AppState {
  return {
    view: 'overview',
    mode: 'normal',
    load: { status: 'loading', generation: 1, error: null, regionsTotal: null },
    ...EMPTY_FOLD,
    corpus: [],
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
    overviewScroll: 0,
    helpScroll: 0,
    notice: null,
    workloadDraft: null,
    advisor: start.advisor ?? ADVISOR_UNAVAILABLE,
    config: start.config ?? DEFAULT_AUDIT_CONFIG,
    stageKinds: start.stages ?? STAGES,
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

/**
 * Apply a batch of inventory events: the inventory through the one fold (domain/inventory-fold.ts),
 * then what the app keeps beside it — the search corpus, the load's status, findings made void.
 */
function applyEvents(state: AppState, events: InventoryEvent[]): AppState {
  const { acc, changed } = applyInventoryEvents(state, events);
  let s: AppState = { ...state, ...acc };
  if (changed.accountChanged) s = { ...s, findings: null, lastRunFindings: null };
  if (changed.regionsAnnounced) s = { ...s, load: { ...s.load, regionsTotal: s.regions.length } };
  if (changed.done) s = { ...s, load: { ...s.load, status: 'done', regionsTotal: s.regions.length || s.load.regionsTotal } };
  if (acc.certificates !== state.certificates) s = { ...s, corpus: corpusAfter(state, acc, changed), dataVersion: s.dataVersion + 1 };
  return s;
}

/** The search haystacks for the new records, the others' kept (by their index before the batch when records were dropped). */
function corpusAfter(state: AppState, acc: InventoryFold, changed: FoldChange): string[] {
  const touched = changed.certificates;
  const from = changed.reindexed;
  if (from) return acc.certificates.map((c, i) => (from[i] >= 0 && !touched.has(c.arn) ? state.corpus[from[i]] : haystackOf(c)));
  const corpus = state.corpus.slice();
  for (const arn of touched) {
    const at = acc.arnIndex.get(arn)!;
    corpus[at] = haystackOf(acc.certificates[at]);
  }
  return corpus;
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
        findingsView: restoreSelection(state.findingsView, action.findings, state.accounts, domainLookup(state)),
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
    case 'findings-query-open':
    case 'findings-query':
    case 'findings-query-close':
    case 'findings-sort-next':
    case 'findings-sort-reverse':
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
      return { ...state, mode: state.mode === 'help' ? 'normal' : 'help', helpScroll: 0 };
    case 'notice':
      return state.notice === action.text ? state : { ...state, notice: action.text };
    case 'resize':
      if (action.columns === state.size.columns && action.rows === state.size.rows) return state;
      return { ...state, size: { columns: action.columns, rows: action.rows } };
    case 'refresh': {
      const fresh = initialState(state.size, { advisor: state.advisor, config: state.config, stages: state.stageKinds });
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
    case 'overview':
    case 'help': {
      const key = action.pane === 'help' ? 'helpScroll' : 'overviewScroll';
      const scroll = moveScroll({ cursor: 0, offset: state[key] }, move, extent, repeat).offset;
      return scroll === state[key] ? state : { ...state, [key]: scroll };
    }
    case 'report': {
      const rv = state.reportView;
      const scroll = moveScroll({ cursor: 0, offset: rv.scroll }, move, extent, repeat).offset;
      return scroll === rv.scroll ? state : { ...state, reportView: { ...rv, scroll } };
    }
  }
}
