import React from 'react';
import { Text } from 'ink';
import type { Range } from '../state/filter.js';
import { useColor } from '../theme.js';

/** Text with matched ranges emphasised (the text is already sanitised). */
export function Highlight(props: { text: string; ranges: Range[]; color?: string }): React.JSX.Element {
  const color = useColor();
  const { text, ranges } = props;
  if (ranges.length === 0 || !color) return <Text wrap="truncate-end" color={color ? props.color : undefined}>{text}</Text>;
  const parts: React.JSX.Element[] = [];
  let at = 0;
  ranges.forEach(([s, e], i) => {
    if (s > at) parts.push(<Text key={`t${i}`}>{text.slice(at, s)}</Text>);
    parts.push(
      <Text key={`h${i}`} color="magenta" bold underline>
        {text.slice(s, e)}
      </Text>,
    );
    at = e;
  });
  if (at < text.length) parts.push(<Text key="rest">{text.slice(at)}</Text>);
  return <Text wrap="truncate-end" color={props.color}>{parts}</Text>;
}
