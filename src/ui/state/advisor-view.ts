/**
 * The Advisor view's state and its pure reducer: which question is on screen, the answers given, the
 * highlighted choice, and whether the recommendation shows. No I/O: it lives in the app state as part of
 * the advisor slice (advisor-slice.ts), and hooks/use-session-file.ts loads and saves the session.
 *
 * Navigation runs over the *visible* questions (after branching), in the knowledge base's order. Positions
 * are found by the question's place in that order, so a question that an answer change just hid never
 * strands the cursor: "next" is the first visible question after it, "back" the last one before it.
 */
import type { Advice } from '../../domain/advice.js';
import type { Answers, Evidence, KnowledgeBase, Question, SessionState } from '../../advisor/index.js';
import { isDecisive, retainKnownAnswers, visibleQuestions } from '../../advisor/index.js';

export interface AdvisorState {
  workload: string | null;
  /** Every answer given, including answers to questions a later change made irrelevant (kept, not advised on). */
  answers: Record<string, string>;
  /** The question on screen; kept while the recommendation shows, so going back returns to it. */
  currentId: string;
  /** Highlighted choice; null = the default (the given answer, else a suggestion Enter may accept, else none). */
  cursor: number | null;
  /** Enter was pressed with nothing selected: the view says why it did nothing. Cleared by any move. */
  nothingChosen?: true;
  /** The recommendation is on screen. */
  showResult: boolean;
  /** A reset was asked for and awaits confirmation. */
  confirmReset: boolean;
}

export type AdvisorAction =
  | { type: 'choice'; delta: number }
  | { type: 'answer' }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'result' }
  | { type: 'reset-request' }
  | { type: 'reset-confirm' }
  | { type: 'reset-cancel' }
  /** Name the workload (already normalised: see workload-input.ts); null clears the name. */
  | { type: 'workload'; name: string | null };

/** What the reducer needs besides the state: the questions, and the inventory's suggested answers. */
export interface AdvisorContext {
  kb: KnowledgeBase;
  /** Question id → suggested value (only ever positions the cursor; never answers). */
  proposals: Record<string, string>;
}

function answersOf(state: Pick<AdvisorState, 'workload' | 'answers'>): Answers {
  return { workload: state.workload, answers: state.answers };
}

function visibleOf(kb: KnowledgeBase, state: Pick<AdvisorState, 'workload' | 'answers'>): Question[] {
  return visibleQuestions(kb, answersOf(state));
}

function orderOf(kb: KnowledgeBase, id: string): number {
  return kb.questions.findIndex((q) => q.id === id);
}

/** The first visible question after `id` in the knowledge base's order, or null at the end. */
export function nextVisible(kb: KnowledgeBase, state: Pick<AdvisorState, 'workload' | 'answers'>, id: string): Question | null {
  const at = orderOf(kb, id);
  return visibleOf(kb, state).find((q) => orderOf(kb, q.id) > at) ?? null;
}

/** The last visible question before `id`, or null at the start. */
export function previousVisible(kb: KnowledgeBase, state: Pick<AdvisorState, 'workload' | 'answers'>, id: string): Question | null {
  const at = orderOf(kb, id);
  const before = visibleOf(kb, state).filter((q) => orderOf(kb, q.id) < at);
  return before[before.length - 1] ?? null;
}

export function initialAdvisorState(kb: KnowledgeBase): AdvisorState {
  return { workload: null, answers: {}, currentId: kb.questions[0].id, cursor: null, showResult: false, confirmReset: false };
}

/**
 * Resume from a saved session: at the saved question when it is still asked; otherwise at the first visible
 * question still unanswered, or at the recommendation when every one is answered. Unknown ids and values are dropped.
 */
export function fromSession(kb: KnowledgeBase, session: SessionState | null): AdvisorState {
  const fresh = initialAdvisorState(kb);
  if (!session) return fresh;
  const answers = retainKnownAnswers(kb, session.answers);
  const base = { ...fresh, workload: session.workload, answers };
  const visible = visibleOf(kb, base);
  if (session.currentQuestionId !== null && visible.some((q) => q.id === session.currentQuestionId)) {
    return { ...base, currentId: session.currentQuestionId };
  }
  // Finished (or a stale position): the first question still unanswered, else the recommendation.
  const unanswered = visible.find((q) => answers[q.id] === undefined);
  if (unanswered) return { ...base, currentId: unanswered.id };
  return { ...base, currentId: visible[visible.length - 1].id, showResult: true };
}

/** The session file's content for this state. */
export function toSession(state: AdvisorState, savedAt: string): SessionState {
  return { version: 1, workload: state.workload, answers: state.answers, currentQuestionId: state.showResult ? null : state.currentId, savedAt };
}

/** True when the saved session would differ (answers, position or workload). */
export function sessionChanged(a: AdvisorState, b: AdvisorState): boolean {
  if (a.workload !== b.workload || a.showResult !== b.showResult || (!b.showResult && a.currentId !== b.currentId)) return true;
  if (a.answers === b.answers) return false;
  const ka = Object.keys(a.answers);
  const kb = Object.keys(b.answers);
  return ka.length !== kb.length || ka.some((k) => a.answers[k] !== b.answers[k]);
}

export function currentQuestion(kb: KnowledgeBase, state: AdvisorState): Question {
  return kb.questions.find((q) => q.id === state.currentId) ?? kb.questions[0];
}

/**
 * Why nothing is selected on the current question, or null when something is: with no suggestion there is no
 * default to accept, and a question that can block or limit adoption is never answered by Enter alone, so a run
 * of Enter presses cannot walk into a verdict nobody chose.
 */
export function unselectedBecause(state: AdvisorState, ctx: AdvisorContext): 'no-suggestion' | 'decisive' | null {
  if (cursorOf(state, ctx) !== null) return null;
  const q = currentQuestion(ctx.kb, state);
  return q.choices.some((c) => c.value === ctx.proposals[q.id]) ? 'decisive' : 'no-suggestion';
}

/** The highlighted choice's index: explicit, else the given answer, else a suggestion Enter may accept, else null. */
export function cursorOf(state: AdvisorState, ctx: AdvisorContext): number | null {
  const q = currentQuestion(ctx.kb, state);
  const n = q.choices.length;
  if (state.cursor !== null) return Math.max(0, Math.min(n - 1, state.cursor));
  const given = q.choices.findIndex((c) => c.value === state.answers[q.id]);
  if (given >= 0) return given;
  if (isDecisive(q)) return null;
  const proposed = q.choices.findIndex((c) => c.value === ctx.proposals[q.id]);
  return proposed >= 0 ? proposed : null;
}

function goTo(state: AdvisorState, q: Question | null): AdvisorState {
  const { nothingChosen: _, ...rest } = state;
  return q ? { ...rest, currentId: q.id, cursor: null, showResult: false } : { ...rest, cursor: null, showResult: true };
}

export function advisorReducer(state: AdvisorState, action: AdvisorAction, ctx: AdvisorContext): AdvisorState {
  const { kb } = ctx;
  switch (action.type) {
    case 'choice': {
      if (state.showResult) return state;
      const q = currentQuestion(kb, state);
      const n = q.choices.length;
      const at = cursorOf(state, ctx);
      const { nothingChosen: _, ...rest } = state;
      // From nothing selected, the first move lands on the suggestion when there is one, else on an end.
      const proposed = q.choices.findIndex((c) => c.value === ctx.proposals[q.id]);
      const cursor = at === null ? (proposed >= 0 ? proposed : action.delta > 0 ? 0 : n - 1) : Math.max(0, Math.min(n - 1, at + action.delta));
      return cursor === state.cursor && !state.nothingChosen ? state : { ...rest, cursor };
    }
    case 'answer': {
      if (state.showResult) return state;
      const q = currentQuestion(kb, state);
      const at = cursorOf(state, ctx);
      // Enter with nothing selected answers nothing; the view says why.
      if (at === null) return state.nothingChosen ? state : { ...state, nothingChosen: true };
      const value = q.choices[at].value;
      const answered = { ...state, answers: { ...state.answers, [q.id]: value } };
      // Branching is re-evaluated with the new answer: what it made irrelevant is skipped.
      return goTo(answered, nextVisible(kb, answered, q.id));
    }
    case 'back':
      if (state.showResult) return { ...state, showResult: false, cursor: null };
      {
        const prev = previousVisible(kb, state, state.currentId);
        return prev ? goTo(state, prev) : state;
      }
    case 'forward':
      if (state.showResult) return state;
      return goTo(state, nextVisible(kb, state, state.currentId));
    case 'result':
      return state.showResult ? state : { ...state, showResult: true };
    case 'reset-request':
      return { ...state, confirmReset: true };
    case 'reset-confirm':
      // Every answer goes; the workload's name is not an answer and stays.
      return state.confirmReset ? { ...initialAdvisorState(kb), workload: state.workload } : state;
    case 'reset-cancel':
      return state.confirmReset ? { ...state, confirmReset: false } : state;
    case 'workload':
      return action.name === state.workload ? state : { ...state, workload: action.name };
  }
}

// ---- what the view renders -------------------------------------------------

interface ModelCommon {
  /** Visible questions and how many of them are answered. */
  total: number;
  answered: number;
  /** A problem worth a line (corrupt session ignored, save failed); already sanitised. */
  notice: string | null;
  confirmReset: boolean;
  /** The workload's name (w names it), sanitised for display; null when unnamed. */
  workload: string | null;
  /** Whose answers these are (ownerLabel), sanitised; null while unknown. */
  owner: string | null;
}

export type AdvisorModel =
  | { kind: 'error'; message: string }
  | (ModelCommon & {
      kind: 'question';
      question: Question;
      /** 1-based place among the visible questions. */
      position: number;
      /** null: nothing selected (see `unselected`). */
      cursor: number | null;
      /** Why nothing is selected, or null. */
      unselected: 'no-suggestion' | 'decisive' | null;
      /** Enter was just pressed with nothing selected. */
      nothingChosen: boolean;
      /** The value given for this question, if any. */
      answer: string | undefined;
      /** null while the inventory loads. */
      evidence: Evidence | null;
      /** The inventory load failed: the evidence is partial. */
      partial: boolean;
    })
  | (ModelCommon & {
      kind: 'result';
      advice: Advice;
      /** The decision rule's one-line summary. */
      summary: string;
      /** The inventory is still loading: the plan may still change. */
      loading: boolean;
    });

/** Count the visible questions and the answered ones among them. */
export function progressOf(kb: KnowledgeBase, state: AdvisorState): { visible: Question[]; answered: number } {
  const visible = visibleOf(kb, state);
  return { visible, answered: visible.filter((q) => state.answers[q.id] !== undefined).length };
}
