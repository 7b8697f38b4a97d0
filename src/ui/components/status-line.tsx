import React from 'react';
import { Box, Text } from 'ink';
import type { InventorySource } from '../../domain/inventory.js';
import { notFullyRead } from '../../domain/completeness.js';
import { safe } from '../../domain/text.js';
import type { AppState } from '../state/app-state.js';
import { formatAge } from '../../domain/duration.js';
import { waitingSummary } from '../../domain/waiting.js';
import { formatCount } from '../state/format.js';
import { useColor } from '../theme.js';

export interface Progress {
  regionsDone: number;
  regionsTotal: number | null;
  regionsFailed: number;
  /** Certificates not read in full (details, tags or a stage's data), each once. */
  unread: number;
  listed: number;
  described: number;
}

export function progressOf(state: Pick<AppState, 'regions' | 'load'>): Progress {
  let done = 0;
  let failed = 0;
  let listed = 0;
  let described = 0;
  let unread = 0;
  for (const r of state.regions) {
    if (r.status === 'ok' || r.status === 'error' || r.status === 'partial') done++;
    if (r.status === 'error') failed++;
    unread += notFullyRead(r);
    listed += r.listed;
    described += r.described;
  }
  return { regionsDone: done, regionsTotal: state.load.regionsTotal ?? (state.regions.length || null), regionsFailed: failed, unread, listed, described };
}

/** Pure text of the status line's parts (sanitised), so tests can check it without rendering. */
export function statusParts(
  label: InventorySource['label'],
  state: Pick<AppState, 'account' | 'regions' | 'load'> & Partial<Pick<AppState, 'accounts' | 'origin' | 'cachedAt' | 'waiting'>>,
  now: Date = new Date(),
): string[] {
  return statusItems(label, state, now).map((i) => i.text);
}

/**
 * Each part with how long it stays when the line is short: the state word (loading…/loaded) and what
 * went wrong stay longest; the region list, the endpoint and the profile go first.
 */
interface StatusItem {
  text: string;
  keep: number;
}

function statusItems(
  label: InventorySource['label'],
  state: Pick<AppState, 'account' | 'regions' | 'load'> & Partial<Pick<AppState, 'accounts' | 'origin' | 'cachedAt' | 'waiting'>>,
  now: Date,
): StatusItem[] {
  const p = progressOf(state);
  const profile = label.demo ? 'demo' : safe(label.profile, 'default');
  const items: StatusItem[] = [];
  const add = (text: string, keep: number) => items.push({ text, keep });
  // What is stuck comes first while it lasts: this is what the user needs to see.
  const waiting = state.waiting ? waitingSummary(state.waiting.requests, state.waiting.afterMs) : null;
  if (waiting) add(waiting, ALWAYS);
  add(`profile ${profile}`, 30);
  add(`account ${state.account ? safe(state.account.id) : '…'}`, 50);
  // The warm start: what is on screen is the cache's, this old, until the live read replaces it.
  if (state.cachedAt) {
    const age = formatAge(now.getTime() - Date.parse(state.cachedAt));
    add(`${STALE} cached ${age} ago${state.load.status === 'loading' ? ', revalidating' : ''}`, 75);
  }
  if (label.scope) add(safe(label.scope), 45);
  const accounts = state.accounts;
  if (accounts) {
    const settled = accounts.filter((a) => a.status === 'ok' || a.status === 'error').length;
    const failed = accounts.filter((a) => a.status === 'error').length;
    add(`accounts ${settled}/${accounts.length}`, 70);
    if (failed > 0) add(`${failed} account${failed > 1 ? 's' : ''} failed`, 80);
  }
  if (state.origin?.capturedAt.oldest) add(`Config snapshot from ${safe(state.origin.capturedAt.oldest.slice(0, 16).replace('T', ' '))} UTC`, 25);
  add(`regions ${p.regionsDone}/${p.regionsTotal ?? '?'}`, 60);
  add(`details ${formatCount(p.described)}/${formatCount(p.listed)}`, 40);
  if (p.regionsFailed > 0) add(`${p.regionsFailed} region${p.regionsFailed > 1 ? 's' : ''} failed`, 80);
  if (p.unread > 0) add(unreadPart(p.unread), 80);
  add(state.load.status === 'loading' ? 'loading…' : state.load.status === 'failed' ? 'load failed' : 'loaded', 100);
  if (label.endpoint) add(`endpoint ${safe(label.endpoint)}`, 20);
  add(label.regions === 'all' ? 'all regions' : label.regions.map((r) => safe(r)).join(','), 10);
  return items;
}

const SEPARATOR = ' · ';

/** Parts never left out: the state word and what is stuck (cut short instead, see fitStatus). */
const ALWAYS = 90;

/**
 * The parts that fit in `room` cells, in their order: the ones that stay least are left out first; what is
 * stuck, when still too long beside the state word, is cut short with an ellipsis rather than dropped.
 */
export function fitStatus(items: readonly StatusItem[], room: number): string[] {
  const kept = items.map((i) => ({ ...i }));
  const cells = (t: string) => [...t].length;
  const width = () => kept.reduce((n, i) => n + cells(i.text), 0) + SEPARATOR.length * Math.max(0, kept.length - 1);
  while (width() > room) {
    const droppable = kept.filter((i) => i.keep < ALWAYS);
    if (droppable.length === 0) break;
    const least = droppable.reduce((a, b) => (b.keep < a.keep ? b : a));
    kept.splice(kept.indexOf(least), 1);
  }
  const long = kept.find((i) => i.keep === ALWAYS);
  if (long && width() > room) {
    const fit = Math.max(1, cells(long.text) - (width() - room) - 1);
    long.text = `${[...long.text].slice(0, fit).join('')}…`;
  }
  return kept.map((i) => i.text);
}

const LOAD_WORDS = new Set(['loading…', 'load failed', 'loaded']);
const STALE = 'stale:';

/** Records read only in part, each once however many parts it lacks. */
function unreadPart(n: number): string {
  return `${formatCount(n)} not fully read`;
}
const isWarningPart = (part: string) => part.endsWith(' not fully read') || / regions? failed$/.test(part) || /^(waiting |\d+ requests waiting )/.test(part);

/**
 * The tool only reads; across accounts the credentials it holds can only read too: every member
 * session is assumed with a session policy that allows the read actions alone, whatever the role
 * grants. A Config aggregator's recording is read with the caller's own credentials.
 */
export function readOnlyBadge(state: Pick<StatusState, 'accounts' | 'origin'>, parts: readonly string[], width: number): string {
  const assumed = state.accounts != null && state.origin?.kind !== 'config-aggregator';
  if (!assumed) return 'READ-ONLY';
  // The longer word only where the line has room for it: progress is worth more than the badge.
  const long = 'READ-ONLY SESSIONS';
  return `acm-advisor  ${long}  ${parts.join(' · ')}`.length <= width ? long : 'READ-ONLY';
}

/** What the status line reads of the app's state (the first frame has only this much). */
export type StatusState = Pick<AppState, 'account' | 'regions' | 'load' | 'accounts' | 'origin' | 'cachedAt' | 'waiting'>;

/** "acm-advisor [READ-ONLY] " before the parts. */
const BRAND_CELLS = 'acm-advisor '.length + '[READ-ONLY]'.length + 1;

export function StatusLine(props: { label: InventorySource['label']; state: StatusState; width: number }): React.JSX.Element {
  const color = useColor();
  const parts = fitStatus(statusItems(props.label, props.state, new Date()), props.width - BRAND_CELLS);
  const loading = props.state.load.status;
  const badge = readOnlyBadge(props.state, parts, props.width);
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        <Text bold color={color ? 'cyan' : undefined}>acm-advisor</Text>
        <Text> </Text>
        <Text inverse={color} color={color ? 'green' : undefined}>
          {color ? ` ${badge} ` : `[${badge}]`}
        </Text>
        <Text> </Text>
        {parts.map((part, i) => (
          <Text key={i}>
            {i > 0 ? SEPARATOR : ''}
            {part.startsWith(STALE) || isWarningPart(part) ? (
              <Text color={color ? 'yellow' : undefined}>{part}</Text>
            ) : LOAD_WORDS.has(part) ? (
              <Text color={color ? (loading === 'failed' ? 'red' : loading === 'loading' ? 'yellow' : 'green') : undefined}>{part}</Text>
            ) : (
              part
            )}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
