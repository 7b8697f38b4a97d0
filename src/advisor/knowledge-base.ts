import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { contentPath } from '../platform/content-dir.js';
import type { Fact } from '../domain/advice.js';
import {
  factsFileSchema,
  planStepsFileSchema,
  questionsFileSchema,
  referencesFileSchema,
  rulesFileSchema,
  type AwsReferences,
  type Condition,
  type DecisionRules,
  type PlanStepTemplate,
  type Question,
} from './schema.js';
import { EVIDENCE_FUNCTIONS } from './evidence.js';

export interface KnowledgeBase {
  /** In the order they are asked. */
  questions: Question[];
  decision: DecisionRules;
  planSteps: PlanStepTemplate[];
  facts: Fact[];
  /** What generated snippets may use (content/aws-references.yaml). */
  references: AwsReferences;
}

export const CONTENT_FILES = {
  questions: 'questions.yaml',
  rules: 'decision-rules.yaml',
  steps: 'plan-steps.yaml',
  facts: 'facts.yaml',
  references: 'aws-references.yaml',
} as const;

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Reads and validates one content file; any problem names the file and the path inside it. */
export function loadContentFile<S extends z.ZodType>(file: string, schema: S, dir?: string): z.infer<S> {
  const path = dir ? `${dir}/${file}` : contentPath(file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`content/${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`content/${file}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return result.data;
}

function duplicates(ids: string[]): string | undefined {
  const seen = new Set<string>();
  return ids.find((i) => (seen.has(i) ? true : (seen.add(i), false)));
}

/** Cross-file checks zod cannot express: every reference must resolve. */
export function checkReferences(kb: KnowledgeBase): void {
  const fail = (file: string, path: string, msg: string): never => {
    throw new Error(`content/${file}: ${path}: ${msg}`);
  };
  const q = CONTENT_FILES.questions;
  const dupQ = duplicates(kb.questions.map((x) => x.id));
  if (dupQ) fail(q, 'questions', `duplicate question id "${dupQ}"`);
  const dupS = duplicates(kb.planSteps.map((x) => x.id));
  if (dupS) fail(CONTENT_FILES.steps, 'steps', `duplicate step id "${dupS}"`);
  const dupF = duplicates(kb.facts.map((x) => x.id));
  if (dupF) fail(CONTENT_FILES.facts, 'facts', `duplicate fact id "${dupF}"`);

  const stepIds = new Set(kb.planSteps.map((s) => s.id));
  const position = new Map(kb.questions.map((x, i) => [x.id, i]));

  const checkCondition = (c: Condition, file: string, path: string, askedAt: number | null): void => {
    if ('answer' in c) {
      const target = kb.questions.find((x) => x.id === c.answer.question);
      if (!target) return fail(file, path, `unknown question "${c.answer.question}"`);
      // Branching may only look back: a later answer cannot decide whether to ask an earlier question.
      if (askedAt !== null && (position.get(target.id) ?? 0) >= askedAt)
        return fail(file, path, `askIf refers to "${target.id}", which is not asked earlier`);
      for (const v of c.answer.in)
        if (!target.choices.some((ch) => ch.value === v))
          fail(file, path, `"${v}" is not a value of ${target.id} (allowed: ${target.choices.map((ch) => ch.value).join(', ')})`);
    } else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, file, `${path}.all[${i}]`, askedAt));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, file, `${path}.any[${i}]`, askedAt));
    else if ('not' in c) checkCondition(c.not, file, `${path}.not`, askedAt);
  };

  kb.questions.forEach((question, qi) => {
    const base = `questions[${qi}]`;
    const dupV = duplicates(question.choices.map((c) => c.value));
    if (dupV) fail(q, `${base}.choices`, `duplicate value "${dupV}"`);
    question.choices.forEach((choice, ci) =>
      choice.planSteps.forEach((s, si) => {
        if (!stepIds.has(s)) fail(q, `${base}.choices[${ci}].planSteps[${si}]`, `unknown plan step "${s}"`);
      }),
    );
    if (!(question.evidence.function in EVIDENCE_FUNCTIONS))
      fail(q, `${base}.evidence.function`, `unknown evidence function "${question.evidence.function}" (known: ${Object.keys(EVIDENCE_FUNCTIONS).join(', ')})`);
    if (question.askIf) checkCondition(question.askIf, q, `${base}.askIf`, qi);
  });

  kb.decision.rules.forEach((rule, ri) => checkCondition(rule.when, CONTENT_FILES.rules, `rules[${ri}].when`, null));
  kb.decision.contradictions.forEach((c, ci) => {
    const path = `contradictions[${ci}]`;
    checkCondition({ answer: c.answer }, CONTENT_FILES.rules, `${path}.answer`, null);
    if (c.other) checkCondition({ answer: c.other }, CONTENT_FILES.rules, `${path}.other`, null);
    if (c.inventory) checkCondition({ answer: c.inventory }, CONTENT_FILES.rules, `${path}.inventory`, null);
  });
  const dupC = duplicates(kb.decision.contradictions.map((c) => c.id));
  if (dupC) fail(CONTENT_FILES.rules, 'contradictions', `duplicate contradiction id "${dupC}"`);
  const last = kb.decision.rules[kb.decision.rules.length - 1];
  if (!('always' in last.when)) fail(CONTENT_FILES.rules, `rules[${kb.decision.rules.length - 1}]`, 'the last rule must be the default (when: { always: true })');
  for (const key of ['verdictSteps', 'excludedSteps'] as const)
    for (const [verdict, steps] of Object.entries(kb.decision[key]))
      steps.forEach((s, i) => {
        if (!stepIds.has(s)) fail(CONTENT_FILES.rules, `${key}.${verdict}[${i}]`, `unknown plan step "${s}"`);
      });
}

/** Loads every content file from `dir` (default: the package's content/), validated. Not cached. */
export function readKnowledgeBase(dir?: string): KnowledgeBase {
  const kb: KnowledgeBase = {
    questions: loadContentFile(CONTENT_FILES.questions, questionsFileSchema, dir).questions,
    decision: loadContentFile(CONTENT_FILES.rules, rulesFileSchema, dir),
    planSteps: loadContentFile(CONTENT_FILES.steps, planStepsFileSchema, dir).steps,
    facts: loadContentFile(CONTENT_FILES.facts, factsFileSchema, dir).facts,
    references: loadContentFile(CONTENT_FILES.references, referencesFileSchema, dir),
  };
  checkReferences(kb);
  return kb;
}

let cached: KnowledgeBase | undefined;

/** The validated knowledge base, read once per process. */
export function loadKnowledgeBase(): KnowledgeBase {
  cached ??= readKnowledgeBase();
  return cached;
}

/** Current, sourced facts (content/facts.yaml). */
export function loadFacts(): Fact[] {
  return loadKnowledgeBase().facts;
}
