import React from 'react';
import { Box, Text } from 'ink';
import { KEYMAP, type Binding } from '../keymap.js';
import { useColor } from '../theme.js';

const GROUPS: Binding['group'][] = ['Views', 'Move', 'Filter & sort', 'General'];

/** Every binding of the keymap, grouped: the same table the router and the footer use. */
export function HelpOverlay(props: { width: number; height: number }): React.JSX.Element {
  const color = useColor();
  const lines: React.JSX.Element[] = [];
  for (const g of GROUPS) {
    lines.push(
      <Text key={`g-${g}`} bold color={color ? 'cyan' : undefined}>
        {g}
      </Text>,
    );
    const seen = new Set<string>();
    for (const b of KEYMAP.filter((x) => x.group === g)) {
      const keys = b.keys.map(prettyKey).join(' ');
      const id = `${keys}|${b.description}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const where =
        b.modes.includes('filter') && !b.modes.includes('normal')
          ? ' (in the filter)'
          : b.modes.includes('prompt') && !b.modes.includes('normal')
            ? ' (export file name)'
            : b.modes.includes('confirm') && !b.modes.includes('normal')
              ? ' (overwrite question)'
              : b.screens.length <= 2
                ? ` (${b.screens.join(', ')})`
                : '';
      lines.push(
        <Text key={`${b.command}`} wrap="truncate-end">
          {'  '}
          <Text bold>{keys.padEnd(18)}</Text>
          {b.description}
          <Text dimColor={color}>{where}</Text>
        </Text>,
      );
    }
  }
  // More bindings than rows: flow into two columns when the terminal is wide enough.
  const rows = Math.max(1, props.height - 3);
  const inner = props.width - 4;
  const columns = lines.length > rows && inner >= 80 ? 2 : 1;
  const perColumn = columns === 2 ? Math.min(rows, Math.ceil(lines.length / 2)) : rows;
  const colWidth = Math.floor(inner / columns);
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold>Keys — ? or Esc closes</Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={colWidth} overflow="hidden">
            {lines.slice(c * perColumn, (c + 1) * perColumn)}
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
  };
  return names[k] ?? k;
}
