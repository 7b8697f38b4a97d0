import { parse, stringify } from 'yaml';
import { WORKLOAD_NAME_MAX } from '../domain/advice.js';
import { InputError } from '../domain/errors.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** A parsed answers file: question id → chosen value. A missing id is unanswered. */
export interface Answers {
  workload: string | null;
  answers: Record<string, string>;
}

const quote = (v: unknown) => JSON.stringify(v) ?? String(v);

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${quote(v)}`;
}

/**
 * Parses an answers file (YAML `answers: {id: value}` plus optional `workload`).
 * Any problem is an InputError with one line naming the id and what is allowed.
 */
export function parseAnswers(text: string, kb: KnowledgeBase): Answers {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const first = (e as Error).message.split('\n')[0].replace(/:\s*$/, '');
    throw new InputError(`answers file is not valid YAML: ${first}`);
  }
  if (doc === null || doc === undefined) return { workload: null, answers: {} };
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new InputError(`answers file must be a mapping with "answers" (and optional "workload"), got ${describe(doc)}`);

  const top = doc as Record<string, unknown>;
  for (const key of Object.keys(top))
    if (key !== 'answers' && key !== 'workload') throw new InputError(`answers file: unknown key ${quote(key)} (allowed: answers, workload)`);

  let workload: string | null = null;
  if (top.workload !== undefined && top.workload !== null) {
    if (typeof top.workload !== 'string' && typeof top.workload !== 'number')
      throw new InputError(`workload: expected a name, got ${describe(top.workload)}`);
    workload = String(top.workload).trim() || null;
    const length = workload === null ? 0 : [...workload].length;
    if (length > WORKLOAD_NAME_MAX) throw new InputError(`workload: the name is ${length} characters long; at most ${WORKLOAD_NAME_MAX} are allowed`);
  }

  const answers: Record<string, string> = {};
  const raw = top.answers;
  if (raw === undefined || raw === null) return { workload, answers };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`answers: expected a mapping of question id to value, got ${describe(raw)}`);

  const byId = new Map(kb.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const question = byId.get(id);
    if (!question) throw new InputError(`answers: unknown question id ${quote(id)} (known ids: ${kb.questions.map((q) => q.id).join(', ')})`);
    const allowed = question.choices.map((c) => c.value);
    if (value === null || value === undefined) continue; // left empty: unanswered
    if (typeof value !== 'string')
      throw new InputError(`answers.${id}: expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    const v = value.trim();
    if (v === '') continue;
    if (!allowed.includes(v)) throw new InputError(`answers.${id}: ${quote(v)} is not allowed (allowed: ${allowed.join(', ')})`);
    answers[id] = v;
  }
  return { workload, answers };
}

/** The answers template `acm-advisor questions` prints: valid YAML, every id present and unanswered. */
export function answersTemplate(kb: KnowledgeBase): string {
  const out: string[] = [
    '# acm-advisor answers file',
    '# Fill in a value after each question id you can answer; leave the rest empty',
    '# (unanswered). Then run: acm-advisor report --answers FILE',
    '# Some questions only matter after certain answers; the report ignores them otherwise.',
    '',
    '# A name for the workload this assessment is about (optional).',
    'workload:',
    '',
    'answers:',
  ];
  for (const q of kb.questions) {
    out.push(`  # ${q.prompt}`);
    out.push(`  # allowed: ${q.choices.map((c) => c.value).join(' | ')} (${q.hint})`);
    out.push(`  ${q.id}:`);
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/**
 * The answers as the answers file `report --answers` reads: what the Advisor saved, written for the CLI. Only the
 * ids and values the knowledge base knows are written (in its order); `whose` names the account and profile in a
 * comment, so the file says where it came from.
 */
export function answersToYaml(kb: KnowledgeBase, answers: Answers, whose: string): string {
  const known: Record<string, string> = {};
  for (const q of kb.questions) {
    const v = answers.answers[q.id];
    if (v !== undefined && q.choices.some((c) => c.value === v)) known[q.id] = v;
  }
  // One comment line: a name with a newline must not end the comment and start YAML.
  const oneLine = whose.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  const head = ['# acm-advisor answers file, written by the Advisor', `# Answers of ${oneLine}`, '# Use it with: acm-advisor report --answers FILE', ''];
  return `${head.join('\n')}${stringify({ workload: answers.workload, answers: known })}`;
}
