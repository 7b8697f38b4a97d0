import { useEffect, useRef, type Dispatch } from 'react';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { Inventory, InventoryEvent, InventorySource } from '../../domain/inventory.js';
import type { Action } from '../state/app-state.js';

/** How long events are gathered before one state update (bounds re-renders during a big load). */
const EVENT_BATCH_MS = 40;

/**
 * While a load runs, the audit re-runs over what has arrived at most this often (and never
 * taking more than a fifth of the time), so findings that need no detail show in seconds.
 */
export const PROVISIONAL_AUDIT_MS = 500;

/**
 * Ink writes a committed frame at most every 33 ms (30 fps): work started this long after a commit
 * comes after that frame has reached the terminal.
 */
const FRAME_MS = 40;

/**
 * Runs `source.load()` for the current load generation; a new generation (refresh) aborts the one in
 * flight, so refreshes never overlap and a stale load's events are dropped by the reducer. Events are
 * queued and dispatched as one batch per tick — one state update for many certificates.
 */
export function useInventoryLoader(options: {
  source: InventorySource;
  generation: number;
  dispatch: Dispatch<Action>;
  /** `stages`: what the read stages found, for the rules that judge it (the finished load's). */
  audit?: (certs: Certificate[], now: Date, stages?: Inventory['stages']) => Finding[];
  now: () => Date;
}): void {
  const { source, generation, dispatch } = options;
  const auditRef = useRef(options.audit);
  auditRef.current = options.audit;
  const nowRef = useRef(options.now);
  nowRef.current = options.now;
  // Set when the cached rows of a warm start have been dispatched: run after the commit that shows them.
  const afterCommit = useRef<(() => void) | null>(null);
  useEffect(() => {
    const next = afterCommit.current;
    afterCommit.current = null;
    next?.();
  });

  useEffect(() => {
    const controller = new AbortController();
    let queue: InventoryEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Records read beyond the list (searched or described), for the audit while loading: a
    // listed-only record says too little, and rules would report on fields not read yet.
    const known = new Map<string, Certificate>();
    let auditTimer: ReturnType<typeof setTimeout> | null = null;
    let lastAuditAt = 0;
    let lastAuditCost = 0;
    let finished = false;
    const cleanups: Array<() => void> = [];
    const auditSoFar = () => {
      auditTimer = null;
      const audit = auditRef.current;
      if (!audit || finished || controller.signal.aborted || known.size === 0) return;
      const started = performance.now();
      try {
        dispatch({ type: 'findings', generation, findings: audit([...known.values()], nowRef.current()) });
      } catch {
        // The audit of the finished load reports the failure once.
      }
      lastAuditAt = performance.now();
      lastAuditCost = lastAuditAt - started;
    };
    const scheduleAudit = () => {
      if (auditTimer || !auditRef.current) return;
      const gap = Math.max(PROVISIONAL_AUDIT_MS, lastAuditCost * 5);
      auditTimer = setTimeout(auditSoFar, Math.max(0, lastAuditAt + gap - performance.now()));
    };
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (controller.signal.aborted || queue.length === 0) return;
      const events = queue;
      queue = [];
      dispatch({ type: 'inventory', generation, events });
      // A warm start: the cached rows are painted before anything else runs (the audit of 10,000
      // certificates, the source's SDK); both wait for the frame that shows them.
      const warm = events.some((e) => e.kind === 'cached');
      let grew = false;
      for (const e of events) {
        // The cached inventory of a warm start is audited (once it is on screen), like records read in this load.
        if (e.kind !== 'details' && e.kind !== 'summaries' && e.kind !== 'cached') continue;
        for (const c of e.certificates) {
          if (c.detail.state === 'summary') continue;
          known.set(c.arn, c);
          grew = true;
        }
      }
      if (warm) {
        afterCommit.current = () => {
          const t = setTimeout(() => {
            if (controller.signal.aborted) return;
            scheduleAudit();
            source.cachedShown?.();
          }, FRAME_MS);
          cleanups.push(() => clearTimeout(t));
        };
      } else if (grew) scheduleAudit();
    };
    const onEvent = (e: InventoryEvent) => {
      if (controller.signal.aborted) return;
      queue.push(e);
      // The cached inventory is the whole first screen of a warm start: shown at once, not batched.
      if (e.kind === 'done' || e.kind === 'cached') flush();
      else if (!timer) timer = setTimeout(flush, EVENT_BATCH_MS);
    };
    source.load(onEvent, controller.signal).then(
      (inventory) => {
        if (controller.signal.aborted) return;
        finished = true;
        if (auditTimer) clearTimeout(auditTimer);
        if (!queue.some((e) => e.kind === 'done')) queue.push({ kind: 'done', inventory });
        flush();
        const audit = auditRef.current;
        if (audit) {
          try {
            dispatch({ type: 'findings', generation, findings: audit(inventory.certificates, nowRef.current(), inventory.stages) });
          } catch (err) {
            dispatch({ type: 'inventory', generation, events: [{ kind: 'warning', message: `audit failed: ${(err as Error).message}` }] });
          }
        }
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        finished = true;
        if (auditTimer) clearTimeout(auditTimer);
        flush();
        dispatch({ type: 'load-failed', generation, message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      controller.abort();
      for (const c of cleanups) c();
      if (timer) clearTimeout(timer);
      if (auditTimer) clearTimeout(auditTimer);
    };
  }, [source, generation, dispatch]);
}
