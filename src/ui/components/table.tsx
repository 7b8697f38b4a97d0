import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { Certificate } from '../../domain/certificate.js';
import { cellOf, type LaidOutColumn } from '../state/columns.js';
import { highlightRanges } from '../state/filter.js';
import type { SortSpec } from '../state/sort.js';
import { useColor, useToneProps } from '../theme.js';
import { Highlight } from './highlight.js';
import { Scrollbar } from './scrollbar.js';

export interface CertificateTableProps {
  certificates: readonly Certificate[];
  /** Rows to show, as indices into `certificates` (sorted and filtered). */
  rows: Int32Array;
  columns: LaidOutColumn[];
  cursor: number;
  offset: number;
  /** Data rows that fit (the header is extra). */
  height: number;
  sort: SortSpec;
  /** The applied filter query, for highlighting. */
  query: string;
  now: Date;
}

/** The windowed certificate table: renders the header plus only rows [offset, offset + height). */
export function CertificateTable(props: CertificateTableProps): React.JSX.Element {
  const color = useColor();
  const { rows, offset, height } = props;
  const end = Math.min(rows.length, offset + height);
  const visible: React.JSX.Element[] = [];
  for (let pos = offset; pos < end; pos++) {
    const cert = props.certificates[rows[pos]];
    visible.push(
      <Row key={cert.arn} cert={cert} columns={props.columns} selected={pos === props.cursor} query={props.query} now={props.now} />,
    );
  }
  return (
    <Box flexDirection="row">
      <Box flexDirection="column" flexGrow={1}>
        <Box height={1}>
          <Text> </Text>
          {props.columns.map((c) => {
            const sorted = props.sort.column === c.id;
            const arrow = sorted ? (props.sort.descending ? '▼' : '▲') : '';
            return (
              <Box key={c.id} width={c.width} marginRight={1} flexShrink={0}>
                <Text bold={color} underline={color && sorted} wrap="truncate-end">
                  {c.header}
                  {arrow}
                </Text>
              </Box>
            );
          })}
        </Box>
        {visible}
      </Box>
      <Box flexDirection="column">
        <Text> </Text>
        <Scrollbar offset={offset} height={height} count={rows.length} />
      </Box>
    </Box>
  );
}

const Row = memo(function Row(props: { cert: Certificate; columns: LaidOutColumn[]; selected: boolean; query: string; now: Date }): React.JSX.Element {
  const tone = useToneProps();
  const color = useColor();
  const { cert, selected } = props;
  return (
    <Box height={1}>
      <Text bold={color && selected}>{selected ? '›' : ' '}</Text>
      {props.columns.map((c) => {
        const cell = cellOf(cert, c, props.now);
        return (
          <Box key={c.id} width={c.width} marginRight={1} flexShrink={0}>
            {c.id === 'domain' ? (
              <Text inverse={color && selected} wrap="truncate-end">
                <Highlight text={cell.text} ranges={props.query ? highlightRanges(cell.text, props.query) : []} />
              </Text>
            ) : (
              <Text wrap="truncate-end" {...tone(cell.tone)} inverse={color && selected}>
                {cell.text}
              </Text>
            )}
          </Box>
        );
      })}
    </Box>
  );
});
