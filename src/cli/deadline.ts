import { setMaxListeners } from 'node:events';
import { DeadlineExceeded } from '../domain/deadline.js';
import type { InventorySource } from '../domain/inventory.js';

/** `--deadline`: how long a whole read may take, as given (`90s`) and in milliseconds. */
export interface Deadline {
  text: string;
  ms: number;
}

/**
 * Bounds every load of `source` by `deadline`. The load's signal is the caller's (a cancel)
 * joined with one that aborts with a DeadlineExceeded reason when the time is up, so the
 * engine can end with what it has instead of throwing it away. Each load (the app's `r`
 * included) gets the full time again.
 */
export function withDeadline(source: InventorySource, deadline: Deadline): InventorySource {
  return {
    label: source.label,
    prioritise: (arns, level) => source.prioritise?.(arns, level),
    cachedShown: () => source.cachedShown?.(),
    async load(onEvent, signal) {
      const timer = new AbortController();
      const t = setTimeout(() => timer.abort(new DeadlineExceeded(deadline.text)), deadline.ms);
      const joined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
      // Every in-flight request listens on it: many at once is expected.
      setMaxListeners(0, joined);
      try {
        const inventory = await source.load(onEvent, joined);
        // The app lists warnings as they arrive; the commands print `stopped` themselves (their events feed progress only).
        if (inventory.stopped) onEvent({ kind: 'warning', message: inventory.stopped.message });
        return inventory;
      } finally {
        clearTimeout(t);
      }
    },
  };
}
