/**
 * The Advisor's workload-name prompt (key w): the draft being typed, as pure state in the App's reducer.
 * While it is open the app is in 'prompt' mode, so every printable key is text (see keymap.ts);
 * Enter hands `normaliseWorkload(draft)` to the advisor session, which saves it at once.
 */
import { WORKLOAD_NAME_MAX } from '../../domain/advice.js';
import { sanitiseForTerminal } from '../../domain/text.js';

/** The longest workload name kept (in characters): the same limit as the answers file's. */
export const WORKLOAD_MAX = WORKLOAD_NAME_MAX;

export type WorkloadInputAction =
  | { type: 'workload-edit-start'; value: string }
  | { type: 'workload-edit-input'; value: string }
  | { type: 'workload-edit-end' };

/** At most `max` characters (code points, so a pasted emoji is never cut in half). */
function take(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max).join('');
}

/** The name as saved: sanitised for the terminal, trimmed, at most WORKLOAD_MAX characters; empty → null (no name). */
export function normaliseWorkload(draft: string): string | null {
  const name = take(sanitiseForTerminal(draft).trim(), WORKLOAD_MAX).trimEnd();
  return name === '' ? null : name;
}

/** The draft minus its last character (Backspace). */
export function dropLastChar(value: string): string {
  return [...value].slice(0, -1).join('');
}

export function workloadInputReducer<S extends { mode: string; workloadDraft: string | null }>(state: S, action: WorkloadInputAction): S {
  switch (action.type) {
    case 'workload-edit-start':
      return { ...state, mode: 'prompt', workloadDraft: take(action.value, WORKLOAD_MAX) };
    case 'workload-edit-input': {
      if (state.workloadDraft === null) return state;
      // Typing past the limit is ignored (the saved name could not hold it anyway).
      const value = take(action.value, WORKLOAD_MAX);
      return value === state.workloadDraft ? state : { ...state, workloadDraft: value };
    }
    case 'workload-edit-end':
      return state.workloadDraft === null ? state : { ...state, mode: 'normal', workloadDraft: null };
  }
}
