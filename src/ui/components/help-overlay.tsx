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
      const where = b.modes.includes('filter') && !b.modes.includes('normal') ? ' (in the filter)' : b.screens.length <= 2 ? ` (${b.screens.join(', ')})` : '';
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
  const visible = lines.slice(0, Math.max(1, props.height - 3));
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="round" paddingX={1} overflow="hidden">
      <Text bold>Keys — ? or Esc closes</Text>
      {visible}
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
