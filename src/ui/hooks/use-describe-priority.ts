import { useEffect } from 'react';
import type { InventorySource } from '../../domain/inventory.js';

/**
 * Tells the source what the user is looking at while details are still being read: the
 * certificate open in the detail pane, then the rows on screen. At ACM's 10 detail reads a
 * second, that is what makes an opened certificate fill in within a second mid-load.
 */
export function useDescribePriority(source: InventorySource, loading: boolean, opened: string | null, visible: readonly string[]): void {
  const openedKey = loading ? (opened ?? '') : '';
  useEffect(() => {
    if (loading) source.prioritise?.(opened ? [opened] : [], 'opened');
    // Keyed on openedKey, which folds in `loading` and `opened`: the effect runs when either changes what to ask.
  }, [source, openedKey]);

  // The rows change identity with every batch of details; only a different set of ARNs matters.
  const visibleKey = loading ? visible.join('\n') : '';
  useEffect(() => {
    if (loading && visibleKey) source.prioritise?.(visibleKey.split('\n'), 'visible');
    // Keyed on visibleKey (it folds in `loading`), not on the rows array, whose identity changes every batch.
  }, [source, visibleKey]);
}
