/**
 * The Advisor view (key 4): one question at a time — progress, the prompt, why it matters, what this
 * account shows, the inventory's suggestion (never applied without Enter), the choices and the highlighted
 * choice's effect and explanation; after the last question, the recommendation and the plan's steps.
 * The workload's name (key w) heads both; while it is being typed, the prompt takes its place.
 *
 * A pure renderer of the model built by `advisorModelOf` (state/selectors.ts); every line is laid out here against the
 * height budget (sections shrink, choices never do), so nothing wraps past the view.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Effect } from '../../domain/advice.js';
import type { Evidence } from '../../advisor/index.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import type { AdvisorModel } from '../state/advisor-view.js';
import { wrap } from '../state/detail-lines.js';
import type { Tone } from '../state/format.js';
import { Styled } from '../theme.js';

interface AdvisorViewProps {
  model: AdvisorModel;
  width: number;
  height: number;
  /** The workload-name prompt's text while it is open (key w), else null/absent. */
  input?: string | null;
}

interface Line {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

const EFFECT_TONE: Record<Effect, Tone> = { blocker: 'danger', exception: 'warning', caution: 'warning', favour: 'ok', neutral: 'muted' };

const VERDICT_LABEL: Record<string, string> = {
  adopt: 'ADOPT',
  'adopt-with-exceptions': 'ADOPT WITH EXCEPTIONS',
  'import-only': 'IMPORT ONLY',
  'do-not-adopt': 'DO NOT ADOPT',
  undecided: 'UNDECIDED — no verdict yet',
};

const VERDICT_TONE: Record<string, Tone> = { adopt: 'ok', 'adopt-with-exceptions': 'warning', 'import-only': 'warning', 'do-not-adopt': 'danger', undecided: 'muted' };

/** Wrapped lines of `text` with a prefix on the first and an indent on the rest. */
function para(text: string, width: number, indent = 2, tone?: Tone, first = ''): Line[] {
  const body = wrap(sanitiseForTerminal(text), Math.max(8, width - indent - first.length));
  return body.map((t, i) => ({ text: ' '.repeat(indent) + (i === 0 ? first : ' '.repeat(first.length)) + t, tone }));
}

/** At most `max` lines; the last one says how much was cut. */
function clip(lines: Line[], max: number): Line[] {
  if (lines.length <= max) return lines;
  if (max <= 0) return [];
  // One line: some of the text beats a line that only counts what is hidden.
  if (max === 1) return cut(lines, 1);
  return [...lines.slice(0, max - 1), { text: `  … (${lines.length - max + 1} more lines)`, tone: 'muted' }];
}

/** At most `max` lines of one paragraph; a cut one ends in "…". */
function cut(lines: Line[], max: number): Line[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, Math.max(1, max));
  const last = kept[kept.length - 1];
  kept[kept.length - 1] = { ...last, text: `${last.text.replace(/.$/u, '')}…` };
  return kept;
}

const INPUT_LABEL = 'Workload name: ';

/**
 * The header's workload line: the prompt while it is open (its text scrolls so the end, where typing
 * goes, stays in sight), else the saved name, else nothing.
 */
function workloadLines(model: { workload: string | null; owner?: string | null }, input: string | null, width: number): Line[] {
  // Whose answers these are comes first: they are kept per account and profile, never mixed.
  const owner = model.owner ? cut(para(`Answers of ${model.owner} (e writes them for report --answers)`, width, 0, 'muted'), 1) : [];
  if (input !== null) {
    const room = Math.max(1, width - INPUT_LABEL.length - 1);
    const chars = [...sanitiseForTerminal(input)];
    const shown = chars.length <= room ? chars.join('') : `…${chars.slice(chars.length - room + 1).join('')}`;
    return [...owner, { text: `${INPUT_LABEL}${shown}█`, tone: 'accent', bold: true }];
  }
  if (model.workload === null) return owner;
  return [...owner, ...cut(para(`Workload: ${model.workload}`, width, 0, 'accent'), 1)];
}

/** Why nothing is selected, and what to press. */
const UNSELECTED = {
  'no-suggestion': 'Nothing is selected, as the inventory suggests no answer here; ↑/↓ selects one, Enter answers, → skips.',
  decisive: 'Nothing is selected, as this answer can block or limit adoption and Enter alone never gives it; ↑/↓ selects (the suggestion first), Enter answers, → skips.',
} as const;

/**
 * How many lines each shrinkable part of a question may take: the roomy layout, and the compact one used
 * when the roomy one's fixed parts would not leave its sections a line each (a 60×20 split pane).
 */
const ROOMY = { prompt: 3, hint: 2, suggestion: 3, explanation: 3, choicesHeading: true };
const COMPACT = { prompt: 2, hint: 1, suggestion: 2, explanation: 1, choicesHeading: false };
type Limits = typeof ROOMY;

function questionLines(model: Extract<AdvisorModel, { kind: 'question' }>, width: number, height: number, input: string | null = null): Line[] {
  const roomy = questionLayout(model, width, height, input, ROOMY);
  // The roomy layout draws everything it must only when that fits; else the compact one keeps every choice.
  if (roomy.fixed + 2 <= height) return roomy.lines;
  return questionLayout(model, width, height, input, COMPACT).lines;
}

function questionLayout(
  model: Extract<AdvisorModel, { kind: 'question' }>,
  width: number,
  height: number,
  input: string | null,
  limits: Limits,
): { lines: Line[]; fixed: number } {
  const q = model.question;
  const head: Line[] = [
    {
      text: `Question ${model.position} of ${model.total} · ${model.answered} answered${model.answer !== undefined ? ' · this one answered' : ''}`,
      tone: 'accent',
      bold: true,
    },
    ...cut(para(q.prompt, width, 0), limits.prompt).map((l) => ({ ...l, bold: true })),
    ...cut(para(q.hint, width, 0, 'muted'), limits.hint),
  ];
  head.unshift(...workloadLines(model, input, width));
  if (model.notice) head.unshift(...cut(para(model.notice, width, 0, 'warning'), 2));

  const suggestion: Line[] = [];
  const proposed = model.evidence?.proposed;
  const proposedChoice = proposed ? q.choices.find((c) => c.value === proposed.value) : undefined;
  if (proposed && proposedChoice) {
    const accept =
      model.answer === proposed.value
        ? 'your answer matches it'
        : model.unselected === 'decisive'
          ? '↑/↓ selects it, Enter answers'
          : 'press Enter to accept or choose another';
    suggestion.push(...cut(para(`Suggested from the inventory: "${proposedChoice.label}" — ${proposed.because} — ${accept}`, width, 2, 'accent'), limits.suggestion));
  }

  const choices: Line[] = limits.choicesHeading ? [{ text: 'Choices', bold: true }] : [];
  q.choices.forEach((c, i) => {
    const mark = model.answer === c.value ? '●' : '○';
    const tags = [model.answer === c.value ? 'your answer' : '', proposed?.value === c.value ? 'suggested' : ''].filter(Boolean).join(', ');
    choices.push({
      text: `${i === model.cursor ? '›' : ' '} ${mark} ${sanitiseForTerminal(c.label)}${tags ? `  (${tags})` : ''}`,
      inverse: i === model.cursor,
      bold: i === model.cursor,
    });
  });
  const chosen = model.cursor === null ? null : q.choices[model.cursor];
  const explanation = chosen
    ? cut(para(chosen.explanation, width, 2, EFFECT_TONE[chosen.effect], `${chosen.effect}: `), limits.explanation)
    : cut(para(`${model.nothingChosen ? 'Enter answered nothing. ' : ''}${UNSELECTED[model.unselected ?? 'no-suggestion']}`, width, 2, model.nothingChosen ? 'warning' : 'muted'), limits.explanation);

  const confirm: Line[] = model.confirmReset ? [{ text: 'Reset every answer and start again? y to confirm, any other key cancels', tone: 'warning', bold: true }] : [];

  const why = para(q.why, width);
  let evidence: Line[];
  if (model.evidence === null) evidence = [{ text: '  still loading… (the inventory is being read)', tone: 'muted' }];
  else evidence = model.evidence.lines.flatMap((l) => para(l, width, 2, undefined, '• '));
  if (model.partial) evidence.push({ text: '  (the inventory load failed: this is partial)', tone: 'warning' });

  // Budget: the fixed parts always show; "why" and the evidence share what is left.
  const fixed = head.length + 2 + suggestion.length + choices.length + explanation.length + confirm.length;
  let room = Math.max(2, height - fixed);
  const whyMax = Math.max(1, Math.min(why.length, Math.max(Math.ceil(room / 2), room - evidence.length)));
  room -= Math.min(why.length, whyMax);
  const shownWhy = clip(why, whyMax);
  const shownEvidence = clip(evidence, Math.max(1, room));

  // Blank lines between the sections when everything fits with them.
  const gap: Line[] = fixed + why.length + evidence.length + 3 <= height ? [{ text: '' }] : [];
  const lines: Line[] = [
    ...head,
    ...gap,
    { text: 'Why it matters', bold: true, tone: 'accent' },
    ...shownWhy,
    ...gap,
    { text: evidenceHeading(model.evidence), bold: true, tone: 'accent' },
    ...shownEvidence,
    ...suggestion,
    ...gap,
    ...choices,
    ...explanation,
    ...confirm,
  ];
  return { lines, fixed };
}

function resultLines(model: Extract<AdvisorModel, { kind: 'result' }>, width: number, height: number, input: string | null = null): Line[] {
  const { recommendation, plan } = model.advice;
  const unanswered = model.total - model.answered;
  const head: Line[] = [];
  if (model.notice) head.push(...cut(para(model.notice, width, 0, 'warning'), 2));
  head.push(...workloadLines(model, input, width));
  head.push({
    text: `Recommendation · ${model.answered} of ${model.total} questions answered${unanswered > 0 ? ` (${unanswered} unanswered: ← to go back)` : ''}`,
    tone: 'accent',
    bold: true,
  });
  const provisional = recommendation.verdict !== 'undecided' && recommendation.provisional ? '  (provisional)' : '';
  head.push({
    text: `Verdict: ${VERDICT_LABEL[recommendation.verdict] ?? recommendation.verdict}${provisional}`,
    tone: VERDICT_TONE[recommendation.verdict],
    bold: true,
  });
  if (recommendation.unanswered.length > 0)
    head.push(...cut(para(`Could still change it: ${recommendation.unanswered.join(', ')}`, width, 2, 'warning'), 2));
  for (const line of recommendation.provisionalBecause ?? []) head.push(...cut(para(`Provisional: ${line}`, width, 2, 'warning'), 3));
  head.push(...cut(para(`Rule ${recommendation.rule.id}: ${recommendation.rule.summary}`, width, 2), 3));
  const ignored = model.advice.ignoredAnswers;
  if (ignored.length > 0)
    head.push(...cut(para(`Ignored (no longer asked): ${ignored.map((x) => `${x.id}=${x.value}`).join(', ')}`, width, 2, 'muted'), 2));
  if (model.loading) head.push({ text: '  The inventory is still loading: the plan may still change.', tone: 'muted' });

  const reasonBlocks: Line[][] = recommendation.reasons.map((r) =>
    cut(para(r.text, width, 2, undefined, `[${r.effect}] ${r.criterion}: `), 2).map((l, i) => (i === 0 ? { ...l, tone: EFFECT_TONE[r.effect] } : l)),
  );
  if (reasonBlocks.length === 0) reasonBlocks.push([{ text: '  No answer so far limits or favours ACM.', tone: 'muted' }]);
  const reasonLines = reasonBlocks.reduce((n, b) => n + b.length, 0);
  const steps: Line[] = plan.steps.map((s, i) => ({ text: `  ${String(i + 1).padStart(2)}. ${sanitiseForTerminal(s.title)}` }));
  const tail: Line[] = [
    { text: '5 Report shows the full plan (why, how, snippets) and exports it · ← back to the questions · X reset', tone: 'muted' },
  ];
  const confirm: Line[] = model.confirmReset ? [{ text: 'Reset every answer and start again? y to confirm, any other key cancels', tone: 'warning', bold: true }] : [];

  const fixed = head.length + 2 + tail.length + confirm.length;
  let room = Math.max(2, height - fixed);
  const reasonMax = Math.max(1, Math.min(reasonLines, Math.max(Math.ceil(room / 2), room - steps.length)));
  // Whole reasons only; the last line says how many more the report lists.
  const shownReasons: Line[] = [];
  let shown = 0;
  for (const b of reasonBlocks) {
    const rest = reasonBlocks.length - shown - 1;
    if (shownReasons.length + b.length + (rest > 0 ? 1 : 0) > reasonMax) break;
    shownReasons.push(...b);
    shown++;
  }
  if (shown < reasonBlocks.length) shownReasons.push({ text: `  … and ${reasonBlocks.length - shown} more (5 Report lists them all)`, tone: 'muted' });
  room -= shownReasons.length;
  let shownSteps = steps;
  if (steps.length > Math.max(1, room)) {
    const keep = Math.max(0, room - 1);
    shownSteps = [...steps.slice(0, keep), { text: `  … and ${steps.length - keep} more steps`, tone: 'muted' }];
  }
  const gap: Line[] = room - shownSteps.length >= 2 ? [{ text: '' }] : [];
  return [
    ...head,
    ...gap,
    { text: `Reasons (${recommendation.reasons.length})`, bold: true, tone: 'accent' },
    ...shownReasons,
    ...gap,
    { text: `Plan (${plan.steps.length} steps)`, bold: true, tone: 'accent' },
    ...shownSteps,
    ...confirm,
    ...tail,
  ];
}

/**
 * The fewest lines the view can be drawn in at this width without losing a choice: laid out with no
 * height at all, it keeps only what never shrinks (the question, its choices, the explanation) plus
 * one line for each section that does.
 */
export function advisorMinRows(model: AdvisorModel, width: number, input: string | null = null): number {
  if (model.kind === 'error') return 1;
  if (model.kind === 'result') return resultLines(model, width, 0, input).length;
  return questionLayout(model, width, 0, input, COMPACT).lines.length;
}

export function AdvisorView(props: AdvisorViewProps): React.JSX.Element {
  const { model, width, height } = props;
  const input = props.input ?? null;
  let lines: Line[];
  if (model.kind === 'error') lines = [{ text: 'Advisor', bold: true }, ...para(model.message, width, 0, 'danger')];
  else if (model.kind === 'result') lines = resultLines(model, width, height, input);
  else lines = questionLines(model, width, height, input);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(0, height).map((l, i) =>
        l.text === '' ? (
          <Text key={i}> </Text>
        ) : (
          <Styled key={i} tone={l.tone} bold={l.bold} inverse={l.inverse}>
            {l.text}
          </Styled>
        ),
      )}
    </Box>
  );
}

/** Whose inventory the evidence is: this account, or the accounts read (and how many could not be). */
function evidenceHeading(e: Evidence | null): string {
  if (!e?.accounts) return 'What this account shows';
  if (e.accountsRead === undefined) return `What these ${e.accounts} accounts show`;
  const unread = `${e.accounts - e.accountsRead} of ${e.accounts} could not be read`;
  return e.accountsRead === 1 ? `What the one account read shows (${unread})` : `What the ${e.accountsRead} accounts read show (${unread})`;
}
