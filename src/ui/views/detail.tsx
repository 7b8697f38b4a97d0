import React from 'react';
import { Box, Text } from 'ink';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { ExpiryDays } from '../../domain/thresholds.js';
import { Scrollbar } from '../components/scrollbar.js';
import { detailLines, LABEL_WIDTH, type StageSection } from '../state/detail-lines.js';
import { pagerExtent, type Extent } from '../state/scroll.js';
import { useColor, useToneProps } from '../theme.js';

interface DetailViewProps {
  certificate: Certificate | null;
  /** The audit's findings (all of them; this view picks the certificate's). Omitted until an audit exists. */
  findings?: Finding[] | null;
  scroll: number;
  width: number;
  height: number;
  now: Date;
  expiryDays: ExpiryDays;
  /** What the read stages say about the certificate (selectors.ts `stageSectionsOf`). */
  stages?: readonly StageSection[];
}

/** The pane as the scroll model sees it: its lines (at this width) and its height. */
export function detailExtent(
  cert: Certificate,
  now: Date,
  expiryDays: ExpiryDays,
  width: number,
  height: number,
  findings?: Finding[] | null,
  stages?: readonly StageSection[],
): Extent {
  return pagerExtent(detailLines(cert, now, expiryDays, width - 1, findings, stages).length, height);
}

export function DetailView(props: DetailViewProps): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  if (!props.certificate) {
    return (
      <Box height={props.height}>
        <Text>This certificate is no longer in the inventory. Esc goes back.</Text>
      </Box>
    );
  }
  const lines = detailLines(props.certificate, props.now, props.expiryDays, props.width - 1, props.findings, props.stages);
  const max = Math.max(0, lines.length - props.height);
  const scroll = Math.min(props.scroll, max);
  const shown = lines.slice(scroll, scroll + props.height);
  return (
    <Box flexDirection="row" width={props.width} height={props.height} overflow="hidden">
      <Box flexDirection="column" flexGrow={1}>
        {shown.map((l, i) => {
          switch (l.kind) {
            case 'title':
              return (
                <Text key={i} bold color={color ? 'cyan' : undefined} wrap="truncate-end">
                  {l.text}
                </Text>
              );
            case 'section':
              return (
                <Text key={i} bold underline={color} wrap="truncate-end">
                  {l.text}
                </Text>
              );
            case 'field':
              return (
                <Text key={i} wrap="truncate-end">
                  <Text dimColor={color}>{`  ${(l.label ?? '').padEnd(LABEL_WIDTH)}`}</Text>
                  <Text {...tone(l.tone ?? 'normal')}>{l.text}</Text>
                </Text>
              );
            case 'blank':
              return <Text key={i}> </Text>;
            default:
              return (
                <Text key={i} wrap="truncate-end" {...tone(l.tone ?? 'normal')}>
                  {l.text}
                </Text>
              );
          }
        })}
      </Box>
      <Scrollbar offset={scroll} height={props.height} count={lines.length} />
    </Box>
  );
}
