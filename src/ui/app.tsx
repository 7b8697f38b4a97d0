/**
 * The TUI's root component: owns the reducer, the inventory loader, the filter runner and the one key
 * handler; lays out status line, tabs, the current view (each in its own error boundary) and the footer,
 * always at most `rows - 1` lines tall (Ink 6 repaints the whole screen, flickering, at full height).
 */
import React, { useCallback, useMemo, useReducer, useRef } from 'react';
import { Box, useInput, useStdout, type Key } from 'ink';
import type { KnowledgeBase } from '../advisor/index.js';
import type { AuditConfig } from '../domain/thresholds.js';
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import type { InventorySource } from '../domain/inventory.js';
import { sanitiseForTerminal } from '../domain/text.js';
import { Footer } from './components/footer.js';
import { HelpOverlay } from './components/help-overlay.js';
import { StatusLine } from './components/status-line.js';
import { TabBar } from './components/tab-bar.js';
import { ViewErrorBoundary } from './components/error-boundary.js';
import { readAdvisorSlice, useSessionSaver } from './hooks/use-session-file.js';
import { useFilterRunner } from './hooks/use-filter-runner.js';
import { useInventoryLoader } from './hooks/use-inventory-loader.js';
import { reportTextAction, runReportCommand } from './hooks/use-report-preview.js';
import { readSize, useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { keyTokens, route, type Command } from './keymap.js';
import { filterPending, initialState, reducer, screenOf, type Action, type AppState, type ViewId } from './state/app-state.js';
import { sortOrder, visibleRows, type SortSpec } from './state/sort.js';
import { clampWindow, type CursorMove } from './state/window.js';
import { findingsListHeight, jumpTarget } from './state/findings-view.js';
import { reportPreviewHeight, scrollDelta } from './state/report-view.js';
import { dropLastChar, normaliseWorkload } from './state/workload-input.js';
import { advisorModelOf, proposalsOf, reportPreviewOf } from './state/selectors.js';
import type { AdvisorAction } from './state/advisor-view.js';
import { AdvisorView } from './views/advisor.js';
import { CertificatesView, tableHeight } from './views/certificates.js';
import { DetailView, detailMaxScroll } from './views/detail.js';
import { FindingsView } from './views/findings.js';
import { OverviewView } from './views/overview.js';
import { ReportView } from './views/report.js';
import { ThemeContext } from './theme.js';

export interface AppProps {
  source: InventorySource;
  color: boolean;
  configDir: string;
  /** Where report exports go by default (relative paths resolve against it); process.cwd() when omitted. */
  cwd?: string;
  /** The settings `audit` runs with, so the report states the same owner tag and thresholds; defaults when omitted. */
  auditConfig?: AuditConfig;
  /** The Advisor's questions, rules and facts, loaded once at start (or why they failed to load). */
  knowledgeBase: KnowledgeBase | Error;
  now?: () => Date;
  /** Extension point: the audit. Runs over each finished load; its findings reach Overview, Findings and Detail. */
  audit?: (certs: Certificate[], now: Date) => Finding[];
  /** The single exit path: the lifecycle root (runTui) unmounts and restores the terminal. */
  onExit: (code: number) => void;
}

/** Lines outside the view: status line, tab bar, footer — plus the one spare row Ink 6 needs. */
export const CHROME_ROWS = 4;

/**
 * Scan time on the keystroke itself: a first slice, stretched by at most as much again when the scan
 * is on course to finish in it (the echo then waits for the count rather than needing a frame of its own).
 */
const FIRST_SLICE_MS = 8;
const FIRST_SLICE_STRETCH_MS = 8;

export function contentHeight(size: TerminalSize): number {
  return Math.max(3, size.rows - CHROME_ROWS);
}

/** Sorted + filtered rows, memoised on the data, sort spec and filter result (identity). */
function useRowsCache() {
  const cache = useRef<{
    certs: readonly Certificate[] | null;
    sort: SortSpec | null;
    order: Int32Array;
    matches: Int32Array | null | undefined;
    rows: Int32Array;
  }>({ certs: null, sort: null, order: new Int32Array(0), matches: undefined, rows: new Int32Array(0) });
  return useCallback((s: AppState): Int32Array => {
    const c = cache.current;
    if (c.certs !== s.certificates || c.sort !== s.sort) {
      c.order = sortOrder(s.certificates, s.sort);
      c.certs = s.certificates;
      c.sort = s.sort;
      c.matches = undefined;
    }
    if (c.matches !== s.filter.matches) {
      c.rows = visibleRows(c.order, s.filter.matches, s.certificates.length, s.filter.exact);
      c.matches = s.filter.matches;
    }
    return c.rows;
  }, []);
}

const VIEW_COMMANDS: Partial<Record<Command, ViewId>> = {
  'view.overview': 'overview',
  'view.certificates': 'certificates',
  'view.findings': 'findings',
  'view.advisor': 'advisor',
  'view.report': 'report',
};

const ADVISOR_ACTIONS: Partial<Record<Command, AdvisorAction>> = {
  'advisor.choice-down': { type: 'choice', delta: 1 },
  'advisor.choice-up': { type: 'choice', delta: -1 },
  'advisor.answer': { type: 'answer' },
  'advisor.back': { type: 'back' },
  'advisor.forward': { type: 'forward' },
  'advisor.result': { type: 'result' },
  'advisor.reset': { type: 'reset-request' },
  'advisor.reset-confirm': { type: 'reset-confirm' },
  'advisor.reset-cancel': { type: 'reset-cancel' },
};

const CURSOR_COMMANDS: Partial<Record<Command, CursorMove>> = {
  'cursor.down': 'down',
  'cursor.up': 'up',
  'cursor.top': 'top',
  'cursor.bottom': 'bottom',
  'cursor.page-down': 'page-down',
  'cursor.page-up': 'page-up',
};

export function App(props: AppProps): React.JSX.Element {
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialState(readSize(stdout), { advisor: readAdvisorSlice(props.configDir, props.knowledgeBase), config: props.auditConfig }),
  );
  const nowFn = props.now ?? (() => new Date());
  const onResize = useCallback((size: TerminalSize) => dispatch({ type: 'resize', ...size }), []);
  useTerminalSize(onResize);
  useInventoryLoader({ source: props.source, generation: state.load.generation, dispatch, audit: props.audit, now: nowFn });
  const filterRunner = useFilterRunner(state, dispatch);
  // One clock reading per data change keeps renders pure and memoisable.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const now = useMemo(() => nowFn(), [state.dataVersion, state.load.generation, state.view, state.detail?.arn]);
  useSessionSaver(props.configDir, state.advisor.questionnaire, dispatch);

  const rowsOf = useRowsCache();
  const size = state.size;
  const height = contentHeight(size);
  const screen = screenOf(state);
  const auditing = props.audit !== undefined && state.findings === null;

  // The key handler reads the latest state through a ref and applies the reducer locally as it goes,
  // so a chunk of several keys ("2/api\r\r" from tmux or a paste) routes each key in the right mode.
  const stateRef = useRef(state);
  stateRef.current = state;
  const exited = useRef(false);
  const ctx = useRef({ now, props, height, auditing });
  ctx.current = { now, props, height, auditing };

  const handleInput = useCallback(
    (input: string, key: Key) => {
      let s = stateRef.current;
      const act = (a: Action) => {
        s = reducer(s, a);
        // Keys that arrive as separate events before React re-renders must see this state too.
        stateRef.current = s;
        dispatch(a);
      };
      const exit = (code: number) => {
        if (exited.current) return;
        exited.current = true;
        ctx.current.props.onExit(code);
      };
      /** Make sure the filter answers the typed query before acting on its rows (Enter right after typing). */
      const settleFilter = () => {
        if (filterPending(s)) act(filterRunner.runNow(s, Infinity)!);
      };
      const typedFrom = s.filter.input;
      for (const token of keyTokens(input, key)) {
        if (exited.current) return;
        const routed = route(token, { mode: s.mode, screen: screenOf(s) });
        if (!routed) continue;
        if (routed.kind === 'text') {
          if (s.mode === 'prompt') {
            const typed = s.workloadDraft !== null ? { type: 'workload-edit-input' as const, value: s.workloadDraft + token } : reportTextAction(s, token);
            if (typed) act(typed);
            continue;
          }
          act({ type: 'filter-changed', input: s.filter.input + token });
          continue;
        }
        const { command } = routed;
        const advisorAction = ADVISOR_ACTIONS[command];
        if (advisorAction) {
          act({ type: 'advisor', action: advisorAction, proposals: proposalsOf(s, ctx.current.now) });
          continue;
        }
        const h = ctx.current.height;
        const view = VIEW_COMMANDS[command];
        if (view) {
          act({ type: 'view', view });
          continue;
        }
        const move = CURSOR_COMMANDS[command];
        if (move) {
          if (screenOf(s) === 'findings') {
            act({ type: 'findings-cursor', move, height: findingsListHeight(h) });
            continue;
          }
          if (screenOf(s) === 'report') {
            const page = reportPreviewHeight(h);
            const max = Math.max(0, (reportPreviewOf(s, ctx.current.now, ctx.current.auditing).preview?.lines.length ?? 0) - page);
            act({ type: 'report-scroll', delta: scrollDelta(move, page, max), max });
            continue;
          }
          if (screenOf(s) === 'detail' && s.detail) {
            const cert = s.certificates[s.arnIndex.get(s.detail.arn) ?? -1];
            if (!cert) continue;
            const max = detailMaxScroll(cert, ctx.current.now, s.size.columns, h, s.findings);
            const delta = move === 'down' ? 1 : move === 'up' ? -1 : move === 'page-down' ? h : move === 'page-up' ? -h : move === 'top' ? -Infinity : Infinity;
            act({ type: 'detail-scroll', delta: Number.isFinite(delta) ? delta : delta > 0 ? max : -max, max });
          } else {
            act({ type: 'cursor', move, count: rowsOf(s).length, height: tableHeight(h) });
          }
          continue;
        }
        switch (command) {
          case 'quit':
            exit(0);
            return;
          case 'interrupt':
            exit(130);
            return;
          case 'filter.open':
            act({ type: 'filter-open' });
            break;
          case 'filter.backspace':
            act({ type: 'filter-changed', input: [...s.filter.input].slice(0, -1).join('') });
            break;
          case 'filter.confirm':
            settleFilter();
            act({ type: 'filter-confirm' });
            break;
          case 'filter.cancel':
            act({ type: 'filter-cancel' });
            break;
          case 'open': {
            settleFilter();
            const rows = rowsOf(s);
            const w = clampWindow(s.table, rows.length, tableHeight(h));
            if (rows.length > 0) act({ type: 'open-detail', arn: s.certificates[rows[w.cursor]].arn });
            break;
          }
          case 'back':
            act({ type: 'back' });
            break;
          case 'sort.next':
            act({ type: 'sort-next' });
            break;
          case 'sort.reverse':
            act({ type: 'sort-reverse' });
            break;
          case 'refresh':
            act({ type: 'refresh' });
            break;
          case 'help':
          case 'help.close':
            act({ type: 'help-toggle' });
            break;
          case 'findings.open': {
            const target = jumpTarget(s.findingsView, s.findings, s.arnIndex);
            if (target && 'arn' in target) act({ type: 'open-certificate', arn: target.arn, from: 'findings' });
            else if (target) act({ type: 'findings-notice', notice: target.notice });
            break;
          }
          case 'advisor.workload': {
            const q = s.advisor.questionnaire;
            if (!q) break;
            // w while a reset awaits its y cancels the reset and opens nothing.
            if (q.confirmReset) act({ type: 'advisor', action: { type: 'reset-cancel' } });
            else act({ type: 'workload-edit-start', value: q.workload ?? '' });
            break;
          }
          case 'advisor.workload-save':
            // Sanitised, trimmed, at most 100 characters; empty clears the name. The session saves itself.
            if (s.workloadDraft !== null) act({ type: 'advisor', action: { type: 'workload', name: normaliseWorkload(s.workloadDraft) } });
            act({ type: 'workload-edit-end' });
            break;
          case 'advisor.workload-cancel':
            act({ type: 'workload-edit-end' });
            break;
          case 'advisor.workload-backspace':
            if (s.workloadDraft !== null) act({ type: 'workload-edit-input', value: dropLastChar(s.workloadDraft) });
            break;
          case 'report.export-md':
          case 'report.export-json':
          case 'prompt.confirm':
          case 'prompt.cancel':
          case 'prompt.backspace':
          case 'confirm.yes':
          case 'confirm.no':
            runReportCommand(command, s, {
              cwd: ctx.current.props.cwd ?? process.cwd(),
              now: ctx.current.now,
              preview: reportPreviewOf(s, ctx.current.now, ctx.current.auditing),
              act,
              dispatch,
            });
            break;
        }
      }
      // The filter input changed: give the scan one slice now, so a quick one (narrowing, most keystrokes)
      // shows its count in the same frame as the typed character instead of one frame later.
      if (!exited.current && s.filter.input !== typedFrom && filterPending(s)) {
        const applied = filterRunner.runNow(s, FIRST_SLICE_MS, FIRST_SLICE_STRETCH_MS);
        if (applied) act(applied);
      }
    },
    [rowsOf, filterRunner],
  );
  useInput(handleInput);

  const rows = state.view === 'certificates' ? rowsOf(state) : new Int32Array(0);
  const table = clampWindow(state.table, rows.length, tableHeight(height));
  const pending = filterPending(state);
  const color = props.color;
  // One object per colour setting: a fresh value each render would re-render every memoised row.
  const theme = useMemo(() => ({ color }), [color]);
  const detailCert = state.detail ? state.certificates[state.arnIndex.get(state.detail.arn) ?? -1] ?? null : null;

  let body: React.JSX.Element;
  if (state.mode === 'help') {
    body = <HelpOverlay width={size.columns} height={height} screen={screen} />;
  } else {
    const common = { width: size.columns, height };
    switch (screen) {
      case 'overview':
        body = (
          <OverviewView
            {...common}
            label={props.source.label}
            account={state.account}
            regions={state.regions}
            load={state.load}
            warnings={state.warnings}
            certificates={state.certificates}
            findings={state.findings}
            now={now}
          />
        );
        break;
      case 'certificates':
        body = (
          <CertificatesView
            {...common}
            certificates={state.certificates}
            rows={rows}
            table={table}
            filter={state.filter}
            editing={state.mode === 'filter'}
            pending={pending}
            sort={state.sort}
            load={state.load}
            now={now}
          />
        );
        break;
      case 'detail':
        body = <DetailView {...common} certificate={detailCert} findings={props.audit ? state.findings : undefined} scroll={state.detail?.scroll ?? 0} now={now} />;
        break;
      case 'findings':
        body = (
          <FindingsView
            {...common}
            findings={state.findings}
            certificates={state.certificates}
            arnIndex={state.arnIndex}
            view={state.findingsView}
            load={state.load.status}
            auditing={auditing}
          />
        );
        break;
      case 'advisor':
        body = <AdvisorView {...common} model={advisorModelOf(state, now)} input={state.mode === 'prompt' ? state.workloadDraft : null} />;
        break;
      case 'report':
        body = <ReportView {...common} preview={reportPreviewOf(state, now, auditing)} view={state.reportView} />;
        break;
    }
  }

  const message = state.load.status === 'failed' ? `Load failed: ${state.load.error ?? 'unknown error'} — r retry` : undefined;
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={size.columns} height={size.rows - 1} overflow="hidden">
        <StatusLine label={props.source.label} state={state} width={size.columns} />
        <TabBar view={state.view} width={size.columns} badge={state.findings ? { findings: String(state.findings.length) } : undefined} />
        <Box height={height} overflow="hidden">
          {/* Keyed on the load: r (a new load) remounts a view that failed, which is its retry. */}
          <ViewErrorBoundary key={`${screen}-${state.load.generation}`} name={screen} color={color}>
            {body}
          </ViewErrorBoundary>
        </Box>
        <Footer ctx={{ mode: state.mode, screen }} width={size.columns} message={message ? sanitiseForTerminal(message) : undefined} />
      </Box>
    </ThemeContext.Provider>
  );
}
