/**
 * The Advisor's session, held by the App (keys reach it through the one key handler): loads the knowledge
 * base and the saved session the first time the advisor is used, applies the advisor commands through the
 * pure reducer, saves every change of answers or position at once (atomic `saveSession`), and memoises the
 * evidence and the advice on the inventory, findings and answers.
 *
 * State lives in a ref and is applied synchronously, so a chunk of keys ("jj\r" from tmux or a paste) is
 * handled key by key against the latest state, like the App's own reducer.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { advise, collectEvidence, decide, loadKnowledgeBase, loadSession, saveSession, type Evidence, type KnowledgeBase } from '../../advisor/index.js';
import type { Advice } from '../../domain/advice.js';
import type { Inventory } from '../../domain/inventory.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import type { Command } from '../keymap.js';
import type { AppState } from '../state/app-state.js';
import {
  advisorReducer,
  answersOf,
  cursorOf,
  fromSession,
  progressOf,
  sessionChanged,
  toSession,
  type AdvisorAction,
  type AdvisorContext,
  type AdvisorModel,
  type AdvisorState,
} from '../state/advisor-view.js';

const ACTIONS: Partial<Record<Command, AdvisorAction>> = {
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

export interface AdvisorSessionHandle {
  /** Apply an advisor command; false when the command is not the advisor's. Stable across renders. */
  handle(command: Command): boolean;
  /** What the view renders (loads the knowledge base and session on first use). */
  model(): AdvisorModel;
  /**
   * Key w: the name to start the workload prompt with ('' when unnamed), or null when the prompt should not
   * open (the advisor is unavailable, or the key just cancelled a pending reset). Stable across renders.
   */
  startWorkload(): string | null;
  /** Save the workload's name (normalised; null clears it) to the session at once. Stable across renders. */
  setWorkload(name: string | null): void;
}

interface Store {
  kb: KnowledgeBase | null;
  error: string | null;
  state: AdvisorState | null;
  notice: string | null;
}

type EvidenceKey = [AppState['certificates'], AppState['findings'], AppState['regions'], AppState['account'], number];

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function useAdvisorSession(configDir: string, app: AppState, now: Date): AdvisorSessionHandle {
  const store = useRef<Store>({ kb: null, error: null, state: null, notice: null });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const latest = useRef({ configDir, app, now });
  latest.current = { configDir, app, now };
  const evidenceCache = useRef<{ key: EvidenceKey; inventory: Inventory; evidence: Record<string, Evidence> } | null>(null);
  const adviceCache = useRef<{ key: unknown[]; advice: Advice; summary: string } | null>(null);

  const ensure = useCallback((): boolean => {
    const s = store.current;
    if (s.state) return true;
    if (s.error) return false;
    try {
      const kb = loadKnowledgeBase();
      const warnings: string[] = [];
      const session = loadSession(latest.current.configDir, (m) => warnings.push(m));
      s.kb = kb;
      s.state = fromSession(kb, session);
      s.notice = warnings.length > 0 ? sanitiseForTerminal(warnings.join(' ')) : null;
      return true;
    } catch (e) {
      s.error = sanitiseForTerminal(`The advisor's knowledge base could not be loaded: ${(e as Error).message}`);
      return false;
    }
  }, []);

  /** The inventory so far and what it says per question; null while the inventory loads. */
  const evidence = useCallback((): { inventory: Inventory; evidence: Record<string, Evidence> } | null => {
    const { app: a, now: n } = latest.current;
    const kb = store.current.kb;
    if (!kb || a.load.status === 'loading') return null;
    const key: EvidenceKey = [a.certificates, a.findings, a.regions, a.account, n.getTime()];
    const c = evidenceCache.current;
    if (c && sameKey(c.key, key)) return c;
    const inventory: Inventory = {
      generatedAt: n.toISOString(),
      account: a.account,
      regions: a.regions,
      certificates: a.certificates as Inventory['certificates'],
      warnings: a.warnings,
    };
    evidenceCache.current = { key, inventory, evidence: collectEvidence(kb, inventory, a.findings ?? [], n) };
    return evidenceCache.current;
  }, []);

  const context = useCallback((): AdvisorContext => {
    const ev = evidence();
    const proposals: Record<string, string> = {};
    for (const [id, e] of Object.entries(ev?.evidence ?? {})) if (e.proposed) proposals[id] = e.proposed.value;
    return { kb: store.current.kb!, proposals };
  }, [evidence]);

  /** Apply one action to the loaded state; a change of answers, position or workload is saved at once. */
  const apply = useCallback(
    (action: AdvisorAction): void => {
      const s = store.current;
      const before = s.state!;
      const next = advisorReducer(before, action, context());
      if (next === before) return;
      if (sessionChanged(before, next)) {
        try {
          saveSession(latest.current.configDir, toSession(next, new Date().toISOString()));
          if (s.notice?.startsWith('Could not save')) s.notice = null;
        } catch (e) {
          s.notice = sanitiseForTerminal(`Could not save the advisor session: ${(e as Error).message}`);
        }
      }
      s.state = next;
      rerender();
    },
    [context],
  );

  const handle = useCallback(
    (command: Command): boolean => {
      let action = ACTIONS[command];
      if (!action) return false;
      if (!ensure()) return true;
      // While a reset awaits its "y", any other advisor key cancels it (and does nothing else).
      if (store.current.state!.confirmReset && action.type !== 'reset-confirm') action = { type: 'reset-cancel' };
      apply(action);
      return true;
    },
    [ensure, apply],
  );

  const startWorkload = useCallback((): string | null => {
    if (!ensure()) return null;
    const state = store.current.state!;
    if (state.confirmReset) {
      apply({ type: 'reset-cancel' });
      return null;
    }
    return state.workload ?? '';
  }, [ensure, apply]);

  const setWorkload = useCallback(
    (name: string | null): void => {
      if (ensure()) apply({ type: 'workload', name });
    },
    [ensure, apply],
  );

  // Leaving the view drops a pending reset confirmation.
  const view = app.view;
  useEffect(() => {
    if (view !== 'advisor' && store.current.state?.confirmReset) {
      store.current.state = { ...store.current.state, confirmReset: false };
    }
  }, [view]);

  const model = (): AdvisorModel => {
    if (!ensure()) return { kind: 'error', message: store.current.error ?? 'The advisor is unavailable.' };
    try {
      return buildModel();
    } catch (e) {
      return { kind: 'error', message: sanitiseForTerminal(`The advisor failed: ${(e as Error).message}`) };
    }
  };

  const buildModel = (): AdvisorModel => {
    const { kb, state, notice } = store.current as Store & { kb: KnowledgeBase; state: AdvisorState };
    const { visible, answered } = progressOf(kb, state);
    const common = {
      total: visible.length,
      answered,
      notice,
      confirmReset: state.confirmReset,
      // The session file may have been edited by hand: what reaches the terminal is sanitised.
      workload: state.workload === null ? null : sanitiseForTerminal(state.workload),
    };
    const a = latest.current.app;
    if (state.showResult) {
      const ev = evidence();
      const inventory: Inventory = ev?.inventory ?? {
        generatedAt: latest.current.now.toISOString(),
        account: a.account,
        regions: a.regions,
        certificates: a.certificates as Inventory['certificates'],
        warnings: a.warnings,
      };
      const key = [state.answers, state.workload, inventory.certificates, a.findings, latest.current.now.getTime()];
      const c = adviceCache.current;
      if (!c || !sameKey(c.key, key)) {
        adviceCache.current = {
          key,
          advice: advise(kb, answersOf(state), inventory, a.findings ?? [], latest.current.now),
          summary: decide(kb, answersOf(state)).rule.summary,
        };
      }
      const { advice, summary } = adviceCache.current!;
      return { ...common, kind: 'result', advice, summary, loading: a.load.status === 'loading' };
    }
    const ctx = context();
    const question = kb.questions.find((q) => q.id === state.currentId) ?? kb.questions[0];
    const position = visible.findIndex((q) => q.id === question.id) + 1;
    return {
      ...common,
      kind: 'question',
      question,
      position: position > 0 ? position : 1,
      cursor: cursorOf(state, ctx),
      answer: state.answers[question.id],
      evidence: evidence()?.evidence[question.id] ?? null,
      partial: a.load.status === 'failed',
    };
  };

  return { handle, model, startWorkload, setWorkload };
}
