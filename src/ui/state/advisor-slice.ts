/**
 * The Advisor as a slice of the app state: the knowledge base it asks from (loaded once at start), the
 * questionnaire (advisor-view.ts), and a notice line. Its actions go through the App's one reducer like
 * every other; saving the session is an effect of the questionnaire changing (hooks/use-session-file.ts),
 * never something a view or a key handler does.
 */
import { ownerLabel, type KnowledgeBase, type SessionOwner, type SessionState } from '../../advisor/index.js';
import type { AccountIdentity, InventorySource } from '../../domain/inventory.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { advisorReducer, fromSession, type AdvisorAction, type AdvisorState } from './advisor-view.js';

export interface AdvisorSlice {
  /** Null when the knowledge base failed to load: `error` says why and the advisor is unavailable. */
  kb: KnowledgeBase | null;
  error: string | null;
  /** Position, answers and workload; null exactly when `kb` is. */
  questionnaire: AdvisorState | null;
  /** A problem worth a line (a corrupt session ignored, a save that failed); already sanitised. */
  notice: string | null;
  /** Whose answers these are (they are saved for this owner only); null until the account is known. */
  owner?: SessionOwner | null;
}

export type AdvisorSliceAction =
  /** `proposals`: the inventory's suggested answers; choosing and answering read them (they place the cursor). */
  | { type: 'advisor'; action: AdvisorAction; proposals?: Record<string, string> }
  /** The outcome of saving the session: null on success. */
  | { type: 'advisor-saved'; error: string | null }
  /** A line to show in the Advisor (the answers file was written, or why not); sanitised here. */
  | { type: 'advisor-notice'; message: string }
  /** The knowledge base arrived (it loads behind the first screen): the slice as readAdvisorSlice built it. */
  | { type: 'advisor-loaded'; slice: AdvisorSlice };

const SAVE_FAILED = 'Could not save the advisor session';

export const ADVISOR_UNAVAILABLE: AdvisorSlice = { kb: null, error: 'The advisor is unavailable.', questionnaire: null, notice: null };
export const ADVISOR_LOADING: AdvisorSlice = { ...ADVISOR_UNAVAILABLE, error: 'The advisor is loading its content…' };

/**
 * Whose answers the app keeps, from where it reads: the demo apart from everything else; a real account per
 * account and profile (and endpoint), once its identity is known; an estate per account it is read from.
 */
export function ownerOf(label: InventorySource['label'], account: AccountIdentity | null): SessionOwner | null {
  if (label.demo) return { demo: true };
  if (!account) return null;
  return { demo: false, accountId: account.id, profile: label.profile, organisation: Boolean(label.scope), endpoint: label.endpoint };
}

/** The same owner, so the same answers (the label names every field a session file is kept apart by, as loadSession compares it). */
export function sameOwner(a: SessionOwner | null | undefined, b: SessionOwner | null | undefined): boolean {
  return a && b ? ownerLabel(a) === ownerLabel(b) : !a && !b;
}

/** The slice at start: the knowledge base (or why it failed to load) and the saved session, if any. */
export function advisorSlice(kb: KnowledgeBase | Error, session: SessionState | null, warning: string | null = null): AdvisorSlice {
  if (kb instanceof Error) {
    return { ...ADVISOR_UNAVAILABLE, error: sanitiseForTerminal(`The advisor's knowledge base could not be loaded: ${kb.message}`) };
  }
  return { kb, error: null, questionnaire: fromSession(kb, session), notice: warning === null ? null : sanitiseForTerminal(warning) };
}

export function advisorSliceReducer<S extends { advisor: AdvisorSlice }>(state: S, action: AdvisorSliceAction): S {
  const slice = state.advisor;
  const set = (advisor: AdvisorSlice): S => (advisor === slice ? state : { ...state, advisor });
  switch (action.type) {
    case 'advisor': {
      const q = slice.questionnaire;
      if (!slice.kb || !q) return state;
      // While a reset awaits its "y", any other advisor key cancels it (and does nothing else).
      const a: AdvisorAction = q.confirmReset && action.action.type !== 'reset-confirm' ? { type: 'reset-cancel' } : action.action;
      const next = advisorReducer(q, a, { kb: slice.kb, proposals: action.proposals ?? {} });
      return next === q ? state : set({ ...slice, questionnaire: next });
    }
    case 'advisor-loaded':
      // The first slice while the Advisor waits; after that only another owner's — the account read changed
      // (a refresh, or the live identity after the cache's) and answers never cross accounts.
      return slice === ADVISOR_LOADING || !sameOwner(slice.owner, action.slice.owner) ? set(action.slice) : state;
    case 'advisor-notice':
      return set({ ...slice, notice: sanitiseForTerminal(action.message) });
    case 'advisor-saved':
      if (action.error !== null) return set({ ...slice, notice: sanitiseForTerminal(`${SAVE_FAILED}: ${action.error}`) });
      return slice.notice?.startsWith(SAVE_FAILED) ? set({ ...slice, notice: null }) : state;
  }
}

/** Leaving the Advisor drops a pending reset confirmation. */
export function leaveAdvisor(slice: AdvisorSlice): AdvisorSlice {
  const q = slice.questionnaire;
  return q?.confirmReset ? { ...slice, questionnaire: { ...q, confirmReset: false } } : slice;
}
