import React, { memo } from 'react';
import { Box, Text } from 'ink';
import type { Certificate } from '../../domain/certificate.js';
import type { ExpiryDays } from '../../domain/thresholds.js';
import { cellOf, fitCell, type LaidOutColumn } from '../state/columns.js';
import { highlightRanges, type Range } from '../state/filter.js';
import type { SortSpec } from '../state/sort.js';
import { toneProps, useColor } from '../theme.js';
import { Scrollbar } from './scrollbar.js';

interface CertificateTableProps {
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
  /** The configured expiry thresholds, which colour the Expires column. */
  expiryDays: ExpiryDays;
}

/**
 * The windowed certificate table: renders the header plus only rows [offset, offset + height).
 *
 * A row is a line of pre-padded cells, not a Box per cell: the marker and domain cell are one text node
 * (in a box as wide as the column, so the long domain padding is layout, not characters), the other
 * cells one more. Ink's per-frame cost grows with the characters written and the nodes laid out; this
 * keeps both low. Styled runs are nested <Text>s, neighbours of the same style merged. Rows are
 * memoised and keyed by position, so a filter or scroll updates the rows in place.
 */
export function CertificateTable(props: CertificateTableProps): React.JSX.Element {
  const { rows, offset, height } = props;
  const end = Math.min(rows.length, offset + height);
  const visible: React.JSX.Element[] = [];
  for (let pos = offset; pos < end; pos++) {
    const cert = props.certificates[rows[pos]];
    visible.push(<Row key={pos - offset} cert={cert} columns={props.columns} selected={pos === props.cursor} query={props.query} now={props.now} expiryDays={props.expiryDays} />);
  }
  return (
    <Box flexDirection="row">
      <Box flexDirection="column" flexGrow={1}>
        <Header columns={props.columns} sort={props.sort} />
        {visible}
      </Box>
      <Box flexDirection="column">
        <Text> </Text>
        <Scrollbar offset={offset} height={height} count={rows.length} />
      </Box>
    </Box>
  );
}

/** Text props of a styled run (only the ones the table uses). */
interface RunStyle {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface Run {
  text: string;
  /** null: plain text. */
  style: RunStyle | null;
}

const styleKey = (s: RunStyle | null): string =>
  s ? `${s.color ?? ''}|${s.dimColor ? 1 : 0}${s.bold ? 1 : 0}${s.underline ? 1 : 0}${s.inverse ? 1 : 0}` : '';

/** Builds one line as runs of text, merging neighbours of the same style. */
class Line {
  readonly runs: Run[] = [];
  private lastKey = '\u0000';

  push(text: string, style: RunStyle | null): void {
    if (text === '') return;
    const s = style && (style.color || style.dimColor || style.bold || style.underline || style.inverse) ? style : null;
    const key = styleKey(s);
    const last = this.runs[this.runs.length - 1];
    if (last && this.lastKey === key) last.text += text;
    else {
      this.runs.push({ text, style: s });
      this.lastKey = key;
    }
  }

  /** Drop trailing plain spaces (the last column's padding): blank cells need not be written. */
  trimEnd(): Run[] {
    const last = this.runs[this.runs.length - 1];
    if (last && !last.style) {
      last.text = last.text.trimEnd();
      if (last.text === '') this.runs.pop();
    }
    return this.runs;
  }
}

function renderRuns(runs: Run[]): React.ReactNode[] {
  return runs.map((r, i) =>
    r.style ? (
      <Text key={i} color={r.style.color} dimColor={r.style.dimColor} bold={r.style.bold} underline={r.style.underline} inverse={r.style.inverse}>
        {r.text}
      </Text>
    ) : (
      r.text
    ),
  );
}

const GAP = ' ';

/** The header line: column titles padded to their widths, the sorted one with its arrow (underlined). */
export function headerRuns(columns: LaidOutColumn[], sort: SortSpec, color: boolean): Run[] {
  const line = new Line();
  line.push(' ', null);
  for (const c of columns) {
    const sorted = sort.column === c.id;
    const arrow = sorted ? (sort.descending ? '▼' : '▲') : '';
    const fit = fitCell(c.header + arrow, c.width);
    line.push(fit.ellipsis ? `${fit.text}…` : fit.text, { bold: color, underline: color && sorted });
    line.push(' '.repeat(fit.pad) + GAP, null);
  }
  return line.trimEnd();
}

const Header = memo(function Header(props: { columns: LaidOutColumn[]; sort: SortSpec }): React.JSX.Element {
  const color = useColor();
  return <Text wrap="truncate-end">{renderRuns(headerRuns(props.columns, props.sort, color))}</Text>;
});

const HIGHLIGHT: RunStyle = { color: 'magenta', bold: true, underline: true };

/**
 * The domain cell's shown text with the match ranges (clipped to what is shown) emphasised. An ellipsis
 * takes the style of the character before it, as Ink's truncation (cli-truncate) gives it.
 */
function pushHighlighted(line: Line, text: string, ellipsis: boolean, ranges: Range[], base: RunStyle | null): void {
  const highlight = base ? { ...HIGHLIGHT, ...base } : HIGHLIGHT;
  let at = 0;
  let lastStyle = base;
  for (const [s, e] of ranges) {
    if (s >= text.length) break;
    if (s > at) line.push(text.slice(at, s), (lastStyle = base));
    at = Math.min(e, text.length);
    line.push(text.slice(s, at), (lastStyle = highlight));
  }
  if (at < text.length) line.push(text.slice(at), (lastStyle = base));
  if (ellipsis) line.push('…', text === '' ? base : lastStyle);
}

interface RowLine {
  /** The marker and the domain cell (unpadded: its box is `headWidth` wide). */
  head: Run[];
  headWidth: number;
  /** The other cells, padded to their widths, one space apart. */
  rest: Run[];
}

/**
 * One certificate's line. Selection: the marker `›` (bold) and, with colour, every cell's text inverse
 * (not the padding); urgency tones colour the cells; the domain's matches for `query` are emphasised.
 * Cell texts come from `cellOf`, so every AWS string is already sanitised. `domain` is the first column.
 */
export function rowLine(
  cert: Certificate,
  columns: LaidOutColumn[],
  now: Date,
  opts: { selected: boolean; query: string; color: boolean; expiryDays: ExpiryDays },
): RowLine {
  const { selected, query, color, expiryDays } = opts;
  const inverse = color && selected;
  const head = new Line();
  const rest = new Line();
  head.push(selected ? '›' : ' ', inverse ? { bold: true } : null);
  let headWidth = 1;
  for (const c of columns) {
    const cell = cellOf(cert, c, now, expiryDays);
    const fit = fitCell(cell.text, c.width);
    if (c.id === 'domain') {
      // Highlighting is colour only (without colour the ranges would not show), so no fuse.js then.
      const ranges = color && query ? highlightRanges(cell.text, query) : [];
      pushHighlighted(head, fit.text, fit.ellipsis, ranges, inverse ? { inverse: true } : null);
      headWidth += c.width + GAP.length;
      continue;
    }
    rest.push(fit.ellipsis ? `${fit.text}…` : fit.text, { ...toneProps(cell.tone, color), inverse });
    rest.push(' '.repeat(fit.pad) + GAP, null);
  }
  return { head: head.runs, headWidth, rest: rest.trimEnd() };
}

interface RowProps {
  cert: Certificate;
  columns: LaidOutColumn[];
  selected: boolean;
  query: string;
  now: Date;
  expiryDays: ExpiryDays;
}

/** One certificate; re-renders only when the record, selection, query, columns, clock or colour change. */
const Row = memo(function Row({ cert, columns, selected, query, now, expiryDays }: RowProps): React.JSX.Element {
  const color = useColor();
  const line = rowLine(cert, columns, now, { selected, query, color, expiryDays });
  return (
    <Box height={1}>
      <Box width={line.headWidth} flexShrink={0}>
        <Text wrap="truncate-end">{renderRuns(line.head)}</Text>
      </Box>
      <Text wrap="truncate-end">{renderRuns(line.rest)}</Text>
    </Box>
  );
});
