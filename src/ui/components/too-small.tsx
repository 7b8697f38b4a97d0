/** Shown in place of a view the window is too small for: what it needs, and that the keys still work. */
import React from 'react';
import { Box } from 'ink';
import type { TerminalSize } from '../hooks/use-terminal-size.js';
import { wrap } from '../state/detail-lines.js';
import { Styled } from '../theme.js';

export function TooSmallView(props: { name: string; need: TerminalSize; size: TerminalSize; width: number; height: number }): React.JSX.Element {
  const { need, size, width } = props;
  const lines = [
    ...wrap(`Enlarge the window: ${props.name} needs ${need.columns}×${need.rows} (this one is ${size.columns}×${size.rows}).`, width).map((text) => ({ text, bold: true })),
    ...wrap('Keys still work: 1–5 switch views, q quits.', width).map((text) => ({ text, bold: false })),
  ];
  return (
    <Box flexDirection="column" width={width} height={props.height} overflow="hidden">
      {lines.slice(0, props.height).map((l, i) => (
        <Styled key={i} tone="warning" bold={l.bold}>
          {l.text}
        </Styled>
      ))}
    </Box>
  );
}
