import type { Advice, AnsweredQuestion, Effect, PlanStep, Reason, Snippet, Verdict } from '../domain/advice.js';
import type { Finding } from '../domain/finding.js';
import type { Inventory } from '../domain/inventory.js';
import { sanitiseForTerminal } from '../domain/text.js';
import type { Answers } from './answers.js';
import { EVIDENCE_FUNCTIONS, productionCertificates, type Evidence } from './evidence.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Condition, DecisionRule, Question } from './schema.js';

const EFFECT_RANK: Record<Effect, number> = { blocker: 0, exception: 1, caution: 2, favour: 3, neutral: 4 };

function choiceOf(q: Question, value: string | undefined) {
  return value === undefined ? undefined : q.choices.find((c) => c.value === value);
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
  if ('effect' in c)
    return kb.questions.some((q) => choiceOf(q, answers[q.id])?.effect === c.effect);
  if ('all' in c) return c.all.every((x) => evaluate(x, kb, answers, undecidedMatches));
  if ('any' in c) return c.any.some((x) => evaluate(x, kb, answers, undecidedMatches));
  return !evaluate(c.not, kb, answers, undecidedMatches);
}

/** Valid answers (known id and value) to questions that are still asked, given the earlier answers. */
function effectiveAnswers(kb: KnowledgeBase, answers: Answers): { visible: Question[]; given: Record<string, string> } {
  const visible: Question[] = [];
  const given: Record<string, string> = {};
  for (const q of kb.questions) {
    // askIf only sees earlier, still-asked questions, so a stale answer to a skipped question cannot leak in.
    if (q.askIf && !evaluate(q.askIf, kb, given, true)) continue;
    visible.push(q);
    const v = answers.answers[q.id];
    if (choiceOf(q, v)) given[q.id] = v;
  }
  return { visible, given };
}

/** The questions to ask, in order, skipping those an earlier answer made irrelevant. */
export function visibleQuestions(kb: KnowledgeBase, answers: Answers): Question[] {
  return effectiveAnswers(kb, answers).visible;
}

/** First matching decision rule (the last one is the default). */
export function decide(kb: KnowledgeBase, answers: Answers): { verdict: Verdict; rule: DecisionRule } {
  const { given } = effectiveAnswers(kb, answers);
  const rule = kb.decision.rules.find((r) => evaluate(r.when, kb, given, false)) ?? kb.decision.rules[kb.decision.rules.length - 1];
  return { verdict: rule.verdict, rule };
}

/** What the inventory and findings say about each question; proposals are suggestions for the user to confirm. */
export function collectEvidence(kb: KnowledgeBase, inventory: Inventory, findings: Finding[], now: Date): Record<string, Evidence> {
  const input = { inventory, findings, now };
  const results = new Map<string, ReturnType<(typeof EVIDENCE_FUNCTIONS)[string]>>();
  const out: Record<string, Evidence> = {};
  for (const q of kb.questions) {
    const fn = q.evidence.function;
    if (!results.has(fn)) results.set(fn, (EVIDENCE_FUNCTIONS[fn] ?? EVIDENCE_FUNCTIONS.none)(input));
    const r = results.get(fn)!;
    const lines = [...(q.evidence.note ? [q.evidence.note] : []), ...r.lines];
    if (lines.length === 0) lines.push('Nothing in the inventory bears on this question; answer from what you know.');
    const evidence: Evidence = { lines };
    const p = r.proposals?.[q.id];
    if (p && q.choices.some((c) => c.value === p.value)) evidence.proposed = { ...p };
    out[q.id] = evidence;
  }
  return out;
}

// ---- plan ---------------------------------------------------------------

const DNS_NAME = /^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+$/i;

/** Last two labels; good enough to suggest guardrail domains, which the reader must confirm anyway. */
function apexOf(name: string): string {
  return name.replace(/^\*\./, '').toLowerCase().split('.').slice(-2).join('.');
}

interface SnippetVars {
  primaryDomain: string;
  allowedDomainsJson: string;
  productionArnsJson: string;
}

function snippetVars(inventory: Inventory): SnippetVars {
  // The domain with the most distinct names is most likely the company's main one.
  const names = new Set(
    inventory.certificates.flatMap((c) => [c.domainName, ...c.subjectAlternativeNames]).filter((x): x is string => !!x && DNS_NAME.test(x)),
  );
  const counts = new Map<string, number>();
  for (const n of names) counts.set(apexOf(n), (counts.get(apexOf(n)) ?? 0) + 1);
  const apexes = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n).slice(0, 5);
  if (apexes.length === 0) apexes.push('example.com');
  const arns = productionCertificates(inventory)
    .map((c) => c.arn)
    .filter((a) => /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(a))
    .slice(0, 20);
  if (arns.length === 0) arns.push('arn:aws:acm:REGION:ACCOUNT_ID:certificate/CERTIFICATE_ID');
  return {
    primaryDomain: apexes[0],
    allowedDomainsJson: JSON.stringify(apexes.flatMap((a) => [a, `*.${a}`])).replace(/","/g, '", "'),
    productionArnsJson: JSON.stringify(arns).replace(/","/g, '", "'),
  };
}

function render(text: string, vars: SnippetVars): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? vars[k as keyof SnippetVars] : m));
}

function findingSubjects(findings: Finding[], inventory: Inventory): string {
  const names = new Map(inventory.certificates.map((c) => [c.arn, c.domainName]));
  const subjects = [...new Set(findings.map((f) => (f.certificateArn ? names.get(f.certificateArn) ?? f.certificateArn : f.title)))];
  const shown = subjects.slice(0, 5).map((s) => sanitiseForTerminal(s));
  return shown.join(', ') + (subjects.length > 5 ? ` and ${subjects.length - 5} more` : '');
}

function buildPlan(
  kb: KnowledgeBase,
  verdict: Verdict,
  answered: { q: Question; value: string }[],
  findings: Finding[],
  inventory: Inventory,
  iac: string | undefined,
): PlanStep[] {
  const triggers = new Map<string, string[]>();
  const add = (id: string, why: string) => {
    const list = triggers.get(id) ?? [];
    if (!list.includes(why)) list.push(why);
    triggers.set(id, list);
  };
  const excluded = new Set(kb.decision.excludedSteps[verdict]);
  for (const id of kb.decision.verdictSteps[verdict]) add(id, `part of every ${verdict} plan`);
  for (const { q, value } of answered)
    for (const id of choiceOf(q, value)?.planSteps ?? []) if (!excluded.has(id)) add(id, `${q.id} is "${value}"`);

  const findingsByStep = new Map<string, Finding[]>();
  for (const step of kb.planSteps) {
    const matching = findings.filter((f) => step.findings.includes(f.ruleId));
    if (matching.length === 0) continue;
    findingsByStep.set(step.id, matching);
    for (const [rule, n] of [...new Set(matching.map((f) => f.ruleId))].map((r) => [r, matching.filter((f) => f.ruleId === r).length] as const))
      add(step.id, `${n} ${rule} finding${n === 1 ? '' : 's'}`);
  }

  const vars = snippetVars(inventory);
  return kb.planSteps
    .filter((s) => triggers.has(s.id))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((s) => {
      const how = [...s.how];
      const concerned = findingsByStep.get(s.id);
      if (concerned) how.push(`Certificates concerned: ${findingSubjects(concerned, inventory)}.`);
      let snippets: Snippet[] = s.snippets.map((sn) => ({ language: sn.language, title: render(sn.title, vars), code: render(sn.code, vars) }));
      // Show only the IaC flavour the team uses, when a step offers both.
      const both = snippets.some((x) => x.language === 'hcl') && snippets.some((x) => x.language === 'yaml');
      if (both && iac === 'cloudformation') snippets = snippets.filter((x) => x.language !== 'hcl');
      if (both && iac === 'terraform') snippets = snippets.filter((x) => x.language !== 'yaml');
      return { id: s.id, title: s.title, why: `${s.why} (Here because ${triggers.get(s.id)!.join('; ')}.)`, how, snippets };
    });
}

/** Answers + inventory + findings → recommendation and ordered plan. Pure: same input, same advice. */
export function advise(kb: KnowledgeBase, answers: Answers, inventory: Inventory, findings: Finding[], now: Date): Advice {
  const { visible, given } = effectiveAnswers(kb, answers);
  const evidence = collectEvidence(kb, inventory, findings, now);
  const answered = visible.filter((q) => given[q.id] !== undefined).map((q) => ({ q, value: given[q.id] }));

  const answeredQuestions: AnsweredQuestion[] = answered.map(({ q, value }) => {
    const choice = choiceOf(q, value)!;
    const p = evidence[q.id]?.proposed;
    const agreement = p ? (p.value === value ? ` The inventory agrees: ${p.because}.` : ` Note: the inventory suggested "${p.value}" (${p.because}).`) : '';
    return { id: q.id, prompt: q.prompt, value, label: choice.label, effect: choice.effect, rationale: choice.explanation + agreement };
  });

  const { verdict } = decide(kb, answers);
  const reasons: Reason[] = answered
    .map(({ q, value }, i) => ({ q, choice: choiceOf(q, value)!, i }))
    .filter((x) => x.choice.effect !== 'neutral')
    .sort((a, b) => EFFECT_RANK[a.choice.effect] - EFFECT_RANK[b.choice.effect] || a.i - b.i)
    .map(({ q, choice }) => ({ criterion: q.id, effect: choice.effect, text: choice.explanation }));

  return {
    workload: answers.workload,
    answers: answeredQuestions,
    recommendation: { verdict, reasons },
    plan: { steps: buildPlan(kb, verdict, answered, findings, inventory, given['infrastructure-as-code']) },
  };
}
