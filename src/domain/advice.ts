/** The advisor's output, shared by the engine, the TUI and the report. */
export const VERDICTS = ['adopt', 'adopt-with-exceptions', 'import-only', 'do-not-adopt', 'undecided'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const EFFECTS = ['blocker', 'exception', 'caution', 'favour', 'neutral'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface Reason {
  criterion: string;
  effect: Effect;
  text: string;
}

/** The decision rule that produced a verdict, quoted so a reader can check the reasoning. */
export interface DecisionRuleRef {
  id: string;
  summary: string;
}

export interface Recommendation {
  /** `undecided` while no question that can block or limit adoption is answered: no verdict from silence. */
  verdict: Verdict;
  /** True while some question that could still change the verdict is open (`unanswered`), or for `provisionalBecause`. */
  provisional: boolean;
  /** Ids of visible, unanswered questions whose answer could still change the verdict, in asking order. */
  unanswered: string[];
  /**
   * Other reasons the verdict is provisional, one sentence each: a contradiction whose sides lead to different
   * verdicts (naming each side's outcome), accounts of an organisation that could not be read.
   */
  provisionalBecause?: string[];
  rule: DecisionRuleRef;
  reasons: Reason[];
}

/** An answer to a question that the branching skipped: reported, never silently dropped. */
export interface IgnoredAnswer {
  id: string;
  value: string;
  /** Which earlier answers made the question irrelevant. */
  because: string;
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
  /** Set when no first-hand AWS source confirmed it: what remains unconfirmed. */
  unverified?: string;
  source: { title: string; url: string };
  checked: string;
}

/**
 * The longest workload name kept, in characters (code points). A name heads a report and a screen;
 * longer is a paste gone wrong, and a megabyte name once froze the app and took minutes to report.
 */
export const WORKLOAD_NAME_MAX = 100;

export interface Advice {
  workload: string | null;
  answers: AnsweredQuestion[];
  ignoredAnswers: IgnoredAnswer[];
  recommendation: Recommendation;
  plan: Plan;
}
