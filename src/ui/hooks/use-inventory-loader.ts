import { useEffect, useRef, type Dispatch } from 'react';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { InventoryEvent, InventorySource } from '../../domain/inventory.js';
import type { Action } from '../state/app-state.js';

/** How long events are gathered before one state update (bounds re-renders during a big load). */
const EVENT_BATCH_MS = 40;

/**
 * Runs `source.load()` for the current load generation; a new generation (refresh) aborts the one in
 * flight, so refreshes never overlap and a stale load's events are dropped by the reducer. Events are
 * queued and dispatched as one batch per tick — one state update for many certificates.
 */
export function useInventoryLoader(options: {
  source: InventorySource;
  generation: number;
  dispatch: Dispatch<Action>;
  audit?: (certs: Certificate[], now: Date) => Finding[];
  now: () => Date;
}): void {
  const { source, generation, dispatch } = options;
  const auditRef = useRef(options.audit);
  auditRef.current = options.audit;
  const nowRef = useRef(options.now);
  nowRef.current = options.now;

  useEffect(() => {
    const controller = new AbortController();
    let queue: InventoryEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (controller.signal.aborted || queue.length === 0) return;
      const events = queue;
      queue = [];
      dispatch({ type: 'inventory', generation, events });
    };
    const onEvent = (e: InventoryEvent) => {
      if (controller.signal.aborted) return;
      queue.push(e);
      if (e.kind === 'done') flush();
      else if (!timer) timer = setTimeout(flush, EVENT_BATCH_MS);
    };
    source.load(onEvent, controller.signal).then(
      (inventory) => {
        if (controller.signal.aborted) return;
        if (!queue.some((e) => e.kind === 'done')) queue.push({ kind: 'done', inventory });
        flush();
        const audit = auditRef.current;
        if (audit) {
          try {
            dispatch({ type: 'findings', generation, findings: audit(inventory.certificates, nowRef.current()) });
          } catch (err) {
            dispatch({ type: 'inventory', generation, events: [{ kind: 'warning', message: `audit failed: ${(err as Error).message}` }] });
          }
        }
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        flush();
        dispatch({ type: 'load-failed', generation, message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [source, generation, dispatch]);
}
