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

const ESSENTIAL = new Set(['?', 'q', '?/Esc']);

/** The hints that fit in `room` cells: help and quit always, the others in order while they fit. */
export function fitHints<T extends { label: string; description: string }>(hints: readonly T[], room: number): T[] {
  const cells = (h: T) => h.label.length + 1 + h.description.length + 2;
  let used = hints.filter((h) => ESSENTIAL.has(h.label)).reduce((n, h) => n + cells(h), 0) + '1-5 views'.length;
  const kept = new Set<T>();
  for (const h of hints) {
    if (ESSENTIAL.has(h.label)) kept.add(h);
    else if (used + cells(h) <= room) {
      kept.add(h);
      used += cells(h);
    }
  }
  return hints.filter((h) => kept.has(h));
}

export function Footer(props: { ctx: KeyContext; width: number; message?: string }): React.JSX.Element {
  const color = useColor();
  const hints = fitHints(footerHints(props.ctx), props.width - (props.message ? [...props.message].length + 1 : 0));
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
