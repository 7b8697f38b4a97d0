import { useEffect, useRef, type Dispatch } from 'react';
import { canNarrow, createFilterJob } from '../state/filter.js';
import type { Action, AppState } from '../state/app-state.js';

/** Time slice per scheduled step: short enough that a keystroke between slices is answered promptly. */
const SLICE_MS = 8;

/**
 * Runs the filter off the keystroke: when the input (or the data) changes, a filter job is scheduled
 * with setImmediate — after the frame that echoes the typed character — and run in slices; a newer
 * input cancels it. Narrows from the previous result when the query only got more specific.
 */
export function useFilterRunner(state: AppState, dispatch: Dispatch<Action>): void {
  const { input } = state.filter;
  const { corpus, dataVersion } = state;
  const last = useRef<{ query: string; matches: Int32Array | null; dataVersion: number } | null>(null);

  useEffect(() => {
    if (state.filter.appliedQuery === input && (state.filter.appliedVersion === dataVersion || input.trim() === '')) {
      last.current = { query: input, matches: state.filter.matches, dataVersion };
      return;
    }
    const prev = last.current;
    const within = prev && prev.matches && prev.dataVersion === dataVersion && canNarrow(prev.query, input) ? prev.matches : null;
    const job = createFilterJob(corpus, input, within);
    let handle: ReturnType<typeof setImmediate> | null = null;
    let cancelled = false;
    const run = () => {
      handle = null;
      if (cancelled) return;
      if (job.step(SLICE_MS)) {
        const { matches, exact } = job.outcome();
        last.current = { query: input, matches, dataVersion };
        dispatch({ type: 'filter-applied', query: input, matches, exact, dataVersion });
      } else handle = setImmediate(run);
    };
    handle = setImmediate(run);
    return () => {
      cancelled = true;
      if (handle) clearImmediate(handle);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input, corpus, dataVersion, dispatch]);
}
