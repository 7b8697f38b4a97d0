import React from 'react';
import { Box, Text } from 'ink';
import { scrollbarThumb } from '../state/window.js';
import { useColor } from '../theme.js';

/** A one-column scrollbar: track `│`, thumb `█`. Nothing when everything fits. */
export function Scrollbar(props: { offset: number; height: number; count: number }): React.JSX.Element {
  const color = useColor();
  const thumb = scrollbarThumb(props.offset, props.height, props.count);
  const cells: string[] = [];
  for (let i = 0; i < props.height; i++) {
    cells.push(thumb && i >= thumb.start && i < thumb.start + thumb.size ? '█' : thumb ? '│' : ' ');
  }
  return (
    <Box flexDirection="column" width={1} flexShrink={0}>
      {cells.map((c, i) => (
        <Text key={i} dimColor={color && c === '│'}>
          {c}
        </Text>
      ))}
    </Box>
  );
}
