/**
 * The Findings view's pure state: findings grouped by severity (critical → info) then rule — or, across
 * several accounts, by account (`a` toggles) — laid out as display rows (group headers + findings), a cursor
 * over the findings only, and the view (offset into the display rows) — moved by the one scroll model
 * (scroll.ts), which keeps the cursor and, where they fit, its group's headers on screen.
 */
import type { Finding, Severity } from '../../domain/finding.js';
import { countBySeverity, severityRank } from '../../domain/finding.js';
import type { AccountState, RegionError } from '../../domain/inventory.js';
import type { Extent, Scroll } from './scroll.js';
import { filterFindings, nextFindingsSort, sortFindings, type DomainOf, type FindingsSort } from './findings-query.js';

/** How the list is grouped: severity then rule (the default), or account then severity. */
export type FindingsGrouping = 'severity' | 'account';

/** `cursor`: position of the selected finding in `layout.ordered`; `offset`: the first display row shown. */
export interface FindingsViewState extends Scroll {
  /** A short message (Enter on an account-level finding); cleared by the next move. */
  notice: string | null;
  /** Absent: by severity. */
  by?: FindingsGrouping;
  /** Set by a refresh: the finding the cursor was on, looked up again when the new findings arrive. */
  keep?: FindingKey | null;
  /** `/`: the words a finding must contain (see filterFindings); absent or '' shows every finding. */
  query?: string;
  /** `s`: the order (absent: by severity, grouped); `S` reverses a column's order. */
  sort?: FindingsSort;
  descending?: boolean;
  /** The findings the query and order give, for the findings array they were made from. */
  shown?: { from: readonly Finding[]; findings: readonly Finding[] };
}

/**
 * A finding's identity across reloads: rule, certificate and region — and, as several findings can share
 * those (account-level ones have neither certificate nor region), which of the alike ones it was.
 */
interface FindingKey {
  ruleId: string;
  certificateArn: string | null;
  region: string | null;
  nth: number;
}

export const INITIAL_FINDINGS_VIEW: FindingsViewState = { cursor: 0, offset: 0, notice: null };

export type FindingsRow =
  | { kind: 'severity'; severity: Severity; count: number }
  /** An account's header when grouped by account: its counts, or why it could not be read. */
  | { kind: 'account'; id: string | null; name: string | null; counts: Record<Severity, number>; count: number; error?: RegionError }
  | { kind: 'rule'; severity: Severity; ruleId: string; count: number }
  | { kind: 'finding'; finding: Finding; position: number };

export interface FindingsLayout {
  /** The findings in display order: severity, then rule, then the audit's own order. */
  ordered: Finding[];
  rows: FindingsRow[];
  /** Display row of each finding in `ordered`. */
  rowOf: Int32Array;
  counts: Record<Severity, number>;
}

const cache = new WeakMap<readonly Finding[], FindingsLayout>();
const byAccountCache = new WeakMap<readonly Finding[], { accounts: readonly AccountState[] | null; layout: FindingsLayout }>();

/**
 * The layout a view state asks for: the findings its query keeps, in its order — by severity, by account (the
 * accounts read give the order and the failed ones), or a flat list by another column.
 */
export function layoutOf(view: Pick<FindingsViewState, 'by' | 'sort' | 'shown'>, findings: readonly Finding[], accounts: readonly AccountState[] | null = null): FindingsLayout {
  const list = view.shown && view.shown.from === findings ? view.shown.findings : findings;
  if (view.sort && view.sort !== 'severity') return flatLayout(list);
  return view.by === 'account' ? findingsByAccount(list, accounts) : findingsLayout(list);
}

const flatCache = new WeakMap<readonly Finding[], FindingsLayout>();

/** The findings as they come, one row each, no headers: the list sorted by a column. */
function flatLayout(findings: readonly Finding[]): FindingsLayout {
  const hit = flatCache.get(findings);
  if (hit) return hit;
  const layout = {
    ordered: [...findings],
    rows: findings.map((finding, position): FindingsRow => ({ kind: 'finding', finding, position })),
    rowOf: Int32Array.from(findings, (_, i) => i),
    counts: countBySeverity(findings),
  };
  flatCache.set(findings, layout);
  return layout;
}

/** The view with `shown` made for `findings` from its query and order (none when it has neither). */
export function withQuery(view: FindingsViewState, findings: readonly Finding[] | null, domainOf: DomainOf): FindingsViewState {
  const { shown: _old, ...rest } = view;
  if (!findings || (!view.query && (!view.sort || view.sort === 'severity'))) return rest;
  const kept = filterFindings(findings, view.query ?? '', domainOf);
  const ordered = view.sort && view.sort !== 'severity' ? sortFindings(kept, view.sort, view.descending ?? false, domainOf) : kept;
  return { ...rest, shown: { from: findings, findings: ordered } };
}

/**
 * Grouped by account, in the order the accounts were read, each under a header with its counts by severity;
 * within an account by severity, then rule. An account that could not be read has a header with its reason and
 * nothing under it; a finding naming no known account goes under an "other" header. Memoised like findingsLayout.
 */
export function findingsByAccount(findings: readonly Finding[], accounts: readonly AccountState[] | null): FindingsLayout {
  const hit = byAccountCache.get(findings);
  if (hit && hit.accounts === accounts) return hit.layout;
  const groups = new Map<string | null, { id: string | null; name: string | null; error?: RegionError; items: Array<{ f: Finding; i: number }> }>();
  for (const a of accounts ?? []) groups.set(a.id, { id: a.id, name: a.name, ...(a.status === 'error' && a.error ? { error: a.error } : {}), items: [] });
  findings.forEach((f, i) => {
    const id = f.accountId ?? null;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, name: f.accountName ?? null, items: [] }));
    g.items.push({ f, i });
  });
  const ordered: Finding[] = [];
  const rows: FindingsRow[] = [];
  const positions: number[] = [];
  for (const g of groups.values()) {
    g.items.sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || cmp(a.f.ruleId, b.f.ruleId) || a.i - b.i);
    const own = countBySeverity(g.items.map((x) => x.f));
    rows.push({ kind: 'account', id: g.id, name: g.name, counts: own, count: g.items.length, ...(g.error ? { error: g.error } : {}) });
    for (const { f } of g.items) {
      positions.push(rows.length);
      rows.push({ kind: 'finding', finding: f, position: ordered.length });
      ordered.push(f);
    }
  }
  const layout = { ordered, rows, rowOf: Int32Array.from(positions), counts: countBySeverity(ordered) };
  byAccountCache.set(findings, { accounts, layout });
  return layout;
}

/** Grouped layout of the findings; memoised on the array's identity (the reducer and the view share it). */
export function findingsLayout(findings: readonly Finding[]): FindingsLayout {
  const hit = cache.get(findings);
  if (hit) return hit;
  const indexed = findings.map((f, i) => ({ f, i }));
  // Stable: within a severity the rules sort by id; within a rule the audit's order (domain, region) stays.
  indexed.sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || cmp(a.f.ruleId, b.f.ruleId) || a.i - b.i);
  const ordered = indexed.map((x) => x.f);
  const counts = countBySeverity(ordered);
  const ruleCounts = new Map<string, number>();
  for (const f of ordered) {
    const k = `${f.severity}\u0000${f.ruleId}`;
    ruleCounts.set(k, (ruleCounts.get(k) ?? 0) + 1);
  }
  const rows: FindingsRow[] = [];
  const rowOf = new Int32Array(ordered.length);
  let sev: Severity | null = null;
  let rule: string | null = null;
  ordered.forEach((f, position) => {
    if (f.severity !== sev) {
      sev = f.severity;
      rule = null;
      rows.push({ kind: 'severity', severity: f.severity, count: counts[f.severity] });
    }
    if (f.ruleId !== rule) {
      rule = f.ruleId;
      rows.push({ kind: 'rule', severity: f.severity, ruleId: f.ruleId, count: ruleCounts.get(`${f.severity}\u0000${f.ruleId}`) ?? 0 });
    }
    rowOf[position] = rows.length;
    rows.push({ kind: 'finding', finding: f, position });
  });
  const layout = { ordered, rows, rowOf, counts };
  cache.set(findings, layout);
  return layout;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lines the detail panel under the list takes (including its separator). */
export function findingsDetailHeight(height: number): number {
  return Math.max(3, Math.min(9, Math.floor(height / 3)));
}

/** Display rows the list shows: the content height minus the summary line and the detail panel. */
export function findingsListHeight(height: number): number {
  return Math.max(1, height - 1 - findingsDetailHeight(height));
}

/** The list as the scroll model sees it: a cursor over the findings, the headers as lines without one. */
export function findingsExtent(layout: FindingsLayout, height: number): Extent {
  return {
    height,
    lines: layout.rows.length,
    items: { count: layout.ordered.length, lineOf: layout.rowOf, isHeader: (line) => layout.rows[line].kind !== 'finding' },
  };
}

/** The selected finding (after clamping), or null when there are none. */
export function selectedFinding(state: FindingsViewState, findings: readonly Finding[] | null, accounts: readonly AccountState[] | null = null): Finding | null {
  if (!findings || findings.length === 0) return null;
  const layout = layoutOf(state, findings, accounts);
  return layout.ordered[Math.min(Math.max(0, state.cursor), layout.ordered.length - 1)] ?? null;
}

/**
 * Where Enter on the selected finding goes: the certificate's ARN when it is in the inventory,
 * otherwise a notice (account-level finding, or a certificate no longer loaded).
 */
export function jumpTarget(
  state: FindingsViewState,
  findings: readonly Finding[] | null,
  arnIndex: ReadonlyMap<string, number>,
  accounts: readonly AccountState[] | null = null,
): { arn: string } | { notice: string } | null {
  const f = selectedFinding(state, findings, accounts);
  if (!f) return null;
  if (f.certificateArn === null) return { notice: 'Account-level finding: there is no certificate to open.' };
  if (!arnIndex.has(f.certificateArn)) return { notice: 'That certificate is no longer in the inventory (press r to refresh).' };
  return { arn: f.certificateArn };
}

/** The Findings view's own actions (its moves are app-state's 'scroll'). */
export type FindingsViewAction =
  | { type: 'findings-notice'; notice: string | null }
  | { type: 'findings-group'; by: FindingsGrouping }
  /** `/` opens the query (the app's filter mode), typing changes it, Enter keeps it, Esc clears it. */
  | { type: 'findings-query-open' }
  | { type: 'findings-query'; query: string }
  | { type: 'findings-query-close'; keep: boolean }
  | { type: 'findings-sort-next' }
  | { type: 'findings-sort-reverse' };

/** What the Findings reducer reads and writes of the app's state. */
interface FindingsHost {
  findingsView: FindingsViewState;
  findings: Finding[] | null;
  accounts: AccountState[] | null;
  mode: 'normal' | 'filter' | 'help' | 'prompt' | 'confirm';
  certificates: readonly { domainName: string | null }[];
  arnIndex: ReadonlyMap<string, number>;
}

/** A finding's certificate domain, looked up in the inventory. */
export function domainLookup(state: Pick<FindingsHost, 'certificates' | 'arnIndex'>): DomainOf {
  return (f) => (f.certificateArn ? (state.certificates[state.arnIndex.get(f.certificateArn) ?? -1]?.domainName ?? null) : null);
}

export function findingsReducer<S extends FindingsHost>(state: S, action: FindingsViewAction): S {
  const v = state.findingsView;
  // A new query or order: the list starts at its top.
  const requery = (next: FindingsViewState): S => ({ ...state, findingsView: { ...withQuery(next, state.findings, domainLookup(state)), cursor: 0, offset: 0, notice: null } });
  switch (action.type) {
    case 'findings-query-open':
      return { ...state, mode: 'filter' };
    case 'findings-query':
      return requery({ ...v, query: action.query });
    case 'findings-query-close':
      return action.keep ? { ...state, mode: 'normal' } : { ...requery({ ...v, query: '' }), mode: 'normal' };
    case 'findings-sort-next':
      return requery({ ...v, sort: nextFindingsSort(v.sort ?? 'severity'), descending: false });
    case 'findings-sort-reverse':
      return v.sort && v.sort !== 'severity' ? requery({ ...v, descending: !v.descending }) : state;
  }
  if (action.type === 'findings-group') {
    if ((v.by ?? 'severity') === action.by) return state;
    // The cursor stays on the finding it was on; the view scrolls to it when it renders.
    const selected = selectedFinding(v, state.findings, state.accounts);
    const next: FindingsViewState = { ...v, by: action.by, notice: null };
    const layout = state.findings ? layoutOf(next, state.findings, state.accounts) : null;
    const cursor = selected && layout ? Math.max(0, layout.ordered.indexOf(selected)) : 0;
    // Its group's header just above it.
    return { ...state, findingsView: { ...next, cursor, offset: Math.max(0, (layout?.rowOf[cursor] ?? 0) - 1) } };
  }
  return action.notice === v.notice ? state : { ...state, findingsView: { ...v, notice: action.notice } };
}

function sameFinding(a: Pick<Finding, 'ruleId' | 'certificateArn' | 'region'>, b: Pick<Finding, 'ruleId' | 'certificateArn' | 'region'>): boolean {
  return a.ruleId === b.ruleId && a.certificateArn === b.certificateArn && a.region === b.region;
}

/** The key of the selected finding, or null when there is none. */
function selectionKey(state: FindingsViewState, findings: readonly Finding[] | null, accounts: readonly AccountState[] | null): FindingKey | null {
  if (!findings || findings.length === 0) return null;
  const { ordered } = layoutOf(state, findings, accounts);
  const cursor = Math.min(Math.max(0, state.cursor), ordered.length - 1);
  const f = ordered[cursor];
  let nth = 0;
  for (let i = 0; i < cursor; i++) if (sameFinding(ordered[i], f)) nth++;
  return { ruleId: f.ruleId, certificateArn: f.certificateArn, region: f.region, nth };
}

/**
 * On refresh: remember the selected finding (position and scroll stay as they are meanwhile). A refresh
 * before the findings came back (several r in a row) keeps the finding remembered by the first one.
 */
export function keepSelection(state: FindingsViewState, findings: readonly Finding[] | null, accounts: readonly AccountState[] | null = null): FindingsViewState {
  const keep = selectionKey(state, findings, accounts) ?? state.keep ?? null;
  return { ...state, notice: null, keep };
}

/**
 * When the new findings arrive: the cursor goes to the remembered finding when it is still there, otherwise
 * it stays at its position, clamped to the new list (the view keeps it in sight when it renders).
 */
export function restoreSelection(
  previous: FindingsViewState,
  findings: readonly Finding[],
  accounts: readonly AccountState[] | null = null,
  domainOf: DomainOf = () => null,
): FindingsViewState {
  // The query and order apply to the new findings too.
  const state = withQuery(previous, findings, domainOf);
  if (state.keep === undefined || state.keep === null) return state;
  const key = state.keep;
  const { ordered } = layoutOf(state, findings, accounts);
  let found = -1;
  let seen = 0;
  for (let i = 0; i < ordered.length; i++) {
    if (!sameFinding(ordered[i], key)) continue;
    found = i;
    if (seen++ === key.nth) break;
  }
  // Fewer alike findings than before: the last of them is the nearest.
  const cursor = found >= 0 ? found : Math.min(Math.max(0, state.cursor), Math.max(0, ordered.length - 1));
  const { keep: _kept, ...rest } = state;
  return { ...rest, cursor, notice: null };
}
