import React from 'react';
import { Box, Text } from 'ink';
import { KEYMAP, type Binding } from '../keymap.js';
import type { Screen } from '../state/app-state.js';
import { useColor } from '../theme.js';
import { pagerExtent, type Extent } from '../state/scroll.js';

const GROUPS: Binding['group'][] = ['Views', 'Move', 'Filter & sort', 'General'];
const SCREEN_COUNT = 6;

interface HelpLine {
  key: string;
  heading?: string;
  keys?: string;
  description?: string;
  where?: string;
}

/**
 * The keymap as help: the same table the router and the footer use. Opened from a screen,
 * it lists that screen's own keys first, then the keys that work everywhere, so the part
 * that matters fits a small terminal; the view switches fold into one line.
 */
export function helpLines(screen?: Screen): HelpLine[] {
  const lines: HelpLine[] = [];
  const seen = new Set<string>();
  const add = (b: Binding) => {
    const keys = b.keys.map(prettyKey).join(' ');
    const id = `${keys}|${b.description}`;
    if (seen.has(id)) return;
    seen.add(id);
    lines.push({ key: b.command, keys, description: b.description, where: whereNote(b, screen) });
  };
  const applies = (b: Binding) => !screen || b.screens.includes(screen);
  const local = (b: Binding) => b.screens.length < SCREEN_COUNT;

  if (screen) {
    const own = KEYMAP.filter((b) => applies(b) && local(b));
    if (own.length) {
      lines.push({ key: 'h-own', heading: `This view (${screen})` });
      own.forEach(add);
    }
  }
  // From a screen, the always-there keys (quit, help, refresh) come before the long Move list.
  const order: Binding['group'][] = screen ? ['Views', 'General', 'Move', 'Filter & sort'] : GROUPS;
  for (const g of order) {
    const group = KEYMAP.filter((b) => b.group === g && applies(b) && !(screen && local(b)));
    if (group.length === 0) continue;
    lines.push({ key: `h-${g}`, heading: screen ? `${g} (everywhere)` : g });
    if (g === 'Views') {
      const numbered = group.filter((b) => /^\d$/.test(b.keys[0]));
      lines.push({ key: 'views', keys: numbered.map((b) => b.keys[0]).join(' '), description: numbered.map((b) => b.description).join(' · ') });
      group.filter((b) => !numbered.includes(b)).forEach(add);
      continue;
    }
    group.forEach(add);
  }
  return lines;
}

function whereNote(b: Binding, screen?: Screen): string {
  if (b.modes.includes('filter') && !b.modes.includes('normal')) return ' (in the filter)';
  if (b.modes.includes('prompt') && !b.modes.includes('normal')) return b.screens.includes('report') ? ' (export file name)' : ' (workload name)';
  if (b.modes.includes('confirm') && !b.modes.includes('normal')) return ' (overwrite question)';
  if (!screen && b.screens.length <= 2) return ` (${b.screens.join(', ')})`;
  return '';
}

/** Rows of keys the overlay shows at once, and in how many columns (two on a wide window when that fits them all). */
function helpLayout(lineCount: number, width: number, height: number): { rows: number; columns: number } {
  const rows = Math.max(1, height - 3);
  const columns = lineCount > rows && width - 4 >= 80 && lineCount <= rows * 2 ? 2 : 1;
  return { rows, columns };
}

/** The overlay as the scroll model sees it: a pager over the key lines (nothing to scroll when they all fit). */
export function helpExtent(screen: Screen | undefined, width: number, height: number): Extent {
  const lines = helpLines(screen).length;
  const { rows, columns } = helpLayout(lines, width, height);
  return pagerExtent(columns === 2 ? rows : lines, rows);
}

export function HelpOverlay(props: { width: number; height: number; screen?: Screen; scroll?: number }): React.JSX.Element {
  const color = useColor();
  const all = helpLines(props.screen);
  const { rows, columns } = helpLayout(all.length, props.width, props.height);
  const inner = props.width - 4;
  // More lines than fit: one column that scrolls (j/k, PgUp/PgDn), and the title says where it is.
  const scroll = columns === 1 ? Math.max(0, Math.min(props.scroll ?? 0, all.length - rows)) : 0;
  const shown = columns === 1 ? all.slice(scroll, scroll + rows) : all;
  const elements = shown.map((l) =>
    l.heading ? (
      <Text key={l.key} bold color={color ? 'cyan' : undefined} wrap="truncate-end">
        {l.heading}
      </Text>
    ) : (
      <Text key={l.key} wrap="truncate-end">
        {'  '}
        <Text bold>{(l.keys ?? '').padEnd(14)}</Text>
        {l.description}
        <Text dimColor={color}>{l.where}</Text>
      </Text>
    ),
  );
  const perColumn = columns === 2 ? Math.min(rows, Math.ceil(elements.length / 2)) : rows;
  const colWidth = Math.floor(inner / columns);
  const more = columns === 1 && all.length > rows ? `  ${scroll + 1}–${scroll + shown.length} of ${all.length}, ↓/j ↑/k PgDn PgUp scroll` : '';
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold wrap="truncate-end">
        Keys — ? or Esc closes<Text dimColor={color}>{more}</Text>
      </Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={colWidth} overflow="hidden">
            {elements.slice(c * perColumn, (c + 1) * perColumn)}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function prettyKey(k: string): string {
  const names: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    return: 'Enter',
    escape: 'Esc',
    backspace: 'Backspace',
    delete: 'Del',
    'ctrl+c': 'Ctrl+C',
    'ctrl+d': 'Ctrl+D',
    'ctrl+u': 'Ctrl+U',
    tab: 'Tab',
    'shift+tab': 'Shift+Tab',
  };
  return names[k] ?? k;
}
