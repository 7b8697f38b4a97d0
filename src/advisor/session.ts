import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WORKLOAD_NAME_MAX } from '../domain/advice.js';
import { describeSize } from '../domain/input-limits.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** The Advisor view's progress, saved after every answer so a restart resumes where it stopped. */
export interface SessionState {
  version: 1;
  workload: string | null;
  answers: Record<string, string>;
  /** The question on screen when saved; null when the questionnaire was finished. */
  currentQuestionId: string | null;
  /** ISO-8601. */
  savedAt: string;
}

const sessionSchema = z.object({
  version: z.literal(1),
  workload: z.string().nullable(),
  answers: z.record(z.string(), z.string()),
  currentQuestionId: z.string().nullable(),
  savedAt: z.string(),
});

/**
 * A saved session is a few kB. The file is read on the UI thread, so one far larger (edited by
 * hand, or another tool's) is set aside rather than parsed.
 */
export const SESSION_FILE_MAX_BYTES = 8 * 1024 * 1024;

export function sessionPath(configDir: string): string {
  return join(configDir, 'advisor-session.json');
}

/**
 * The saved session, or null when there is none. A corrupt or unreadable file is
 * reported through `warn` and treated as absent: losing a session must never stop the app.
 */
export function loadSession(configDir: string, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): SessionState | null {
  const path = sessionPath(configDir);
  let text: string;
  try {
    const bytes = statSync(path).size;
    if (bytes > SESSION_FILE_MAX_BYTES) {
      warn(`acm-advisor: ignoring the saved advisor session (${path}): ${describeSize(bytes)} is far larger than a session; starting afresh`);
      return null;
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`acm-advisor: cannot read the saved advisor session (${path}): ${(e as Error).message}; starting afresh`);
    return null;
  }
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(text));
    if (parsed.success) return capWorkload(parsed.data, warn);
  } catch {
    // fall through to the warning
  }
  warn(`acm-advisor: ignoring a corrupt advisor session file (${path}); starting afresh`);
  return null;
}

/** A workload name longer than any the app saves (the file was edited) is cut to the limit, with a warning. */
function capWorkload(state: SessionState, warn: (message: string) => void): SessionState {
  if (state.workload === null || state.workload.length <= WORKLOAD_NAME_MAX) return state;
  const chars = [...state.workload];
  if (chars.length <= WORKLOAD_NAME_MAX) return state;
  warn(`acm-advisor: the saved workload name was ${chars.length} characters long; keeping its first ${WORKLOAD_NAME_MAX}`);
  return { ...state, workload: chars.slice(0, WORKLOAD_NAME_MAX).join('') };
}

/** Writes the session atomically (temp file + rename), so a crash mid-write never leaves a half file. */
export function saveSession(configDir: string, state: SessionState): void {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const path = sessionPath(configDir);
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Drops answers whose id or value the current knowledge base no longer knows (content changed between runs). */
export function retainKnownAnswers(kb: KnowledgeBase, answers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of kb.questions) {
    const v = answers[q.id];
    if (v !== undefined && q.choices.some((c) => c.value === v)) out[q.id] = v;
  }
  return out;
}
