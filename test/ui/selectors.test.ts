import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import { auditForTui } from '../../src/cli/tui-hooks.js';
import { advisorSlice } from '../../src/ui/state/advisor-slice.js';
import { initialState, reducer, type Action, type AppState } from '../../src/ui/state/app-state.js';
import { adviceOf, advisorModelOf, evidenceOf, findingsOf, inventoryOf, proposalsOf } from '../../src/ui/state/selectors.js';
import { eventsFor, fixtureCertificates, NOW } from './fixtures.js';

const kb = loadKnowledgeBase();
const run = (s: AppState, ...actions: Action[]) => actions.reduce(reducer, s);
const certs = fixtureCertificates();
const events = eventsFor(certs, ['us-east-1', 'eu-west-1']);
const fresh = () => initialState(undefined, { advisor: advisorSlice(kb, null) });
const loaded = () => run(fresh(), { type: 'inventory', generation: 1, events }, { type: 'findings', generation: 1, findings: auditForTui(certs, NOW) });

describe('selectors over the app state', () => {
  it('one inventory per data change; a new load (or a later batch) gives a new one', () => {
    const s = loaded();
    const inv = inventoryOf(s, NOW);
    expect(inv.certificates).toBe(s.certificates);
    expect(inv.account?.id).toBe('123456789012');
    expect(inventoryOf(s, NOW)).toBe(inv);
    // A view switch or an advisor answer is not a data change.
    expect(inventoryOf(run(s, { type: 'view', view: 'report' }), NOW)).toBe(inv);
    const more = run(s, { type: 'inventory', generation: 1, events: [{ kind: 'warning', message: 'tags fell back' }] });
    expect(inventoryOf(more, NOW)).not.toBe(inv);
    expect(inventoryOf(more, NOW).warnings).toEqual(['tags fell back']);
  });

  it('findings: none until the audit has answered, then the audit’s', () => {
    expect(findingsOf(fresh())).toEqual([]);
    const s = loaded();
    expect(findingsOf(s)).toBe(s.findings);
  });

  it('evidence waits for the load; the suggestions come from it', () => {
    const loading = run(fresh(), { type: 'inventory', generation: 1, events: events.slice(0, 4) });
    expect(evidenceOf(loading, NOW)).toBeNull();
    expect(proposalsOf(loading, NOW)).toEqual({});
    const s = loaded();
    const ev = evidenceOf(s, NOW)!;
    expect(Object.keys(ev).sort()).toEqual(kb.questions.map((q) => q.id).sort());
    expect(evidenceOf(s, NOW)).toBe(ev);
    // The fixture's certificates sit behind a load balancer and CloudFront.
    expect(proposalsOf(s, NOW)['aws-integrated-endpoints']).toBe('yes');
  });

  it('the advice follows the answers in the state', () => {
    let s = loaded();
    const before = adviceOf(s, NOW)!;
    expect(before.answers).toEqual([]);
    // The first question can block adoption, so its suggestion is selected (↓) before Enter answers it.
    const proposals = proposalsOf(s, NOW);
    s = run(s, { type: 'view', view: 'advisor' }, { type: 'advisor', action: { type: 'choice', delta: 1 }, proposals }, { type: 'advisor', action: { type: 'answer' }, proposals });
    expect(s.advisor.questionnaire!.answers).toEqual({ 'aws-integrated-endpoints': 'yes' });
    const after = adviceOf(s, NOW)!;
    expect(after.answers.map((a) => a.id)).toEqual(['aws-integrated-endpoints']);
    const model = advisorModelOf(s, NOW);
    expect(model.kind === 'question' && model.answered).toBe(1);
  });

  it('without a knowledge base the advisor says why, and nothing else breaks', () => {
    const s = run(initialState(undefined, { advisor: advisorSlice(new Error('content/questions.yaml: bad'), null) }), { type: 'inventory', generation: 1, events });
    expect(advisorModelOf(s, NOW)).toEqual({ kind: 'error', message: expect.stringContaining('content/questions.yaml: bad') });
    expect(adviceOf(s, NOW)).toBeNull();
    expect(run(s, { type: 'advisor', action: { type: 'answer' } })).toBe(s);
  });
});

describe('the advisor slice', () => {
  it('a pending reset is cancelled by any other advisor key, and by leaving the view', () => {
    let s = run(loaded(), { type: 'view', view: 'advisor' }, { type: 'advisor', action: { type: 'answer' } });
    s = reducer(s, { type: 'advisor', action: { type: 'reset-request' } });
    expect(s.advisor.questionnaire!.confirmReset).toBe(true);
    const moved = reducer(s, { type: 'advisor', action: { type: 'forward' } });
    expect(moved.advisor.questionnaire!.confirmReset).toBe(false);
    expect(moved.advisor.questionnaire!.currentId).toBe(s.advisor.questionnaire!.currentId); // and did nothing else
    const left = reducer(s, { type: 'view', view: 'report' });
    expect(left.advisor.questionnaire!.confirmReset).toBe(false);
    const reset = reducer(s, { type: 'advisor', action: { type: 'reset-confirm' } });
    expect(reset.advisor.questionnaire!.answers).toEqual({});
  });

  it('a failed save is a notice until a save succeeds; a load warning stays', () => {
    let s = fresh();
    s = reducer(s, { type: 'advisor-saved', error: 'EACCES' });
    expect(s.advisor.notice).toBe('Could not save the advisor session: EACCES');
    s = reducer(s, { type: 'advisor-saved', error: null });
    expect(s.advisor.notice).toBeNull();
    const warned = initialState(undefined, { advisor: advisorSlice(kb, null, 'ignoring a corrupt advisor session file') });
    expect(reducer(warned, { type: 'advisor-saved', error: null })).toBe(warned);
  });

  it('survives a refresh (answers are not inventory)', () => {
    const s = run(loaded(), { type: 'view', view: 'advisor' }, { type: 'advisor', action: { type: 'answer' } });
    const r = reducer(s, { type: 'refresh' });
    expect(r.advisor).toBe(s.advisor);
    expect(r.generatedAt).toBeNull();
    expect(r.config).toBe(s.config);
  });
});
