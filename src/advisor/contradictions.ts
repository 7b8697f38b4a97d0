/**
 * Answers that cannot both hold (content/decision-rules.yaml `contradictions`). Each found one is reported as a
 * caution naming both sides, and the plan leaves out the steps only one side asked for.
 */
import type { Evidence } from './evidence.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Question } from './schema.js';

export interface FoundContradiction {
  id: string;
  /** Question ids whose answers are in conflict (one for an answer the inventory contradicts). */
  questions: string[];
  /** Names both sides, then says why they conflict. */
  text: string;
}

function label(q: Question | undefined, value: string): string {
  const choice = q?.choices.find((c) => c.value === value);
  return choice ? `"${choice.label}" (${value})` : `"${value}"`;
}

/** Contradictions among the visible answers, and between an answer and the inventory's suggestion. */
export function findContradictions(kb: KnowledgeBase, given: Record<string, string>, evidence: Record<string, Evidence>): FoundContradiction[] {
  const byId = new Map(kb.questions.map((q) => [q.id, q]));
  const out: FoundContradiction[] = [];
  for (const c of kb.decision.contradictions) {
    const a = given[c.answer.question];
    if (a === undefined || !c.answer.in.includes(a)) continue;
    const first = `${c.answer.question} ${label(byId.get(c.answer.question), a)}`;
    if (c.other) {
      const b = given[c.other.question];
      if (b === undefined || !c.other.in.includes(b)) continue;
      out.push({
        id: c.id,
        questions: [c.answer.question, c.other.question],
        text: `${first} contradicts ${c.other.question} ${label(byId.get(c.other.question), b)}: ${c.text}`,
      });
    } else if (c.inventory) {
      const p = evidence[c.inventory.question]?.proposed;
      if (!p || !c.inventory.in.includes(p.value)) continue;
      out.push({
        id: c.id,
        questions: [c.answer.question],
        text: `${first} contradicts the inventory (${p.because}): ${c.text}`,
      });
    }
  }
  return out;
}
