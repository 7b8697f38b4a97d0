/**
 * Findings (key 3): the audit grouped by severity (critical → info) then rule, with counts — or by account
 * (`a`), each account's header with its counts or why it could not be read; a windowed list (only visible
 * rows render) and the selected finding's detail, rationale and fix beneath it. Across several accounts the
 * account has a column of its own. Enter opens the certificate (screens/findings.ts); every AWS-derived
 * string is sanitised here.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding, Severity } from '../../domain/finding.js';
import type { AccountState } from '../../domain/inventory.js';
import { SEVERITIES } from '../../domain/finding.js';
import { safe, sanitiseForTerminal } from '../../domain/text.js';
import { ruleById } from '../../audit/rules/index.js';
import { findingKey } from '../../audit/finding-record.js';
import { Scrollbar } from '../components/scrollbar.js';
import { wrap } from '../state/detail-lines.js';
import { clampScroll } from '../state/scroll.js';
import {
  findingsDetailHeight,
  findingsExtent,
  findingsListHeight,
  layoutOf,
  type FindingsLayout,
  type FindingsRow,
  type FindingsViewState,
} from '../state/findings-view.js';
import { accountCell, accountColumnWidth, sharedAccountPrefix, type Tone } from '../state/format.js';
import { useColor, useToneProps } from '../theme.js';

interface FindingsViewProps {
  /** The audit's findings; null until the audit has run (or when there is no audit). */
  findings: Finding[] | null;
  /** The accounts read, when several: their order and the failed ones for the grouping by account. */
  accounts?: readonly AccountState[] | null;
  certificates: readonly Certificate[];
  arnIndex: ReadonlyMap<string, number>;
  view: FindingsViewState;
  /** The previous run's findings (findingKey), on a warm start: the others are marked new. */
  lastRunFindings?: ReadonlySet<string> | null;
  load: 'loading' | 'done' | 'failed';
  /** An audit is configured and its findings are not in yet. */
  auditing: boolean;
  /** The `/` input has the keys. */
  editing?: boolean;
  width: number;
  height: number;
}

/** Marks a finding that may still change when the certificate's detail arrives. */
export const PROVISIONAL_MARK = '~ ';

function severityTone(s: Severity): Tone {
  return s === 'critical' || s === 'high' ? 'danger' : s === 'medium' ? 'warning' : s === 'low' ? 'accent' : 'muted';
}

interface Columns {
  severity: number;
  rule: number;
  domain: number;
  /** 0: no account column (one account, or grouped by account: the header names it). */
  account: number;
  region: number;
  title: number;
}

/**
 * `account`: the width the account column would like (0 for none), `shortened`: its width with the shared
 * prefix left out. The whole names when they fit in a fifth of the row, else the shortened ones in up to a quarter.
 */
export function findingsColumns(width: number, account = 0, shortened = account): Columns {
  const severity = 9;
  const region = 15;
  const avail = width - 4 - severity - region;
  const fifth = Math.max(12, Math.floor(avail / 5));
  const acct = account <= 0 ? 0 : (account <= fifth ? account : Math.min(account, Math.max(fifth, Math.min(shortened, Math.floor(avail / 4))))) + 1;
  const rest = Math.max(20, width - 1 - 4 - severity - region - acct);
  const rule = Math.min(26, Math.max(10, Math.floor(rest * 0.25)));
  const domain = Math.min(38, Math.max(10, Math.floor(rest * 0.38)));
  return { severity, rule, domain, account: acct, region, title: Math.max(5, rest - rule - domain) };
}

function Message(props: { width: number; height: number; title: string; lines: string[] }): React.JSX.Element {
  const color = useColor();
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text bold color={color ? 'cyan' : undefined}>
        {props.title}
      </Text>
      {props.lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}

export function FindingsView(props: FindingsViewProps): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  const { width, height } = props;
  // Hooks before any early return: React needs the same hooks in the same order on every render.
  const named = useMemo(() => findingAccounts(props.findings ?? []), [props.findings]);
  const prefix = useMemo(() => sharedAccountPrefix(props.accounts ?? named), [props.accounts, named]);

  if (props.findings === null) {
    if (props.auditing && props.load === 'loading') return <Message width={width} height={height} title="Findings" lines={['auditing… (the audit runs as soon as the inventory has loaded)']} />;
    if (props.auditing && props.load === 'done') return <Message width={width} height={height} title="Findings" lines={['auditing…']} />;
    if (props.load === 'failed') return <Message width={width} height={height} title="Findings" lines={['The inventory failed to load, so there is nothing to audit. r retries.']} />;
    return <Message width={width} height={height} title="Findings" lines={['No audit runs in this session.']} />;
  }
  if (props.findings.length === 0) {
    return <Message width={width} height={height} title="Findings" lines={['No findings: every certificate passes every rule. ✓']} />;
  }

  const accounts = props.accounts ?? null;
  const query = props.view.query ?? '';
  const queryShown = props.editing || query !== '';
  const sort = props.view.sort ?? 'severity';
  const byAccount = props.view.by === 'account' && sort === 'severity';
  const layout = layoutOf(props.view, props.findings, accounts);
  const listHeight = findingsListHeight(height);
  const detailHeight = findingsDetailHeight(height);
  const win = clampScroll(props.view, findingsExtent(layout, listHeight));
  const several = (accounts?.length ?? 0) > 1 || named.length > 1;
  const full = accountColumnWidth(accounts ?? named, false);
  const shortened = prefix ? 1 + Math.max(0, ...(accounts ?? named).map((a) => [...(a.name ?? a.id ?? '')].length - prefix.length)) : full;
  const cols = findingsColumns(width, several && !byAccount ? full : 0, shortened);
  const domainOf = (f: Finding): string => {
    if (!f.certificateArn) return '(account)';
    const c = props.certificates[props.arnIndex.get(f.certificateArn) ?? -1];
    return c ? safe(c.domainName, '(no domain)') : '(not in inventory)';
  };

  const end = Math.min(layout.rows.length, win.offset + listHeight);
  const visible: React.JSX.Element[] = [];
  for (let r = win.offset; r < end; r++) {
    const row = layout.rows[r];
    const isNew = row.kind === 'finding' && !!props.lastRunFindings && !props.lastRunFindings.has(findingKey(row.finding));
    visible.push(<Row key={r} row={layout.rows[r]} selected={rowSelected(layout, r, win.cursor)} isNew={isNew} cols={cols} domainOf={domainOf} prefix={prefix} />);
  }
  const selected = layout.ordered[win.cursor];
  const newCount = props.lastRunFindings ? layout.ordered.filter((f) => !props.lastRunFindings!.has(findingKey(f))).length : 0;

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1}>
        <Text wrap="truncate-end">
          {queryShown ? (
            <Text color={color ? 'cyan' : undefined}>{`/${sanitiseForTerminal(query)}${props.editing ? '█' : ''}  `}</Text>
          ) : null}
          <Text bold>{`${queryShown && query ? `${layout.ordered.length} of ${props.findings.length}` : layout.ordered.length} finding${layout.ordered.length === 1 ? '' : 's'}`}</Text>
          {/* The order before the counts: a narrow window cuts the end of this line. */}
          {sort !== 'severity' ? <Text dimColor={color}>{`  sorted by ${sort} ${props.view.descending ? '▼' : '▲'}`}</Text> : null}
          {SEVERITIES.map((s) => (
            <Text key={s}>
              {' · '}
              <Text {...(layout.counts[s] > 0 ? tone(severityTone(s)) : { dimColor: color || undefined })}>{`${layout.counts[s]} ${s}`}</Text>
            </Text>
          ))}
          <Text dimColor={color}>{`   ${layout.ordered.length ? win.cursor + 1 : 0}/${layout.ordered.length}`}</Text>
          {several && sort === 'severity' ? <Text dimColor={color}>{byAccount ? '   by account (a: by severity)' : '   a: by account'}</Text> : null}
          {layout.ordered.some((f) => f.provisional) ? <Text dimColor={color}>{`   ${PROVISIONAL_MARK}provisional: details still loading`}</Text> : null}
          {newCount > 0 ? <Text dimColor={color}>{`   ${NEW_MARK}${newCount} new since last run`}</Text> : null}
        </Text>
      </Box>
      <Box flexDirection="row" height={listHeight}>
        <Box flexDirection="column" flexGrow={1} overflow="hidden">
          {visible}
        </Box>
        <Scrollbar offset={win.offset} height={listHeight} count={layout.rows.length} />
      </Box>
      <FindingDetail finding={selected} domain={selected ? domainOf(selected) : ''} notice={props.view.notice ?? (layout.ordered.length === 0 ? `No finding matches /${sanitiseForTerminal(query)} — Esc clears the filter.` : null)} width={width} height={detailHeight} />
    </Box>
  );
}

/** The accounts the findings name, when the accounts read are not known. */
function findingAccounts(findings: readonly Finding[]): Array<{ id: string | null; name: string | null }> {
  const seen = new Map<string | null, string | null>();
  for (const f of findings) if (!seen.has(f.accountId ?? null)) seen.set(f.accountId ?? null, f.accountName ?? null);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function severityCounts(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(' · ');
}

function rowSelected(layout: FindingsLayout, row: number, cursor: number): boolean {
  return layout.rowOf[cursor] === row;
}

/** Before the title of a finding the previous run did not have. */
const NEW_MARK = '+ ';

const Row = React.memo(function Row(props: { row: FindingsRow; selected: boolean; isNew: boolean; cols: Columns; domainOf: (f: Finding) => string; prefix: string }): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  const { row, cols } = props;
  if (row.kind === 'severity') {
    return (
      <Box height={1}>
        <Text wrap="truncate-end" bold {...tone(severityTone(row.severity))}>
          {`${row.severity.toUpperCase()} (${row.count})`}
        </Text>
      </Box>
    );
  }
  if (row.kind === 'account') {
    const name = row.name === null ? null : safe(row.name);
    const mark = row.error ? '✗' : row.count > 0 ? '▸' : '✓';
    return (
      <Box height={1}>
        <Text wrap="truncate-end">
          <Text {...tone(row.error ? 'danger' : row.count > 0 ? 'accent' : 'ok')}>{mark}</Text>
          <Text bold>{` ${name ?? safe(row.id, 'unknown account')}`}</Text>
          {name && row.id ? <Text dimColor={color}>{` ${safe(row.id)}`}</Text> : null}
          {row.error ? (
            <Text {...tone('danger')}>{`  not read: ${safe(row.error.code)}: ${safe(row.error.message)}`}</Text>
          ) : row.count === 0 ? (
            <Text dimColor={color}>{'  no findings'}</Text>
          ) : (
            <Text>{`  ${row.count} finding${row.count === 1 ? '' : 's'}: ${severityCounts(row.counts)}`}</Text>
          )}
        </Text>
      </Box>
    );
  }
  if (row.kind === 'rule') {
    const rule = ruleById(row.ruleId);
    return (
      <Box height={1}>
        <Text wrap="truncate-end">
          {'  '}
          <Text bold>{sanitiseForTerminal(row.ruleId)}</Text>
          {rule ? <Text dimColor={color}>{` — ${rule.title}`}</Text> : null}
          {` (${row.count})`}
        </Text>
      </Box>
    );
  }
  const f = row.finding;
  const sel = props.selected;
  const cell = (key: string, w: number, text: string, extra: Record<string, unknown> = {}) => (
    <Box key={key} width={w} marginRight={1} flexShrink={0}>
      <Text wrap="truncate-end" inverse={color && sel} {...extra}>
        {text}
      </Text>
    </Box>
  );
  return (
    <Box height={1}>
      <Box width={4} flexShrink={0}>
        <Text bold={color && sel}>{sel ? '  › ' : ' '}</Text>
      </Box>
      {cell('sev', cols.severity - 1, f.severity, tone(severityTone(f.severity)))}
      {cell('rule', cols.rule - 1, sanitiseForTerminal(f.ruleId))}
      {cell('domain', cols.domain - 1, props.domainOf(f))}
      {cols.account > 0 ? cell('account', cols.account - 1, accountCell(f.accountName ? safe(f.accountName) : null, f.accountId ? safe(f.accountId) : null, cols.account - 1, props.prefix)) : null}
      {cell('region', cols.region - 1, safe(f.region, '—'))}
      <Box width={cols.title} flexShrink={0}>
        <Text wrap="truncate-end" inverse={color && sel}>
          {`${props.isNew ? NEW_MARK : ''}${f.provisional ? PROVISIONAL_MARK : ''}${safe(f.title)}`}
        </Text>
      </Box>
    </Box>
  );
});

function FindingDetail(props: { finding: Finding | undefined; domain: string; notice: string | null; width: number; height: number }): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  const f = props.finding;
  const w = props.width - 2;
  const lines: React.JSX.Element[] = [];
  lines.push(
    <Text key="sep" dimColor={color} wrap="truncate-end">
      {'─'.repeat(Math.max(1, props.width))}
    </Text>,
  );
  if (props.notice) {
    lines.push(
      <Text key="notice" color={color ? 'yellow' : undefined} wrap="truncate-end">
        {props.notice}
      </Text>,
    );
  }
  if (f) {
    const rule = ruleById(f.ruleId);
    lines.push(
      <Text key="head" wrap="truncate-end">
        <Text {...tone(severityTone(f.severity))}>{`[${f.severity}]`}</Text>
        <Text bold>{` ${safe(f.title)}`}</Text>
        {f.provisional ? <Text dimColor={color}>{'  (provisional: the certificate’s detail is still being read)'}</Text> : null}
        <Text dimColor={color}>{`  ${sanitiseForTerminal(f.ruleId)} · ${props.domain} · ${safe(f.region, 'account-wide')}${f.accountId ? ` · account ${safe(f.accountName ? `${f.accountName} (${f.accountId})` : f.accountId)}` : ''}`}</Text>
      </Text>,
    );
    const para = (key: string, label: string, text: string) => {
      wrap(`${label}${text}`, w).forEach((l, i) =>
        lines.push(
          <Text key={`${key}-${i}`} wrap="truncate-end">
            {i === 0 && label ? (
              <>
                <Text bold>{label}</Text>
                {l.slice(label.length)}
              </>
            ) : (
              l
            )}
          </Text>,
        ),
      );
    };
    // The fix before the detail: in a short window it is the line that must not be cut.
    para('fix', 'Fix: ', safe(f.remediation, rule?.remediation ?? '—'));
    para('detail', '', safe(f.detail, ''));
    if (rule) {
      para('why', 'Why: ', rule.rationale);
      if (rule.references.length) para('refs', 'Refs: ', rule.references.join(', '));
    }
  }
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      {lines.slice(0, props.height)}
    </Box>
  );
}
