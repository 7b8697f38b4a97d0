/**
 * The TUI's root component: owns the reducer, the inventory loader, the filter runner and the key
 * router (each screen's commands live in screens/); lays out status line, tabs, the current view (each in its own error boundary) and the footer,
 * always at most `rows - 1` lines tall (Ink 6 repaints the whole screen, flickering, at full height).
 */
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, useInput, useStdout, type Key } from 'ink';
import type { KnowledgeBase } from '../advisor/index.js';
import type { AuditConfig } from '../domain/thresholds.js';
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import type { Inventory, InventorySource } from '../domain/inventory.js';
import { sanitiseForTerminal } from '../domain/text.js';
import { Footer } from './components/footer.js';
import { HelpOverlay } from './components/help-overlay.js';
import { StatusLine } from './components/status-line.js';
import { TabBar } from './components/tab-bar.js';
import { TooSmallView } from './components/too-small.js';
import { ViewErrorBoundary } from './components/error-boundary.js';
import { readAdvisorSlice, useSessionSaver } from './hooks/use-session-file.js';
import { ADVISOR_LOADING, ownerOf, sameOwner } from './state/advisor-slice.js';
import { useFilterRunner } from './hooks/use-filter-runner.js';
import { useInventoryLoader } from './hooks/use-inventory-loader.js';
import { useDescribePriority } from './hooks/use-describe-priority.js';
import { CHROME_ROWS, contentHeight, readSize, useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { keyTokens, route } from './keymap.js';
import { clipboardSequence } from './terminal/clipboard.js';
import { commandHandler, textHandler, type ScreenContext } from './screens/index.js';
import { filterPending, initialState, reducer, screenOf, type Action, type AppState } from './state/app-state.js';
import { sortOrder, visibleRows, type SortSpec } from './state/sort.js';
import { clampScroll, listExtent } from './state/scroll.js';
import { fits, MIN_SIZE, sizeNeeded } from './state/min-size.js';
import { advisorModelOf, inventoryOf, readEvidenceOf, reportPreviewOf, stageSectionsOf } from './state/selectors.js';
import { AdvisorView, advisorMinRows } from './views/advisor.js';
import { CertificatesView, tableHeight } from './views/certificates.js';
import { DetailView } from './views/detail.js';
import { FindingsView } from './views/findings.js';
import { OverviewView } from './views/overview.js';
import { ReportView } from './views/report.js';
import { ThemeContext } from './theme.js';
import { accountColumnWidth, sharedAccountPrefix } from './state/format.js';

export interface AppProps {
  source: InventorySource;
  color: boolean;
  configDir: string;
  /** Where report exports go by default (relative paths resolve against it); process.cwd() when omitted. */
  cwd?: string;
  /** The settings `audit` runs with, so the report states the same owner tag and thresholds; defaults when omitted. */
  auditConfig?: AuditConfig;
  /**
   * The Advisor's questions, rules and facts, loaded once at start (or why they failed to load); a
   * promise while they still load behind the first screen (the Advisor says so until they arrive).
   */
  knowledgeBase: KnowledgeBase | Error | Promise<KnowledgeBase | Error>;
  now?: () => Date;
  /** Extension point: the audit. Runs over each finished load; its findings reach Overview, Findings and Detail. */
  /** `stages`: what the read stages found, for the rules that judge it (the finished load's). */
  audit?: (certs: Certificate[], now: Date, stages?: Inventory['stages']) => Finding[];
  /** The single exit path: the lifecycle root (runTui) unmounts and restores the terminal. */
  onExit: (code: number) => void;
}

/**
 * Scan time on the keystroke itself: a first slice, stretched by at most as much again when the scan
 * is on course to finish in it (the echo then waits for the count rather than needing a frame of its own).
 */
const FIRST_SLICE_MS = 8;
const FIRST_SLICE_STRETCH_MS = 8;

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

const SCREEN_NAMES: Record<ReturnType<typeof screenOf>, string> = {
  overview: 'Overview',
  certificates: 'Certificates',
  detail: 'certificate',
  findings: 'Findings',
  advisor: 'Advisor',
  report: 'Report',
};

/** The Advisor at start: open at once for the demo with its content at hand, else loading until both are known. */
function initialAdvisor(props: AppProps) {
  const owner = ownerOf(props.source.label, null);
  return owner && !(props.knowledgeBase instanceof Promise) ? readAdvisorSlice(props.configDir, props.knowledgeBase, owner) : ADVISOR_LOADING;
}

export function App(props: AppProps): React.JSX.Element {
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialState(readSize(stdout), {
      advisor: initialAdvisor(props),
      config: props.auditConfig,
    }),
  );
  // The Advisor opens once its content is loaded and it knows whose answers to open (the account's identity).
  const [kbLoaded, setKbLoaded] = useState<KnowledgeBase | Error | null>(props.knowledgeBase instanceof Promise ? null : props.knowledgeBase);
  useEffect(() => {
    const kb = props.knowledgeBase;
    if (!(kb instanceof Promise)) return setKbLoaded(kb);
    let live = true;
    void kb.then((loaded) => live && setKbLoaded(loaded));
    return () => {
      live = false;
    };
  }, [props.knowledgeBase]);
  const owner = useMemo(() => ownerOf(props.source.label, state.account), [props.source.label, state.account?.id]);
  // Read while the Advisor waits for it, and again when the account read is another owner's (a refresh, or
  // the live identity after the cache's): the reducer keeps the first slice of an owner ('advisor-loaded'),
  // so a session read again for the same one (the demo opens at start; a refresh names the owner again) is dropped.
  const advisorWaiting = state.advisor === ADVISOR_LOADING;
  const ownerMoved = owner !== null && state.advisor.owner != null && !sameOwner(owner, state.advisor.owner);
  useEffect(() => {
    if ((advisorWaiting || ownerMoved) && kbLoaded && owner) dispatch({ type: 'advisor-loaded', slice: readAdvisorSlice(props.configDir, kbLoaded, owner) });
  }, [advisorWaiting, ownerMoved, kbLoaded, owner, props.configDir]);
  const nowFn = props.now ?? (() => new Date());
  const onResize = useCallback((size: TerminalSize) => dispatch({ type: 'resize', ...size }), []);
  useTerminalSize(onResize);
  useInventoryLoader({ source: props.source, generation: state.load.generation, dispatch, audit: props.audit, now: nowFn });
  const filterRunner = useFilterRunner(state, dispatch);
  // One clock reading per data change keeps renders pure and memoisable: the clock is read again only
  // when the data, the load, the view or the opened certificate changes, never on a key press alone.
  const now = useMemo(() => nowFn(), [state.dataVersion, state.load.generation, state.view, state.detail?.arn]);
  useSessionSaver(props.configDir, state.advisor.owner ?? null, state.advisor.questionnaire, dispatch);

  const rowsOf = useRowsCache();
  const overviewLines = useRef(0);
  const size = state.size;
  const height = contentHeight(size);
  const screen = screenOf(state);
  const auditing = props.audit !== undefined && state.findings === null;
  const accountWidths = useMemo(
    () =>
      state.accounts
        ? { name: accountColumnWidth(state.accounts, false), withId: accountColumnWidth(state.accounts, true), sharedPrefix: sharedAccountPrefix(state.accounts) }
        : undefined,
    [state.accounts],
  );

  // The key handler reads the latest state through a ref and applies the reducer locally as it goes,
  // so a chunk of several keys ("2/api\r\r" from tmux or a paste) routes each key in the right mode.
  const stateRef = useRef(state);
  stateRef.current = state;
  const exited = useRef(false);
  const frame = useRef({ now, props, height, auditing });
  frame.current = { now, props, height, auditing };

  /** Routes each key to the current screen's handler (screens/): the keymap names the command, the screen acts. */
  const handleInput = useCallback(
    (input: string, key: Key) => {
      let s = stateRef.current;
      const f = frame.current;
      const ctx: ScreenContext = {
        get state() {
          return s;
        },
        act(a: Action) {
          s = reducer(s, a);
          // Keys that arrive as separate events before React re-renders must see this state too.
          stateRef.current = s;
          dispatch(a);
        },
        dispatch,
        now: f.now,
        height: f.height,
        auditing: f.auditing,
        cwd: f.props.cwd ?? process.cwd(),
        rows: () => rowsOf(s),
        settleFilter() {
          if (filterPending(s)) ctx.act(filterRunner.runNow(s, Infinity)!);
        },
        overviewLines: overviewLines.current,
        copy(text: string) {
          stdout.write(clipboardSequence(text, Boolean(process.env.TMUX)));
        },
        exit(code: number) {
          if (exited.current) return;
          exited.current = true;
          f.props.onExit(code);
        },
      };
      const typedFrom = s.filter.input;
      for (const token of keyTokens(input, key)) {
        if (exited.current) return;
        // The last key's answer stays until the next key.
        if (s.notice !== null) ctx.act({ type: 'notice', text: null });
        const screen = screenOf(s);
        const routed = route(token, { mode: s.mode, screen });
        if (!routed) continue;
        if (routed.kind === 'text') textHandler(screen)?.(ctx, routed.text);
        else if (routed.kind === 'disabled') ctx.act({ type: 'notice', text: routed.reason });
        else commandHandler(screen, routed.command, s.mode)?.(ctx);
      }
      // The filter input changed: give the scan one slice now, so a quick one (narrowing, most keystrokes)
      // shows its count in the same frame as the typed character instead of one frame later.
      if (!exited.current && s.filter.input !== typedFrom && filterPending(s)) {
        const applied = filterRunner.runNow(s, FIRST_SLICE_MS, FIRST_SLICE_STRETCH_MS);
        if (applied) ctx.act(applied);
      }
    },
    [rowsOf, filterRunner, stdout],
  );
  useInput(handleInput);

  const rows = state.view === 'certificates' ? rowsOf(state) : new Int32Array(0);
  const table = clampScroll(state.table, listExtent(rows.length, tableHeight(height)));
  const loading = state.load.status === 'loading';
  const onScreen: string[] = [];
  if (loading && state.view === 'certificates' && !state.detail) {
    const end = Math.min(rows.length, table.offset + tableHeight(height));
    for (let i = table.offset; i < end; i++) onScreen.push(state.certificates[rows[i]].arn);
  }
  useDescribePriority(props.source, loading, state.detail?.arn ?? null, onScreen);
  const pending = filterPending(state);
  const color = props.color;
  // One object per colour setting: a fresh value each render would re-render every memoised row.
  const theme = useMemo(() => ({ color }), [color]);
  const detailCert = state.detail ? state.certificates[state.arnIndex.get(state.detail.arn) ?? -1] ?? null : null;

  let body: React.JSX.Element;
  // The least content height the screen can be drawn in (null: it shrinks to anything).
  let contentRows: number | null = null;
  if (state.mode === 'help') {
    body = <HelpOverlay width={size.columns} height={height} screen={screen} scroll={state.helpScroll} />;
  } else {
    const common = { width: size.columns, height };
    switch (screen) {
      case 'overview':
        body = (
          <OverviewView
            {...common}
            label={props.source.label}
            inventory={inventoryOf(state, now)}
            trust={readEvidenceOf(state.stages).trust}
            load={state.load}
            findings={state.findings}
            config={state.config}
            now={now}
            waiting={state.waiting?.requests}
            scroll={state.overviewScroll}
            onMeasure={(lines) => {
              overviewLines.current = lines;
            }}
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
            accounts={state.accounts !== null}
            accountWidths={accountWidths}
            now={now}
            expiryDays={state.config.expiryDays}
          />
        );
        break;
      case 'detail':
        body = (
          <DetailView
            {...common}
            certificate={detailCert}
            findings={props.audit ? state.findings : undefined}
            stages={detailCert ? stageSectionsOf(state, detailCert) : undefined}
            scroll={state.detail?.scroll ?? 0}
            now={now}
            expiryDays={state.config.expiryDays}
          />
        );
        break;
      case 'findings':
        body = (
          <FindingsView
            {...common}
            accounts={state.accounts}
            findings={state.findings}
            certificates={state.certificates}
            arnIndex={state.arnIndex}
            view={state.findingsView}
            lastRunFindings={state.lastRunFindings}
            load={state.load.status}
            auditing={auditing}
            editing={state.mode === 'filter'}
          />
        );
        break;
      case 'advisor': {
        const model = advisorModelOf(state, now);
        const input = state.mode === 'prompt' ? state.workloadDraft : null;
        body = <AdvisorView {...common} model={model} input={input} />;
        contentRows = advisorMinRows(model, Math.max(size.columns, MIN_SIZE.columns), input);
        break;
      }
      case 'report':
        body = <ReportView {...common} preview={reportPreviewOf(state, now, auditing)} view={state.reportView} />;
        break;
    }
  }

  const need = sizeNeeded(size.columns, contentRows, CHROME_ROWS);
  if (!fits(size, need)) {
    body = <TooSmallView name={state.mode === 'help' ? 'the help' : `the ${SCREEN_NAMES[screen]} view`} need={need} size={size} width={size.columns} height={height} />;
  }

  const message = state.notice ?? (state.load.status === 'failed' ? `Load failed: ${state.load.error ?? 'unknown error'} — r retry` : undefined);
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
