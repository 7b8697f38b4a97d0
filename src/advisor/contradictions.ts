/**
 * Answers that cannot both hold (content/decision-rules.yaml `contradictions`), and answers to questions that
 * another answer hides. Each found one is reported as a caution naming both sides, the plan leaves out the steps
 * only one side asked for, and each side comes with the change to the answers that would make it the one that
 * holds, so the engine can show where each side leads.
 */
import type { Evidence } from './evidence.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Question } from './schema.js';

/** One side of a contradiction: what it says, and the answers that remain if it holds (null removes an answer). */
export interface Side {
  holds: string;
  change: Record<string, string | null>;
}

export interface FoundContradiction {
  id: string;
  /** Question ids whose answers are in conflict (one for an answer the inventory contradicts). */
  questions: string[];
  /** Names both sides, then says why they conflict. */
  text: string;
  /** The two ways it can be settled. */
  sides: [Side, Side];
}

function label(q: Question | undefined, value: string): string {
  const choice = q?.choices.find((c) => c.value === value);
  return choice ? `"${choice.label}" (${value})` : `"${value}"`;
}

/** An answer the branching did not use, and the earlier answers (question → value) that hid its question. */
export interface HiddenAnswer {
  q: Question;
  value: string;
  gates: Record<string, string>;
}

/**
 * Contradictions among the visible answers, between an answer and the inventory's suggestion, and between an
 * answer and the earlier answers that hide its question.
 */
export function findContradictions(
  kb: KnowledgeBase,
  given: Record<string, string>,
  evidence: Record<string, Evidence>,
  hidden: HiddenAnswer[] = [],
): FoundContradiction[] {
  const byId = new Map(kb.questions.map((q) => [q.id, q]));
  const out: FoundContradiction[] = [];
  for (const c of kb.decision.contradictions) {
    const a = given[c.answer.question];
    if (a === undefined || !c.answer.in.includes(a)) continue;
    const first = `${c.answer.question} ${label(byId.get(c.answer.question), a)}`;
    if (c.other) {
      const b = given[c.other.question];
      if (b === undefined || !c.other.in.includes(b)) continue;
      const second = `${c.other.question} ${label(byId.get(c.other.question), b)}`;
      out.push({
        id: c.id,
        questions: [c.answer.question, c.other.question],
        text: `${first} contradicts ${second}: ${c.text}`,
        sides: [
          { holds: first, change: { [c.other.question]: null } },
          { holds: second, change: { [c.answer.question]: null } },
        ],
      });
    } else if (c.inventory) {
      const p = evidence[c.inventory.question]?.proposed;
      if (!p || !c.inventory.in.includes(p.value)) continue;
      out.push({
        id: c.id,
        questions: [c.answer.question],
        text: `${first} contradicts the inventory (${p.because}): ${c.text}`,
        sides: [
          { holds: first, change: {} },
          { holds: `the inventory (${c.inventory.question} "${p.value}")`, change: { [c.inventory.question]: p.value } },
        ],
      });
    }
  }
  for (const h of hidden) {
    const gates = Object.entries(h.gates);
    if (gates.length === 0) continue;
    const gateText = gates.map(([id, v]) => `${id} ${label(byId.get(id), v)}`).join(' and ');
    const answer = `${h.q.id} ${label(h.q, h.value)}`;
    out.push({
      id: `hidden-${h.q.id}`,
      questions: [h.q.id, ...gates.map(([id]) => id)],
      text: `${answer} was answered, but ${gateText} hides that question, so the answer is not used: one of them is wrong.`,
      sides: [
        { holds: gateText, change: { [h.q.id]: null } },
        { holds: answer, change: Object.fromEntries(gates.map(([id]) => [id, null])) },
      ],
    });
  }
  return out;
}
