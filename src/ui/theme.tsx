import React, { createContext, useContext, type ReactNode } from 'react';
import { Text } from 'ink';
import type { Tone } from './state/format.js';

/** Colour on or off (--no-color, NO_COLOR). Off means no colour props at all; layout never depends on colour. */
export const ThemeContext = createContext<{ color: boolean }>({ color: true });

const TONES: Record<Tone, { color?: string; dimColor?: boolean; bold?: boolean }> = {
  danger: { color: 'red' },
  warning: { color: 'yellow' },
  ok: { color: 'green' },
  muted: { dimColor: true },
  accent: { color: 'cyan' },
  normal: {},
};

const NO_TONE = {};

/** A tone's Text props; none at all without colour. */
export function toneProps(tone: Tone, color: boolean): { color?: string; dimColor?: boolean; bold?: boolean } {
  return color ? TONES[tone] : NO_TONE;
}

export function useToneProps(): (tone: Tone) => { color?: string; dimColor?: boolean; bold?: boolean } {
  const { color } = useContext(ThemeContext);
  return (tone) => toneProps(tone, color);
}

export function useColor(): boolean {
  return useContext(ThemeContext).color;
}

/** A single-line text in a tone; never wraps (a wrapped line would break the height budget). */
export function Styled(props: { tone?: Tone; bold?: boolean; inverse?: boolean; children: ReactNode }): React.JSX.Element {
  const tone = useToneProps();
  const { color } = useContext(ThemeContext);
  return (
    <Text wrap="truncate-end" {...tone(props.tone ?? 'normal')} bold={color && props.bold ? true : undefined} inverse={color && props.inverse ? true : undefined}>
      {props.children}
    </Text>
  );
}
