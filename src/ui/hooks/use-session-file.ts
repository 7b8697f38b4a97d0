/**
 * The Advisor's session file, the one place the TUI touches it: read once at start (into the
 * advisor slice's initial state) and written whenever the questionnaire's answers, position or
 * workload change — an effect of the state, so no key handler or view saves anything.
 */
import { useLayoutEffect, useRef, type Dispatch } from 'react';
import { loadSession, saveSession, type KnowledgeBase, type SessionOwner } from '../../advisor/index.js';
import { advisorSlice, type AdvisorSlice } from '../state/advisor-slice.js';
import { sessionChanged, toSession, type AdvisorState } from '../state/advisor-view.js';
import type { Action } from '../state/app-state.js';

/** The advisor slice at start: the knowledge base and this owner's saved session (a corrupt one is ignored, with a notice). */
export function readAdvisorSlice(configDir: string, kb: KnowledgeBase | Error, owner: SessionOwner): AdvisorSlice {
  if (kb instanceof Error) return advisorSlice(kb, null);
  const warnings: string[] = [];
  const session = loadSession(configDir, owner, (m) => warnings.push(m));
  return { ...advisorSlice(kb, session, warnings.length > 0 ? warnings.join(' ') : null), owner };
}

/**
 * Saves the session when the questionnaire changes in a way the file records (answers, position,
 * workload — not the highlighted choice). The starting state is what was read, so nothing is written
 * until the user changes something. Saved synchronously after the frame that shows the change
 * (atomic `saveSession`; the file is small), so quitting right after an answer never loses it.
 */
export function useSessionSaver(configDir: string, owner: SessionOwner | null, questionnaire: AdvisorState | null, dispatch: Dispatch<Action>): void {
  const saved = useRef({ owner, questionnaire });
  useLayoutEffect(() => {
    const { owner: ownerBefore, questionnaire: before } = saved.current;
    saved.current = { owner, questionnaire };
    // Another owner's session was just read (the account changed): nothing of it has changed yet.
    if (ownerBefore !== owner) return;
    if (!owner || !before || !questionnaire || before === questionnaire || !sessionChanged(before, questionnaire)) return;
    try {
      saveSession(configDir, owner, toSession(questionnaire, new Date().toISOString()));
      dispatch({ type: 'advisor-saved', error: null });
    } catch (e) {
      dispatch({ type: 'advisor-saved', error: (e as Error).message });
    }
  }, [configDir, owner, questionnaire, dispatch]);
}
