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

/** "1 Overview  2 Certificates …" from the keymap; the current view is marked. */
export function TabBar(props: { view: ViewId; width: number; badge?: Partial<Record<ViewId, string>> }): React.JSX.Element {
  const color = useColor();
  const tabs = KEYMAP.filter((b) => b.command in VIEW_OF);
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        {tabs.map((b) => {
          const view = VIEW_OF[b.command];
          const active = view === props.view;
          const badge = props.badge?.[view];
          const label = `${b.label} ${b.description}${badge ? ` ${badge}` : ''}`;
          return (
            <Text key={b.command}>
              {active ? (
                <Text inverse={color} bold={color}>{color ? ` ${label} ` : `[${label}]`}</Text>
              ) : (
                <Text dimColor={color}>{` ${label} `}</Text>
              )}
              <Text> </Text>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
