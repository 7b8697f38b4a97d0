import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { WORKLOAD_NAME_MAX } from '../domain/advice.js';
import { describeSize } from '../domain/input-limits.js';
import { readPrivateFile } from '../platform/private-file.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * Whose answers a session holds: the demo's are kept apart from every real account, and a real account's
 * per account (across an organisation, the account it is read from: the management account) and per profile,
 * so trying the demo or another profile never changes the answers a production report is built from.
 */
export type SessionOwner =
  | { demo: true }
  | { demo: false; accountId: string; profile: string | null; organisation: boolean; endpoint: string | null };

/** How the app names the owner: "profile prod, account 111122223333". */
export function ownerLabel(owner: SessionOwner): string {
  if (owner.demo) return 'the demo (kept apart from your accounts)';
  const where = owner.organisation ? `the organisation read from account ${owner.accountId}` : `account ${owner.accountId}`;
  return `profile ${owner.profile ?? 'default'}, ${where}${owner.endpoint ? ` at ${owner.endpoint}` : ''}`;
}

/** A file name safe on every platform: readable where the profile allows, a short hash keeps different ones apart. */
function ownerKey(owner: SessionOwner): string {
  if (owner.demo) return 'demo';
  const profile = owner.profile ?? 'default';
  const readable = profile.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(JSON.stringify([owner.accountId, profile, owner.organisation, owner.endpoint])).digest('hex').slice(0, 10);
  return `${owner.accountId.replace(/\D/g, '')}-${readable}${owner.organisation ? '-org' : ''}-${hash}`;
}

/** The Advisor view's progress, saved after every answer so a restart resumes where it stopped. */
export interface SessionState {
  version: 1;
  /** ownerLabel of the owner it was saved for; a file whose owner differs is not used. */
  owner?: string;
  workload: string | null;
  answers: Record<string, string>;
  /** The question on screen when saved; null when the questionnaire was finished. */
  currentQuestionId: string | null;
  /** ISO-8601. */
  savedAt: string;
}

const sessionSchema = z.object({
  version: z.literal(1),
  owner: z.string().optional(),
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

/** One file per owner, under <configDir>/advisor-sessions/. */
export function sessionPath(configDir: string, owner: SessionOwner): string {
  return join(configDir, 'advisor-sessions', `${ownerKey(owner)}.json`);
}

/**
 * The saved session, or null when there is none. A corrupt or unreadable file is
 * reported through `warn` and treated as absent: losing a session must never stop the app.
 */
export function loadSession(configDir: string, owner: SessionOwner, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): SessionState | null {
  const path = sessionPath(configDir, owner);
  // Opened without following a link and without blocking (a FIFO in its place must not freeze the
  // app), and read only when it is the user's own regular file that no one else may write.
  const read = readPrivateFile(path, { maxBytes: SESSION_FILE_MAX_BYTES });
  if (read.kind === 'absent') return null;
  if (read.kind === 'refused') {
    warn(
      read.tooLarge !== undefined
        ? `acm-advisor: ignoring the saved advisor session (${path}): ${describeSize(read.tooLarge)} is far larger than a session; starting afresh`
        : `acm-advisor: ignoring the saved advisor session (${path}): ${read.reason}; starting afresh (it is replaced at the next answer)`,
    );
    return null;
  }
  const text = read.text;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.owner !== undefined && parsed.data.owner !== ownerLabel(owner)) {
      warn(`acm-advisor: ignoring saved advisor answers (${path}) that belong to ${parsed.data.owner}; starting afresh`);
      return null;
    }
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
export function saveSession(configDir: string, owner: SessionOwner, state: SessionState): void {
  const path = sessionPath(configDir, owner);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ ...state, owner: ownerLabel(owner) }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
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
