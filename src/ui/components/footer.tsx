import React from 'react';
import { Box, Text } from 'ink';
import { bindingsFor, type KeyContext } from '../keymap.js';
import { useColor } from '../theme.js';

/** Key hints for the current mode and screen, straight from the keymap. */
export function footerHints(ctx: KeyContext): Array<{ label: string; description: string }> {
  const seen = new Set<string>();
  const out: Array<{ label: string; description: string }> = [];
  for (const b of bindingsFor(ctx, true)) {
    const k = `${b.label} ${b.description}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ label: b.label, description: b.description });
  }
  return out;
}

export function Footer(props: { ctx: KeyContext; width: number; message?: string }): React.JSX.Element {
  const color = useColor();
  const hints = footerHints(props.ctx);
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        {props.message ? <Text color={color ? 'yellow' : undefined}>{props.message} </Text> : null}
        {hints.map((h, i) => (
          <Text key={i}>
            <Text bold={color} color={color ? 'cyan' : undefined}>{h.label}</Text>
            <Text dimColor={color}> {h.description}  </Text>
          </Text>
        ))}
        {props.ctx.mode === 'normal' ? <Text dimColor={color}>1-5 views</Text> : null}
      </Text>
    </Box>
  );
}
