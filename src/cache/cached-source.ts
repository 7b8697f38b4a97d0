import { deadlinePassed } from '../domain/deadline.js';
import { abortError } from '../domain/errors.js';
import type { Inventory, InventoryEvent, InventorySource, PriorReads } from '../domain/inventory.js';
import type { AnyStage } from '../stages/index.js';
import type { InventoryCache } from './inventory-cache.js';

/** How long a warm start waits to hear its cached rows are on screen before it goes on regardless. */
const SHOWN_WAIT_MS = 1000;

/** A live read that can take the cache's earlier read (the AWS source). */
export interface LiveSource {
  load(onEvent: (e: InventoryEvent) => void, signal?: AbortSignal, prior?: PriorReads): Promise<Inventory>;
  prioritise?(arns: readonly string[], level: 'opened' | 'visible'): void;
}

/**
 * An inventory source with the local cache around a live one that is built only when first needed
 * (the SDK loads behind the first frame). Each load: the cached inventory first when `warmStart`
 * (before any AWS call), then the live read, which revalidates, reuses and saves through the cache.
 * Without a cache it is just the live read, built lazily.
 */
export function withInventoryCache(options: {
  label: InventorySource['label'];
  /** A promise when the cache module is still loading (it waits, like `before`, for the first frame). */
  cache: InventoryCache | null | Promise<InventoryCache | null>;
  /** The regions asked for: a warm start shows only those. */
  regions: string[] | 'all';
  warmStart: boolean;
  /** Awaited before anything is emitted (the TUI's audit settings, so cached rows are audited too). */
  before?: Promise<unknown>;
  /** The read stages the live read runs: a warm start shows their saved reads too. None when omitted. */
  stages?: () => Promise<readonly AnyStage[]>;
  live: () => Promise<LiveSource>;
}): InventorySource {
  let built: LiveSource | null = null;
  let shown: (() => void) | null = null;
  return {
    label: options.label,
    // What the user looks at is described first; before the live source exists there is nothing to move.
    prioritise(arns, level) {
      built?.prioritise?.(arns, level);
    },
    cachedShown() {
      shown?.();
    },
    async load(onEvent, signal) {
      let cache: InventoryCache | null = null;
      const warn = () => {
        for (const message of cache?.takeWarnings() ?? []) onEvent({ kind: 'warning', message });
      };
      await options.before;
      cache = await options.cache;
      // A cancel ends here; a deadline that already passed lets the live read report everything as not read.
      if (signal?.aborted && !deadlinePassed(signal)) throw abortError();
      if (cache && options.warmStart) {
        const warm = cache.cachedInventory(options.regions, (await options.stages?.()) ?? []);
        warn();
        if (warm) {
          const { stages, ...inventory } = warm;
          // The stages' reads as the live read sends them (marked cached), just before the rows: the frame
          // that shows the cached rows shows what they serve too.
          for (const read of stages) onEvent({ kind: 'stage', read, ...(read.accountId ? { accountId: read.accountId } : {}) });
          onEvent({ kind: 'cached', ...inventory });
          // The live source loads the SDK (~100 ms on this thread): after the frame with the cached rows.
          await new Promise<void>((resolve) => {
            const fallback = setTimeout(resolve, SHOWN_WAIT_MS);
            shown = () => {
              clearTimeout(fallback);
              resolve();
            };
          });
          shown = null;
          if (signal?.aborted) throw abortError();
        }
      }
      const live = await options.live();
      built = live;
      if (!cache) return live.load(onEvent, signal);
      const inventory = await live.load(
        (e) => {
          if (e.kind === 'identity' && e.account) cache.rememberAccount(e.account);
          // An estate's accounts, for the next warm start to show them all.
          if (e.kind === 'accounts') cache.rememberEstate(e.accounts);
          onEvent(e);
        },
        signal,
        cache.priorReads(),
      );
      const late = cache.takeWarnings();
      for (const message of late) onEvent({ kind: 'warning', message });
      // Warnings the cache raised while the engine ran (a file set aside, a failed write) join the inventory's.
      return { ...inventory, warnings: [...inventory.warnings, ...late] };
    },
  };
}
