import type { Advice, AnsweredQuestion, Effect, IgnoredAnswer, Reason, Recommendation, Verdict } from '../domain/advice.js';
import type { Finding } from '../domain/finding.js';
import type { Inventory } from '../domain/inventory.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import type { AuditConfig } from '../domain/thresholds.js';
import type { Answers } from './answers.js';
import { findContradictions, type FoundContradiction } from './contradictions.js';
import { EVIDENCE_FUNCTIONS, estateOf, type Evidence } from './evidence.js';
import { forecastLines, forecastRenewalLoad, type RenewalForecast } from './forecast.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { buildPlan } from './plan.js';
import type { Condition, DecisionRule, Question } from './schema.js';

const EFFECT_RANK: Record<Effect, number> = { blocker: 0, exception: 1, caution: 2, favour: 3, neutral: 4 };

export function choiceOf(q: Question, value: string | undefined) {
  return value === undefined ? undefined : q.choices.find((c) => c.value === value);
}

/** A question that can block or limit adoption: some choice is a blocker or an exception. */
export function isDecisive(q: Question): boolean {
  return q.choices.some((c) => c.effect === 'blocker' || c.effect === 'exception');
}

/**
 * `undecidedMatches`: for branching an unanswered question counts as a match (ask
 * rather than guess); for decision rules it does not (no verdict from silence).
 */
function evaluate(c: Condition, kb: KnowledgeBase, answers: Record<string, string>, undecidedMatches: boolean): boolean {
  if ('always' in c) return true;
  if ('answer' in c) {
    const v = answers[c.answer.question];
    return v === undefined ? undecidedMatches : c.answer.in.includes(v);
  }
  if ('effect' in c) return kb.questions.some((q) => choiceOf(q, answers[q.id])?.effect === c.effect);
  if ('noDecisiveAnswer' in c) return !kb.questions.some((q) => isDecisive(q) && answers[q.id] !== undefined);
  if ('all' in c) return c.all.every((x) => evaluate(x, kb, answers, undecidedMatches));
  if ('any' in c) return c.any.some((x) => evaluate(x, kb, answers, undecidedMatches));
  return !evaluate(c.not, kb, answers, undecidedMatches);
}

interface Effective {
  visible: Question[];
  /** Valid answers to visible questions. */
  given: Record<string, string>;
  /** Valid answers to questions the branching skipped. */
  skipped: { q: Question; value: string }[];
}

/** Valid answers (known id and value) to questions that are still asked, given the earlier answers. */
function effectiveAnswers(kb: KnowledgeBase, answers: Record<string, string>): Effective {
  const visible: Question[] = [];
  const given: Record<string, string> = {};
  const skipped: Effective['skipped'] = [];
  for (const q of kb.questions) {
    const v = answers[q.id];
    // askIf only sees earlier, still-asked questions, so a stale answer to a skipped question cannot leak in.
    if (q.askIf && !evaluate(q.askIf, kb, given, true)) {
      if (choiceOf(q, v)) skipped.push({ q, value: v });
      continue;
    }
    visible.push(q);
    if (choiceOf(q, v)) given[q.id] = v;
  }
  return { visible, given, skipped };
}

/** The questions to ask, in order, skipping those an earlier answer made irrelevant. */
export function visibleQuestions(kb: KnowledgeBase, answers: Answers): Question[] {
  return effectiveAnswers(kb, answers.answers).visible;
}

function firstRule(kb: KnowledgeBase, given: Record<string, string>): DecisionRule {
  return kb.decision.rules.find((r) => evaluate(r.when, kb, given, false)) ?? kb.decision.rules[kb.decision.rules.length - 1];
}

/**
 * Whether some answer to `q` (or, when that answer opens follow-up questions, some answer to those) would
 * give a different verdict. Looks two follow-ups deep: the questionnaire branches no deeper.
 */
function couldChange(kb: KnowledgeBase, answers: Record<string, string>, q: Question, verdict: Verdict, depth: number): boolean {
  const before = new Set(effectiveAnswers(kb, answers).visible.map((x) => x.id));
  for (const c of q.choices) {
    const next = { ...answers, [q.id]: c.value };
    const eff = effectiveAnswers(kb, next);
    if (firstRule(kb, eff.given).verdict !== verdict) return true;
    if (depth > 0)
      for (const f of eff.visible)
        if (!before.has(f.id) && eff.given[f.id] === undefined && couldChange(kb, next, f, verdict, depth - 1)) return true;
  }
  return false;
}

export interface Decision {
  verdict: Verdict;
  rule: DecisionRule;
  provisional: boolean;
  /** Visible unanswered questions whose answer could still change the verdict, in asking order. */
  unanswered: string[];
}

/** First matching decision rule (the last one is the default), and which open questions could still change it. */
export function decide(kb: KnowledgeBase, answers: Answers): Decision {
  const { visible, given } = effectiveAnswers(kb, answers.answers);
  const rule = firstRule(kb, given);
  const open = visible.filter((q) => given[q.id] === undefined);
  const unanswered =
    rule.verdict === 'undecided'
      ? open.filter(isDecisive).map((q) => q.id)
      : open.filter((q) => couldChange(kb, given, q, rule.verdict, 2)).map((q) => q.id);
  return { verdict: rule.verdict, rule, provisional: unanswered.length > 0, unanswered };
}

/** What the inventory and findings say about each question; proposals are suggestions for the user to confirm. */
export function collectEvidence(kb: KnowledgeBase, inventory: Inventory, findings: Finding[], config: AuditConfig, now: Date, readEvidence: ReadEvidence = {}): Record<string, Evidence> {
  const input = { inventory, findings, config, now, readEvidence };
  const results = new Map<string, ReturnType<(typeof EVIDENCE_FUNCTIONS)[string]>>();
  const out: Record<string, Evidence> = {};
  let forecast: RenewalForecast | undefined;
  const estate = estateOf(inventory);
  const all = estate.all.size;
  const read = estate.read.size;
  for (const q of kb.questions) {
    const fn = q.evidence.function;
    if (!results.has(fn)) results.set(fn, (EVIDENCE_FUNCTIONS[fn] ?? EVIDENCE_FUNCTIONS.none)(input));
    const r = results.get(fn)!;
    const lines = [...(q.evidence.note ? [q.evidence.note] : []), ...r.lines];
    if (q.evidence.forecast) lines.push(...forecastLines((forecast ??= forecastRenewalLoad(inventory, now, null, readEvidence.trust))));
    if (lines.length === 0) lines.push('Nothing in the inventory bears on this question; answer from what you know.');
    const evidence: Evidence = { lines, ...(all > 1 ? { accounts: all, ...(read < all ? { accountsRead: read } : {}) } : {}) };
    const p = r.proposals?.[q.id];
    if (p && q.choices.some((c) => c.value === p.value)) evidence.proposed = { ...p };
    out[q.id] = evidence;
  }
  return out;
}

/** The earlier answers a skipped question's askIf looks at (question → value). */
function gatesOf(q: Question, given: Record<string, string>): Record<string, string> {
  const refs = new Set<string>();
  const walk = (c: Condition): void => {
    if ('answer' in c) refs.add(c.answer.question);
    else if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
  };
  if (q.askIf) walk(q.askIf);
  return Object.fromEntries([...refs].filter((id) => given[id] !== undefined).map((id) => [id, given[id]]));
}

/** Why a skipped question was skipped: the earlier answers its askIf looks at. */
function skippedBecause(q: Question, given: Record<string, string>): string {
  const parts = Object.entries(gatesOf(q, given)).map(([id, v]) => `${id} is "${v}"`);
  return parts.length > 0 ? `not asked because ${parts.join(' and ')}` : 'not asked after the earlier answers';
}

function contradictionReason(c: FoundContradiction): Reason {
  return { criterion: c.id, effect: 'caution', text: c.text };
}

/** The verdict the answers give once a contradiction's side is taken to hold. */
function verdictIf(kb: KnowledgeBase, answers: Record<string, string>, change: Record<string, string | null>): Verdict {
  const next = { ...answers };
  for (const [id, v] of Object.entries(change)) {
    if (v === null) delete next[id];
    else next[id] = v;
  }
  return firstRule(kb, effectiveAnswers(kb, next).given).verdict;
}

/**
 * A contradiction whose sides lead to different verdicts: the verdict rests on it, so it is provisional until
 * someone settles which side holds. One sentence naming each side's outcome.
 */
function contestedBy(kb: KnowledgeBase, answers: Record<string, string>, verdict: Verdict, c: FoundContradiction): string | null {
  const outcomes = c.sides.map((side) => ({ side, verdict: verdictIf(kb, answers, side.change) }));
  if (outcomes.every((o) => o.verdict === verdict)) return null;
  return `${c.id}: if ${outcomes[0].side.holds} holds, the verdict is ${outcomes[0].verdict}; if ${outcomes[1].side.holds} holds, it is ${outcomes[1].verdict}.`;
}

/** An answer the branching skipped that still asks for something: it contradicts the answers that hid its question. */
function conflictsWithGate(q: Question, value: string): boolean {
  const effect = choiceOf(q, value)?.effect;
  return effect !== undefined && effect !== 'neutral' && effect !== 'favour';
}

/**
 * Answers + inventory + findings → recommendation and ordered plan, judged by the audit's settings
 * (production tag, thresholds, quotas) and informed by what the read stages found (`readEvidence`:
 * src/stages/evidence.ts). Pure: same input, same advice.
 */
export function advise(kb: KnowledgeBase, answers: Answers, inventory: Inventory, findings: Finding[], config: AuditConfig, now: Date, readEvidence: ReadEvidence = {}): Advice {
  const { visible, given, skipped } = effectiveAnswers(kb, answers.answers);
  const evidence = collectEvidence(kb, inventory, findings, config, now, readEvidence);
  const answered = visible.filter((q) => given[q.id] !== undefined).map((q) => ({ q, value: given[q.id] }));

  const answeredQuestions: AnsweredQuestion[] = answered.map(({ q, value }) => {
    const choice = choiceOf(q, value)!;
    const p = evidence[q.id]?.proposed;
    const agreement = p ? (p.value === value ? ` The inventory agrees: ${p.because}.` : ` Note: the inventory suggested "${p.value}" (${p.because}).`) : '';
    return { id: q.id, prompt: q.prompt, value, label: choice.label, effect: choice.effect, rationale: choice.explanation + agreement };
  });
  const ignoredAnswers: IgnoredAnswer[] = skipped.map(({ q, value }) => ({ id: q.id, value, because: skippedBecause(q, given) }));

  const decision = decide(kb, answers);
  const hidden = skipped.filter(({ q, value }) => conflictsWithGate(q, value)).map(({ q, value }) => ({ q, value, gates: gatesOf(q, given) }));
  const contradictions = findContradictions(kb, given, evidence, hidden);
  const provisionalBecause = contradictions.map((c) => contestedBy(kb, answers.answers, decision.verdict, c)).filter((x): x is string => x !== null);
  // Across an organisation, an account that could not be read may hold what changes the verdict and the allow list.
  const estate = estateOf(inventory);
  const unreadAccounts = estate.all.size - estate.read.size;
  if (unreadAccounts > 0)
    provisionalBecause.push(
      `${unreadAccounts} of ${estate.all.size} accounts could not be read: the verdict rests on the accounts read, and the guardrails' domain allow list misses the domains the others use.`,
    );
  const reasons: Reason[] = [
    ...contradictions.map(contradictionReason),
    ...answered
      .map(({ q, value }, i) => ({ q, choice: choiceOf(q, value)!, i }))
      .filter((x) => x.choice.effect !== 'neutral')
      .sort((a, b) => EFFECT_RANK[a.choice.effect] - EFFECT_RANK[b.choice.effect] || a.i - b.i)
      .map(({ q, choice }) => ({ criterion: q.id, effect: choice.effect, text: choice.explanation })),
  ];
  // Contradictions are cautions, so they sit after blockers and exceptions and before other cautions.
  reasons.sort((a, b) => EFFECT_RANK[a.effect] - EFFECT_RANK[b.effect]);

  const recommendation: Recommendation = {
    verdict: decision.verdict,
    provisional: decision.provisional || (decision.verdict !== 'undecided' && provisionalBecause.length > 0),
    unanswered: decision.unanswered,
    ...(provisionalBecause.length > 0 ? { provisionalBecause } : {}),
    rule: { id: decision.rule.id, summary: decision.rule.summary },
    reasons,
  };
  return {
    workload: answers.workload,
    answers: answeredQuestions,
    ignoredAnswers,
    recommendation,
    plan: { steps: buildPlan({ kb, verdict: decision.verdict, answered, contradictions, findings, inventory, iac: given['infrastructure-as-code'], given, productionTag: config.productionTag, unreadAccounts, readEvidence }) },
  };
}
