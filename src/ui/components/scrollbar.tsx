import React from 'react';
import { Box, Text } from 'ink';
import { scrollbarThumb } from '../state/scroll.js';
import { useColor } from '../theme.js';

/**
 * A one-column scrollbar: track `│` (dim), thumb `█`. Blank when everything fits. One text node of
 * `height` lines (the track, the thumb, the track), not a node per cell.
 */
export function Scrollbar(props: { offset: number; height: number; count: number }): React.JSX.Element {
  const color = useColor();
  const { height } = props;
  const thumb = scrollbarThumb(props.offset, height, props.count);
  const lines = (ch: string, n: number) => Array.from({ length: Math.max(0, n) }, () => ch).join('\n');
  let body: React.ReactNode;
  if (!thumb) body = lines(' ', height);
  else {
    const before = lines('│', thumb.start);
    const bar = lines('█', thumb.size);
    const after = lines('│', height - thumb.start - thumb.size);
    body = [
      before ? <Text key="b" dimColor={color}>{`${before}\n`}</Text> : null,
      bar,
      after ? <Text key="a" dimColor={color}>{`\n${after}`}</Text> : null,
    ];
  }
  return (
    <Box flexDirection="column" width={1} flexShrink={0}>
      <Text>{body}</Text>
    </Box>
  );
}
