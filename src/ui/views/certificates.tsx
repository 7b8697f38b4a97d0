import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Certificate } from '../../domain/certificate.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { CertificateTable } from '../components/table.js';
import type { FilterState, LoadState } from '../state/app-state.js';
import { layoutColumns, type AccountWidths } from '../state/columns.js';
import { formatCount } from '../state/format.js';
import { sortLabel, type SortSpec } from '../state/sort.js';
import type { Scroll } from '../state/scroll.js';
import { useColor } from '../theme.js';
import type { ExpiryDays } from '../../domain/thresholds.js';

interface CertificatesViewProps {
  certificates: readonly Certificate[];
  /** Sorted, filtered row indices into `certificates`. */
  rows: Int32Array;
  table: Scroll;
  filter: FilterState;
  /** The filter input has the keys (a cursor shows after the typed text). */
  editing: boolean;
  /** The filter is still scanning for the latest input. */
  pending: boolean;
  sort: SortSpec;
  load: LoadState;
  /** Several accounts are read: the table shows an Account column. */
  accounts: boolean;
  /** How wide the Account column would like to be (the longest name, with and without the id). */
  accountWidths?: AccountWidths;
  width: number;
  height: number;
  now: Date;
  expiryDays: ExpiryDays;
}

/** Rows of the table that fit a view of `height` (filter line and header take two). */
export function tableHeight(viewHeight: number): number {
  return Math.max(1, viewHeight - 2);
}

function countLabel(shown: number, total: number, filtered: boolean): string {
  return filtered ? `${formatCount(shown)} of ${formatCount(total)}` : `${formatCount(total)} certificate${total === 1 ? '' : 's'}`;
}

export function CertificatesView(props: CertificatesViewProps): React.JSX.Element {
  const color = useColor();
  const { filter, rows } = props;
  const total = props.certificates.length;
  const filtered = filter.appliedQuery.trim() !== '';
  // Stable per width: the memoised rows compare columns by identity.
  const columns = useMemo(
    () => layoutColumns(props.width - 2, { accounts: props.accounts, accountWidths: props.accountWidths }),
    [props.width, props.accounts, props.accountWidths?.name, props.accountWidths?.withId, props.accountWidths?.sharedPrefix],
  );
  const height = tableHeight(props.height);
  const sortedBy = `sorted by ${sortLabel(props.sort.column)} ${props.sort.descending ? '▼' : '▲'}`;
  return (
    // Clip rows only (every line is already cut to its width): Ink slices each line of a horizontally
    // clipped box through slice-ansi, which cost more per frame than everything else in the table.
    <Box flexDirection="column" width={props.width} height={props.height} overflowY="hidden">
      <Box height={1}>
        <Text wrap="truncate-end">
          {props.editing || filter.input ? (
            <Text>
              <Text color={color ? 'cyan' : undefined} bold>
                /
              </Text>
              {sanitiseForTerminal(filter.input)}
              {props.editing ? <Text inverse={color}>{color ? ' ' : '_'}</Text> : null}
              <Text>  </Text>
            </Text>
          ) : (
            <Text dimColor={color}>/ to filter  </Text>
          )}
          <Text bold>{countLabel(rows.length, total, filtered)}</Text>
          {filtered && filter.exact && filter.matches && filter.exact.length < filter.matches.length && filter.exact.length > 0 ? (
            <Text dimColor={color}>{` (${formatCount(filter.exact.length)} exact first)`}</Text>
          ) : null}
          {props.pending ? <Text dimColor={color}> filtering…</Text> : null}
          <Text dimColor={color}>  {sortedBy}</Text>
          {props.load.status === 'loading' ? <Text color={color ? 'yellow' : undefined}>  loading…</Text> : null}
        </Text>
      </Box>
      {rows.length === 0 ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text dimColor={color}>
            {total === 0
              ? props.load.status === 'loading'
                ? '  Loading certificates…'
                : '  No certificates in the scanned regions.'
              : `  No certificate matches “${sanitiseForTerminal(filter.appliedQuery)}”. Esc clears the filter.`}
          </Text>
        </Box>
      ) : (
        <CertificateTable
          certificates={props.certificates}
          rows={rows}
          columns={columns}
          cursor={props.table.cursor}
          offset={props.table.offset}
          height={height}
          sort={props.sort}
          query={filter.appliedQuery}
          now={props.now}
          expiryDays={props.expiryDays}
        />
      )}
    </Box>
  );
}
