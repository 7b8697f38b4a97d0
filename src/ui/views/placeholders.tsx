import React from 'react';
import { Box, Text } from 'ink';
import { useColor } from '../theme.js';

/** A clear "not yet" panel for the views whose issues have not landed. */
export function Placeholder(props: { title: string; body: string; width: number; height: number }): React.JSX.Element {
  const color = useColor();
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Box flexDirection="column" borderStyle="round" borderColor={color ? 'gray' : undefined} paddingX={1}>
        <Text bold>{props.title}</Text>
        <Text>{props.body}</Text>
      </Box>
    </Box>
  );
}
