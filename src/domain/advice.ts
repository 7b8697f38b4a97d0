/** The advisor's output, shared by the engine, the TUI and the report. */
export const VERDICTS = ['adopt', 'adopt-with-exceptions', 'import-only', 'do-not-adopt'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const EFFECTS = ['blocker', 'exception', 'caution', 'favour', 'neutral'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface Reason {
  criterion: string;
  effect: Effect;
  text: string;
}

export interface Recommendation {
  verdict: Verdict;
  reasons: Reason[];
}

export interface Snippet {
  /** Fence language: yaml, hcl, json… */
  language: string;
  title: string;
  code: string;
}

export interface PlanStep {
  id: string;
  title: string;
  why: string;
  how: string[];
  snippets: Snippet[];
}

export interface Plan {
  steps: PlanStep[];
}

/** One answered question, with what the choice means, for the report. */
export interface AnsweredQuestion {
  id: string;
  prompt: string;
  value: string;
  label: string;
  effect: Effect;
  rationale: string;
}

/** A source-backed fact the advice relies on. */
export interface Fact {
  id: string;
  statement: string;
  /** What the 2020 article said, when the fact changed since. */
  changedFrom: string | null;
  source: { title: string; url: string };
  checked: string;
}

export interface Advice {
  workload: string | null;
  answers: AnsweredQuestion[];
  recommendation: Recommendation;
  plan: Plan;
}
