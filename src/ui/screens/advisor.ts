/**
 * The Advisor (key 4): choosing and answering, moving between questions, the recommendation, the reset
 * (X, then y) and the workload-name prompt (w). Everything is an action on the advisor slice; the
 * session file follows the state by itself (hooks/use-session-file.ts).
 */
import { answersToYaml, ownerLabel } from '../../advisor/index.js';
import { writeExport } from '../export-file.js';
import type { Command } from '../keymap.js';
import type { AdvisorAction } from '../state/advisor-view.js';
import { proposalsOf } from '../state/selectors.js';
import { dropLastChar, normaliseWorkload } from '../state/workload-input.js';
import type { CommandHandler, ScreenKeys } from './context.js';

/** An advisor action; choosing and answering read the inventory's suggestions (they place the cursor). */
const advisor =
  (action: AdvisorAction): CommandHandler =>
  (c) =>
    c.act({ type: 'advisor', action, proposals: proposalsOf(c.state, c.now) });

const QUESTIONNAIRE: Partial<Record<Command, CommandHandler>> = {
  'advisor.choice-down': advisor({ type: 'choice', delta: 1 }),
  'advisor.choice-up': advisor({ type: 'choice', delta: -1 }),
  'advisor.answer': advisor({ type: 'answer' }),
  'advisor.back': advisor({ type: 'back' }),
  'advisor.forward': advisor({ type: 'forward' }),
  'advisor.result': advisor({ type: 'result' }),
  'advisor.reset': advisor({ type: 'reset-request' }),
  'advisor.reset-confirm': advisor({ type: 'reset-confirm' }),
  'advisor.reset-cancel': advisor({ type: 'reset-cancel' }),
};

/** Where `e` writes the answers: beside the reports, one file per owner would be a choice nobody asked for. */
export const ANSWERS_FILE = 'acm-advisor-answers.yaml';

export const advisorKeys: ScreenKeys = {
  commands: {
    ...QUESTIONNAIRE,
    'advisor.export': (c) => {
      const { kb, questionnaire: q, owner } = c.state.advisor;
      if (!kb || !q || !owner) return;
      const content = answersToYaml(kb, { workload: q.workload, answers: q.answers }, ownerLabel(owner));
      void writeExport({ cwd: c.cwd, path: ANSWERS_FILE, content, force: false }).then((outcome) =>
        c.dispatch({
          type: 'advisor-notice',
          message:
            outcome.kind === 'exists'
              ? `${ANSWERS_FILE} already exists; it was left as it is (move it away and press e again).`
              : outcome.kind === 'written'
                ? `Wrote ${ANSWERS_FILE} (answers of ${ownerLabel(owner)}): acm-advisor report --answers ${ANSWERS_FILE}`
                : outcome.message,
        }),
      );
    },
    'advisor.workload': (c) => {
      const q = c.state.advisor.questionnaire;
      if (!q) return;
      // w while a reset awaits its y cancels the reset and opens nothing.
      if (q.confirmReset) c.act({ type: 'advisor', action: { type: 'reset-cancel' } });
      else c.act({ type: 'workload-edit-start', value: q.workload ?? '' });
    },
    'advisor.workload-save': (c) => {
      const draft = c.state.workloadDraft;
      // Sanitised, trimmed, at most 100 characters; empty clears the name.
      if (draft !== null) c.act({ type: 'advisor', action: { type: 'workload', name: normaliseWorkload(draft) } });
      c.act({ type: 'workload-edit-end' });
    },
    'advisor.workload-cancel': (c) => c.act({ type: 'workload-edit-end' }),
    'advisor.workload-backspace': (c) => {
      const draft = c.state.workloadDraft;
      if (draft !== null) c.act({ type: 'workload-edit-input', value: dropLastChar(draft) });
    },
  },
  text: (c, text) => {
    const draft = c.state.workloadDraft;
    if (draft !== null) c.act({ type: 'workload-edit-input', value: draft + text });
  },
};
