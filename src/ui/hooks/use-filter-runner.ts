import { useEffect, useRef, type Dispatch } from 'react';
import { canNarrow, createFilterJob, type FilterJob } from '../state/filter.js';
import type { Action, AppState } from '../state/app-state.js';

/** Time slice per scheduled step: short enough that a keystroke between slices is answered promptly. */
const SLICE_MS = 8;
/** Recent results kept to narrow from (each is an Int32Array of at most the corpus size). */
const HISTORY = 8;

interface Outcome {
  query: string;
  dataVersion: number;
  corpus: readonly string[];
  matches: Int32Array;
}

export interface FilterRunner {
  /**
   * Scan for `s`'s filter input now, for up to `budgetMs` (Infinity: to the end), continuing the job
   * already running for it if there is one. When the slice did not finish but the rate so far says the
   * rest takes at most `stretchMs`, it goes on for up to that long: finishing now saves a whole frame
   * (the echo) on the way to the count. Returns the action that applies the result when the scan
   * finished, null otherwise (the scheduled slices carry on after the frame).
   */
  runNow(s: AppState, budgetMs: number, stretchMs?: number): Extract<Action, { type: 'filter-applied' }> | null;
}

/**
 * Runs the filter. The key handler calls `runNow` with a short budget on the keystroke itself, so a
 * quick scan (most are: narrowing) lands in the same frame as the typed character; a longer one leaves
 * the echo to its own frame and continues as a job scheduled with setImmediate, in slices, which a
 * newer input cancels. Scans narrow from the smallest recent result whose query implies the new one.
 */
export function useFilterRunner(state: AppState, dispatch: Dispatch<Action>): FilterRunner {
  const { input } = state.filter;
  const { corpus, dataVersion } = state;
  const history = useRef<Outcome[]>([]);
  const current = useRef<{ query: string; dataVersion: number; corpus: readonly string[]; job: FilterJob } | null>(null);
  const runner = useRef<FilterRunner | null>(null);

  const remember = (query: string, version: number, data: readonly string[], matches: Int32Array | null) => {
    if (!matches) return;
    const h = history.current.filter((o) => o.corpus === data && o.query !== query);
    h.push({ query, dataVersion: version, corpus: data, matches });
    if (h.length > HISTORY) h.shift();
    history.current = h;
  };

  const jobFor = (query: string, version: number, data: readonly string[]): FilterJob => {
    const c = current.current;
    if (c && c.query === query && c.dataVersion === version && c.corpus === data) return c.job;
    let within: Int32Array | null = null;
    for (const o of history.current) {
      if (o.corpus === data && o.dataVersion === version && (!within || o.matches.length < within.length) && canNarrow(o.query, query)) within = o.matches;
    }
    const job = createFilterJob(data, query, within);
    current.current = { query, dataVersion: version, corpus: data, job };
    return job;
  };

  const finish = (job: FilterJob, query: string, version: number, data: readonly string[]) => {
    if (current.current?.job === job) current.current = null;
    const { matches, exact } = job.outcome();
    remember(query, version, data, matches);
    return { type: 'filter-applied' as const, query, matches, exact, dataVersion: version };
  };

  runner.current ??= {
    runNow(s, budgetMs, stretchMs = 0) {
      const query = s.filter.input;
      const job = jobFor(query, s.dataVersion, s.corpus);
      const before = job.progress();
      const t0 = performance.now();
      let done = job.step(budgetMs);
      if (!done && stretchMs > 0) {
        const rate = (job.progress() - before) / Math.max(0.01, performance.now() - t0);
        if (rate > 0 && (1 - job.progress()) / rate <= stretchMs) done = job.step(stretchMs);
      }
      return done ? finish(job, query, s.dataVersion, s.corpus) : null;
    },
  };

  useEffect(() => {
    if (state.filter.appliedQuery === input && (state.filter.appliedVersion === dataVersion || input.trim() === '')) return;
    const job = jobFor(input, dataVersion, corpus);
    let handle: ReturnType<typeof setImmediate> | null = null;
    let cancelled = false;
    const run = () => {
      handle = null;
      if (cancelled) return;
      if (job.step(SLICE_MS)) dispatch(finish(job, input, dataVersion, corpus));
      else handle = setImmediate(run);
    };
    handle = setImmediate(run);
    return () => {
      cancelled = true;
      if (handle) clearImmediate(handle);
    };
    // Not keyed on the applied query: a scan's own result landing must not start the scan again.
  }, [input, corpus, dataVersion, dispatch]);

  return runner.current;
}
