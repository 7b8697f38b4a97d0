import React from 'react';
import { Box, Text } from 'ink';
import { useColor } from '../theme.js';

/** Width of the filled part of a bar for `value` out of `max` in `width` cells (a non-zero value shows ≥1). */
function barWidth(value: number, max: number, width: number): number {
  if (value <= 0 || max <= 0 || width <= 0) return 0;
  return Math.max(1, Math.round((value / max) * width));
}

/** A horizontal bar: `▓` for the `marked` part (e.g. imported certificates), `█` for the rest — visible without colour too. */
export function Bar(props: { value: number; marked?: number; max: number; width: number; color?: string; markColor?: string }): React.JSX.Element {
  const color = useColor();
  const total = barWidth(props.value, props.max, props.width);
  const marked = props.marked ? Math.min(total, barWidth(props.marked, props.max, props.width)) : 0;
  return (
    <Box width={props.width} flexShrink={0}>
      <Text color={color ? props.markColor ?? 'magenta' : undefined}>{'▓'.repeat(marked)}</Text>
      <Text color={color ? props.color ?? 'cyan' : undefined}>{'█'.repeat(total - marked)}</Text>
    </Box>
  );
}
