import { z } from 'zod';
import { EFFECTS, VERDICTS } from '../domain/advice.js';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)');
const text = z.string().trim().min(1);

export const sourceSchema = z
  .object({
    title: text,
    section: text.optional(),
    url: z.url().optional(),
    checked: isoDate,
  })
  .strict()
  .refine((s) => s.section !== undefined || s.url !== undefined, 'a source needs an article section or a URL');

/** A branching or decision condition (see decision-rules.yaml for the grammar). */
export type Condition =
  | { answer: { question: string; in: string[] } }
  | { effect: (typeof EFFECTS)[number] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** No visible question that can block or limit adoption has an answer yet. */
  | { noDecisiveAnswer: true }
  | { always: true };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ answer: z.object({ question: id, in: z.array(text).min(1) }).strict() }).strict(),
    z.object({ effect: z.enum(EFFECTS) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ noDecisiveAnswer: z.literal(true) }).strict(),
    z.object({ always: z.literal(true) }).strict(),
  ]),
);

export const choiceSchema = z
  .object({
    value: text,
    label: text,
    effect: z.enum(EFFECTS),
    explanation: text,
    planSteps: z.array(id).default([]),
  })
  .strict();

export const questionSchema = z
  .object({
    id,
    criterion: text,
    prompt: text,
    hint: text,
    why: text,
    choices: z.array(choiceSchema).min(2),
    evidence: z
      .object({
        function: id,
        proposes: text,
        note: text.optional(),
        /** Also show the renewal-load forecast (src/advisor/forecast.ts) as evidence. */
        forecast: z.boolean().optional(),
      })
      .strict(),
    askIf: conditionSchema.optional(),
    sources: z.array(sourceSchema).min(1),
  })
  .strict();

export const questionsFileSchema = z.object({ questions: z.array(questionSchema).min(1) }).strict();

export const ruleSchema = z
  .object({
    id,
    verdict: z.enum(VERDICTS),
    summary: text,
    when: conditionSchema,
  })
  .strict();

const stepsPerVerdict = z
  .object({
    adopt: z.array(id),
    'adopt-with-exceptions': z.array(id),
    'import-only': z.array(id),
    'do-not-adopt': z.array(id),
    undecided: z.array(id),
  })
  .strict();

const answerMatch = z.object({ question: id, in: z.array(text).min(1) }).strict();

/** Two answers (or an answer and the inventory's reading) that cannot both hold. */
export const contradictionSchema = z
  .object({
    id,
    answer: answerMatch,
    /** The other answer… */
    other: answerMatch.optional(),
    /** …or what the inventory suggests for a question (its evidence proposal). */
    inventory: answerMatch.optional(),
    text,
  })
  .strict()
  .refine((c) => (c.other === undefined) !== (c.inventory === undefined), 'a contradiction needs exactly one of other or inventory');

export const rulesFileSchema = z
  .object({
    rules: z.array(ruleSchema).min(1),
    contradictions: z.array(contradictionSchema).default([]),
    verdictSteps: stepsPerVerdict,
    excludedSteps: stepsPerVerdict,
  })
  .strict();

export const snippetSchema = z.object({ language: text, title: text, code: text }).strict();

export const planStepSchema = z
  .object({
    id,
    order: z.number().int(),
    title: text,
    why: text,
    findings: z.array(id).default([]),
    how: z.array(text).min(1),
    snippets: z.array(snippetSchema).default([]),
  })
  .strict();

export const planStepsFileSchema = z.object({ steps: z.array(planStepSchema).min(1) }).strict();

export const factSchema = z
  .object({
    id,
    statement: text,
    changedFrom: text.nullable(),
    /** What no first-hand AWS source confirmed on the checked date; the fact is shown as unverified. */
    unverified: text.optional(),
    source: z.object({ title: text, url: z.url() }).strict(),
    checked: isoDate,
  })
  .strict();

export const factsFileSchema = z.object({ facts: z.array(factSchema).min(1) }).strict();

export type Source = z.infer<typeof sourceSchema>;
export type Question = z.infer<typeof questionSchema>;
export type DecisionRule = z.infer<typeof ruleSchema>;
export type DecisionRules = z.infer<typeof rulesFileSchema>;
export type Contradiction = z.infer<typeof contradictionSchema>;
export type PlanStepTemplate = z.infer<typeof planStepSchema>;

const referenceSource = z.object({ title: text, url: z.url(), checked: isoDate }).strict();
const names = z.array(text).min(1);

/** content/aws-references.yaml: what generated snippets may use, each list with its source and checked date. */
export const referencesFileSchema = z
  .object({
    iam: z
      .object({
        source: referenceSource,
        actions: z.record(text, names),
        resourceKeys: names,
        resourceActions: names,
        globalKeys: names,
        deprecated: z.array(text),
        conditionsPage: referenceSource,
      })
      .strict(),
    limits: z
      .object({
        scpCharacters: z.object({ value: z.number().int().positive(), source: referenceSource }).strict(),
        eventPatternCharacters: z.object({ value: z.number().int().positive(), source: referenceSource }).strict(),
      })
      .strict(),
    eventbridge: z.object({ source: referenceSource, operators: names, requestParameters: z.record(text, names) }).strict(),
    cloudformation: z.object({ source: referenceSource, freeform: names, resources: z.record(text, names) }).strict(),
    terraform: z
      .object({
        source: referenceSource,
        metaArguments: names,
        resources: z.record(text, z.object({ arguments: names, attributes: names }).strict()),
        /** Data sources the snippets read, with the attributes they read. */
        dataSources: z.record(text, names).default({}),
      })
      .strict(),
  })
  .strict();

export type AwsReferences = z.infer<typeof referencesFileSchema>;
