import { describe, expect, it } from 'vitest';
import { advise, decide, loadKnowledgeBase, visibleQuestions } from '../../src/advisor/index.js';
import {
  advisorReducer,
  cursorOf,
  fromSession,
  initialAdvisorState,
  nextVisible,
  previousVisible,
  progressOf,
  sessionChanged,
  toSession,
  unselectedBecause,
  type AdvisorAction,
  type AdvisorContext,
  type AdvisorState,
} from '../../src/ui/state/advisor-view.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { dropLastChar, normaliseWorkload, WORKLOAD_MAX } from '../../src/ui/state/workload-input.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { inventoryOf, NOW } from './fixtures.js';

const kb = loadKnowledgeBase();
const ctx: AdvisorContext = { kb, proposals: {} };
const ids = kb.questions.map((q) => q.id);

function run(state: AdvisorState, ...actions: AdvisorAction[]): AdvisorState {
  return actions.reduce((s, a) => advisorReducer(s, a, ctx), state);
}

/** Highlight the choice with this value, then answer. */
function answer(state: AdvisorState, value: string, c: AdvisorContext = ctx): AdvisorState {
  const q = kb.questions.find((x) => x.id === state.currentId)!;
  const at = q.choices.findIndex((x) => x.value === value);
  expect(at, `${q.id} has ${value}`).toBeGreaterThanOrEqual(0);
  // From nothing selected, a first move selects something; then move to the wanted choice.
  let s = cursorOf(state, c) === null ? advisorReducer(state, { type: 'choice', delta: 1 }, c) : state;
  s = advisorReducer(s, { type: 'choice', delta: at - cursorOf(s, c)! }, c);
  s = advisorReducer(s, { type: 'answer' }, c);
  return s;
}

function at(id: string, answers: Record<string, string> = {}): AdvisorState {
  return { ...initialAdvisorState(kb), currentId: id, answers };
}

describe('advisor view state: navigation', () => {
  it('starts at the first question; forward and back walk the visible questions', () => {
    let s = initialAdvisorState(kb);
    expect(s.currentId).toBe(ids[0]);
    s = run(s, { type: 'back' });
    expect(s.currentId).toBe(ids[0]); // nothing before the first
    s = run(s, { type: 'forward' }, { type: 'forward' });
    expect(s.currentId).toBe(ids[2]);
    expect(s.answers).toEqual({}); // moving never answers
    s = run(s, { type: 'back' });
    expect(s.currentId).toBe(ids[1]);
  });

  it('answering records the value and moves to the next question; the cursor moves with j/k and clamps', () => {
    let s = initialAdvisorState(kb);
    const q0 = kb.questions[0];
    expect(cursorOf(s, ctx)).toBeNull();
    // From nothing selected, up lands on the last choice; then it clamps at the first.
    s = run(s, { type: 'choice', delta: -1 });
    expect(cursorOf(s, ctx)).toBe(q0.choices.length - 1);
    s = run(s, { type: 'choice', delta: -99 });
    expect(cursorOf(s, ctx)).toBe(0);
    s = run(s, { type: 'choice', delta: 1 }, { type: 'choice', delta: 99 });
    expect(cursorOf(s, ctx)).toBe(q0.choices.length - 1);
    s = run(s, { type: 'answer' });
    expect(s.answers[q0.id]).toBe(q0.choices[q0.choices.length - 1].value);
    expect(s.currentId).toBe(ids[1]);
    // Back on an answered question, the cursor sits on the given answer.
    s = run(s, { type: 'back' });
    expect(cursorOf(s, ctx)).toBe(q0.choices.length - 1);
  });

  it('after the last visible question comes the recommendation; back returns to that question', () => {
    let s = at(ids[ids.length - 1]);
    s = run(s, { type: 'forward' });
    expect(s.showResult).toBe(true);
    s = run(s, { type: 'back' });
    expect(s.showResult).toBe(false);
    expect(s.currentId).toBe(ids[ids.length - 1]);
    s = answer(s, kb.questions[ids.length - 1].choices[0].value);
    expect(s.showResult).toBe(true);
  });

  it('the inventory suggestion only places the cursor: moving on does not answer, Enter does', () => {
    const c: AdvisorContext = { kb, proposals: { 'existing-ca': 'both' } };
    let s = at('existing-ca');
    expect(kb.questions[1].choices[cursorOf(s, c)!].value).toBe('both');
    s = advisorReducer(s, { type: 'forward' }, c);
    expect(s.answers).toEqual({});
    s = advisorReducer(s, { type: 'back' }, c);
    s = advisorReducer(s, { type: 'answer' }, c);
    expect(s.answers['existing-ca']).toBe('both');
  });

  it('a question with no suggestion starts with nothing selected, and Enter there answers nothing and says so', () => {
    const c: AdvisorContext = { kb, proposals: {} };
    let s = at('onprem-ca-mandated');
    expect(cursorOf(s, c)).toBeNull();
    expect(unselectedBecause(s, c)).toBe('no-suggestion');
    s = advisorReducer(s, { type: 'answer' }, c);
    expect(s.answers).toEqual({});
    expect(s.currentId).toBe('onprem-ca-mandated');
    expect(s.nothingChosen).toBe(true);
    s = advisorReducer(s, { type: 'choice', delta: 1 }, c);
    expect(s.nothingChosen).toBeUndefined();
    expect(cursorOf(s, c)).toBe(0);
    s = advisorReducer(s, { type: 'answer' }, c);
    expect(s.answers).toEqual({ 'onprem-ca-mandated': 'yes' });
  });

  it('a question that can block or limit adoption is never answered by Enter alone, even with a suggestion; ↓ selects the suggestion', () => {
    const c: AdvisorContext = { kb, proposals: { 'aws-integrated-endpoints': 'partly', 'existing-ca': 'both' } };
    let s = initialAdvisorState(kb);
    expect(cursorOf(s, c)).toBeNull();
    expect(unselectedBecause(s, c)).toBe('decisive');
    s = advisorReducer(s, { type: 'answer' }, c);
    expect(s.answers).toEqual({});
    s = advisorReducer(s, { type: 'choice', delta: 1 }, c);
    expect(kb.questions[0].choices[cursorOf(s, c)!].value).toBe('partly');
  });

  it('Enter pressed through the whole questionnaire answers nothing that decides, so the verdict stays undecided', () => {
    const c: AdvisorContext = { kb, proposals: { 'aws-integrated-endpoints': 'partly', 'existing-ca': 'both', 'certificate-pinning': 'none' } };
    let s = initialAdvisorState(kb);
    for (let i = 0; i < kb.questions.length + 5; i++) s = advisorReducer(s, { type: 'answer' }, c);
    expect(s.answers).toEqual({});
    expect(decide(kb, { workload: null, answers: s.answers }).verdict).toBe('undecided');
  });
});

describe('advisor view state: branching', () => {
  it('an answer that makes a later question irrelevant skips it; changing it back brings it back', () => {
    let s = at('private-key-export');
    s = answer(s, 'yes');
    expect(s.currentId).toBe('key-export-route');
    s = answer(s, 'acme');
    expect(s.currentId).toBe('non-aws-cdn');
    const withRoute = progressOf(kb, s).visible.length;

    // Go back twice and change the earlier answer: the follow-up question disappears.
    s = run(s, { type: 'back' }, { type: 'back' });
    expect(s.currentId).toBe('private-key-export');
    s = answer(s, 'no');
    expect(s.currentId).toBe('non-aws-cdn');
    expect(progressOf(kb, s).visible.length).toBe(withRoute - 1);
    expect(previousVisible(kb, s, 'non-aws-cdn')!.id).toBe('private-key-export');
    // The stale answer stays in the session but is dropped from the advice.
    expect(s.answers['key-export-route']).toBe('acme');
    const advice = advise(kb, { workload: null, answers: s.answers }, inventoryOf([], ['us-east-1']), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(advice.answers.map((a) => a.id)).not.toContain('key-export-route');
    expect(progressOf(kb, s).answered).toBe(1); // only visible questions count: private-key-export

    s = run(s, { type: 'back' });
    s = answer(s, 'yes');
    expect(s.currentId).toBe('key-export-route');
    expect(cursorOf(s, ctx)).toBe(kb.questions.find((q) => q.id === 'key-export-route')!.choices.findIndex((c) => c.value === 'acme'));
  });

  it('next/previous skip hidden questions from any position, even one that was just hidden', () => {
    const answers = { 'existing-ca': 'none' };
    const visible = visibleQuestions(kb, { workload: null, answers }).map((q) => q.id);
    expect(visible).not.toContain('replace-internal-ca');
    expect(nextVisible(kb, { workload: null, answers }, 'import-prerequisites')!.id).toBe(visible[visible.indexOf('import-prerequisites') + 1]);
    // Standing on a hidden question, forward still finds the next visible one.
    const s = run(at('replace-internal-ca', answers), { type: 'forward' });
    expect(s.currentId).toBe('certificate-pinning');
  });
});

describe('advisor view state: sessions', () => {
  const session = (currentQuestionId: string | null, answers: Record<string, string>) => ({ version: 1 as const, workload: 'shop', answers, currentQuestionId, savedAt: NOW.toISOString() });

  it('resumes at the saved question with the saved answers', () => {
    const s = fromSession(kb, session('mature-process', { 'aws-integrated-endpoints': 'yes', 'existing-ca': 'none' }));
    expect(s.currentId).toBe('mature-process');
    expect(s.answers).toEqual({ 'aws-integrated-endpoints': 'yes', 'existing-ca': 'none' });
    expect(s.workload).toBe('shop');
    expect(s.showResult).toBe(false);
  });

  it('a finished session resumes at the recommendation (back returns to the last question); a partial one at the first unanswered', () => {
    const all = Object.fromEntries(kb.questions.map((x) => [x.id, x.choices[0].value]));
    let s = fromSession(kb, session(null, all));
    expect(s.showResult).toBe(true);
    s = run(s, { type: 'back' });
    expect(s.currentId).toBe(visibleQuestions(kb, { workload: null, answers: all }).at(-1)!.id);
    const partial = fromSession(kb, session(null, { 'aws-integrated-endpoints': 'yes' }));
    expect(partial.showResult).toBe(false);
    expect(partial.currentId).toBe(ids[1]);
  });

  it('unknown ids and values are dropped; a stale or hidden saved question resumes at the first unanswered one', () => {
    const s = fromSession(kb, session('no-such-question', { 'aws-integrated-endpoints': 'yes', bogus: 'x', 'existing-ca': 'nonsense' }));
    expect(s.answers).toEqual({ 'aws-integrated-endpoints': 'yes' });
    expect(s.currentId).toBe('existing-ca');
    const hidden = fromSession(kb, session('key-export-route', { 'private-key-export': 'no' }));
    expect(hidden.currentId).toBe(ids[0]);
    expect(fromSession(kb, null)).toEqual(initialAdvisorState(kb));
  });

  it('toSession saves the position (null at the recommendation); sessionChanged notices answers and moves only', () => {
    const a = at('existing-ca', { 'aws-integrated-endpoints': 'yes' });
    expect(toSession(a, 'T')).toEqual({ version: 1, workload: null, answers: { 'aws-integrated-endpoints': 'yes' }, currentQuestionId: 'existing-ca', savedAt: 'T' });
    expect(toSession({ ...a, showResult: true }, 'T').currentQuestionId).toBeNull();
    expect(sessionChanged(a, { ...a, cursor: 2 })).toBe(false);
    expect(sessionChanged(a, { ...a, answers: { 'aws-integrated-endpoints': 'yes' } })).toBe(false);
    expect(sessionChanged(a, { ...a, answers: { 'aws-integrated-endpoints': 'none' } })).toBe(true);
    expect(sessionChanged(a, { ...a, currentId: 'onprem-ca-mandated' })).toBe(true);
  });

  it('reset needs confirmation', () => {
    let s = at('existing-ca', { 'aws-integrated-endpoints': 'yes' });
    s = run(s, { type: 'reset-request' });
    expect(s.confirmReset).toBe(true);
    expect(run(s, { type: 'reset-cancel' }).answers).toEqual({ 'aws-integrated-endpoints': 'yes' });
    s = run(s, { type: 'reset-confirm' });
    expect(s).toEqual(initialAdvisorState(kb));
    expect(run(at('existing-ca'), { type: 'reset-confirm' }).currentId).toBe('existing-ca'); // no request, no reset
  });
});

describe('advisor view state: the workload name', () => {
  it('naming the workload is a saved change; a reset clears the answers but keeps the name', () => {
    const a = at('existing-ca', { 'aws-integrated-endpoints': 'yes' });
    let s = run(a, { type: 'workload', name: 'shop-frontend' });
    expect(s.workload).toBe('shop-frontend');
    expect(s.currentId).toBe('existing-ca');
    expect(sessionChanged(a, s)).toBe(true);
    expect(toSession(s, 'T').workload).toBe('shop-frontend');
    expect(run(s, { type: 'workload', name: 'shop-frontend' })).toBe(s); // the same name: no change, nothing saved
    expect(run(s, { type: 'workload', name: null }).workload).toBeNull();
    s = run(s, { type: 'reset-request' }, { type: 'reset-confirm' });
    expect(s.answers).toEqual({});
    expect(s.workload).toBe('shop-frontend');
  });

  it('the name is sanitised, trimmed and at most 100 characters; blank clears it', () => {
    expect(normaliseWorkload('  shop-frontend \t')).toBe('shop-frontend');
    expect(normaliseWorkload('   ')).toBeNull();
    expect(normaliseWorkload('')).toBeNull();
    expect(normaliseWorkload('evil\u202eabc')).toBe('evil\uFFFDabc');
    expect(normaliseWorkload('a\u001b[31mred')).toBe('a\uFFFDred');
    const long = normaliseWorkload(`  ${'x'.repeat(150)}`)!;
    expect(long).toBe('x'.repeat(WORKLOAD_MAX));
    expect([...normaliseWorkload('😀'.repeat(120))!]).toHaveLength(WORKLOAD_MAX); // never half a character
    expect(dropLastChar('ab😀')).toBe('ab');
  });

  it('the prompt: start puts the app in prompt mode with the current name, typing is capped, end closes it', () => {
    let s = reducer(initialState(), { type: 'view', view: 'advisor' });
    s = reducer(s, { type: 'workload-edit-start', value: 'shop' });
    expect(s.mode).toBe('prompt');
    expect(s.workloadDraft).toBe('shop');
    s = reducer(s, { type: 'workload-edit-input', value: 'shop-q1' });
    expect(s.workloadDraft).toBe('shop-q1');
    const full = reducer(s, { type: 'workload-edit-input', value: 'y'.repeat(WORKLOAD_MAX) });
    expect(reducer(full, { type: 'workload-edit-input', value: 'y'.repeat(WORKLOAD_MAX + 1) })).toBe(full);
    s = reducer(s, { type: 'workload-edit-end' });
    expect(s.mode).toBe('normal');
    expect(s.workloadDraft).toBeNull();
    // Closed: typing does nothing, and closing again is a no-op (the Report's export prompt is not touched).
    expect(reducer(s, { type: 'workload-edit-input', value: 'x' })).toBe(s);
    const exporting = reducer({ ...s, view: 'report' }, { type: 'report-export-start', format: 'md', path: 'r.md' });
    expect(reducer(exporting, { type: 'workload-edit-end' })).toBe(exporting);
  });
});
