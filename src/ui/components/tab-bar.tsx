import React from 'react';
import { Box, Text } from 'ink';
import { KEYMAP } from '../keymap.js';
import type { ViewId } from '../state/app-state.js';
import { useColor } from '../theme.js';

const VIEW_OF: Record<string, ViewId> = {
  'view.overview': 'overview',
  'view.certificates': 'certificates',
  'view.findings': 'findings',
  'view.advisor': 'advisor',
  'view.report': 'report',
};

const SHORT: Record<string, string> = { Certificates: 'Certs' };

/** "1 Overview  2 Certificates …" from the keymap; the current view is marked. */
export function TabBar(props: { view: ViewId; width: number; badge?: Partial<Record<ViewId, string>> }): React.JSX.Element {
  const color = useColor();
  const tabs = KEYMAP.filter((b) => b.command in VIEW_OF);
  const label = (b: (typeof tabs)[number], short: boolean) => {
    const badge = props.badge?.[VIEW_OF[b.command]];
    return `${b.label} ${short ? (SHORT[b.description] ?? b.description) : b.description}${badge ? ` ${badge}` : ''}`;
  };
  // Every tab on the line: with shorter names and less room between them when the window is narrow.
  const fullWidth = tabs.reduce((n, b) => n + label(b, false).length + 3, 0);
  const short = fullWidth > props.width;
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        {tabs.map((b) => {
          const view = VIEW_OF[b.command];
          const active = view === props.view;
          const text = label(b, short);
          const pad = short ? '' : ' ';
          return (
            <Text key={b.command}>
              {active ? (
                <Text inverse={color} bold={color}>{color ? `${pad}${text}${pad}` : `[${text}]`}</Text>
              ) : (
                <Text dimColor={color}>{`${pad}${text}${pad}`}</Text>
              )}
              <Text> </Text>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
