import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Finding } from '../../domain/finding.js';
import { severityRank } from '../../domain/finding.js';
import type { Certificate } from '../../domain/certificate.js';
import type { CertificateTrust } from '../../domain/certificate-trust.js';
import type { AccountState, Inventory, InventorySource, RegionState } from '../../domain/inventory.js';
import { notFullyRead } from '../../domain/completeness.js';
import { safe } from '../../domain/text.js';
import { recordingSentence } from '../../domain/recording.js';
import { wrap } from '../state/detail-lines.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { attemptNote, waitingIn, waitLabel, type WaitingRequests } from '../../domain/waiting.js';
import { Bar } from '../components/bars.js';
import { Scrollbar } from '../components/scrollbar.js';
import type { LoadState } from '../state/app-state.js';
import { daysLabel, expiryTone, formatCount, monthLabel, shortKey, shortStatus, shortType } from '../state/format.js';
import { callerHeading, overviewOf } from '../state/overview.js';
import { useColor, useToneProps } from '../theme.js';

interface OverviewProps {
  label: InventorySource['label'];
  /** The inventory so far (selectors.ts `inventoryOf`): account, regions, warnings, certificates. */
  inventory: Inventory;
  /** Who issued each import, as the trust read found it (selectors.ts `readEvidenceOf`); absent before it ran. */
  trust?: ReadonlyMap<string, CertificateTrust>;
  load: LoadState;
  findings: readonly Finding[] | null;
  /** Thresholds the timeline and the expiry colours follow, as in the report. */
  config: AuditConfig;
  width: number;
  height: number;
  now: Date;
  /** Requests unanswered past the threshold (the status line names them; each region shows its own). */
  waiting?: readonly WaitingRequests[];
  /** In a narrow window the sections stack: the first line shown (the cursor keys move it). */
  scroll?: number;
  /** Told how many lines the stacked sections take, so the keys know how far they scroll. */
  onMeasure?: (lines: number) => void;
}

/** A region (or account-region) with a request past the threshold: distinct from loading (…) and partial (!). */
const WAITING_MARK = '◷';

/**
 * "DescribeCertificate ×16 waiting 12 s" (the longest wait), "+ 2 more" for other operations waiting in
 * the region. Short, operation first: in a half-width column the end of the line is what gets cut.
 */
function waitingNote(waits: readonly WaitingRequests[]): string {
  const longest = waits.reduce((a, b) => (b.waitedMs > a.waitedMs ? b : a));
  const others = waits.reduce((n, w) => n + w.count, 0) - longest.count;
  return `${safe(longest.operation)}${longest.count > 1 ? ` ×${longest.count}` : ''} waiting ${waitLabel(longest.waitedMs)}${attemptNote(longest)}${others > 0 ? ` + ${others} more` : ''}`;
}

function Section(props: { title: string }): React.JSX.Element {
  const color = useColor();
  return (
    <Text bold color={color ? 'cyan' : undefined} wrap="truncate-end">
      {props.title}
    </Text>
  );
}

/** "DescribeCertificate denied 22, tags throttled 3" */
function unreadCauses(r: RegionState): string {
  return (r.detailsFailed ?? []).map((f) => `${f.part} ${f.reason} ${formatCount(f.count)}`).join(', ');
}

function countsLine(entries: Array<[string, number]>, label: (k: string) => string): string {
  return entries.map(([k, n]) => `${label(k)} ${formatCount(n)}`).join(' · ') || '—';
}

interface AccountRow {
  id: string;
  name: string | null;
  status: AccountState['status'];
  error?: AccountState['error'];
  certificates: number;
  regions: Array<{ region: string; status: string; certificates: number; waiting: boolean }>;
}

/** Per account: its certificates, and per region on wide screens. */
function accountRows(
  accounts: AccountState[],
  regions: readonly RegionState[],
  certificates: readonly Certificate[],
  waiting: readonly WaitingRequests[],
  callerId: string | null,
): AccountRow[] {
  const count = new Map<string, number>();
  for (const c of certificates) {
    const key = `${c.accountId}\u0000${c.region}`;
    count.set(key, (count.get(key) ?? 0) + 1);
    count.set(c.accountId ?? '', (count.get(c.accountId ?? '') ?? 0) + 1);
  }
  return accounts.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status,
    ...(a.error ? { error: a.error } : {}),
    certificates: count.get(a.id) ?? 0,
    // The account's regions as they load (the account entry has them only once it is done).
    regions: regions
      .filter((r) => r.accountId === a.id)
      .map((r) => ({ region: r.region, status: r.status, certificates: count.get(`${a.id}\u0000${r.region}`) ?? 0, waiting: waitingIn(waiting, r, callerId).length > 0 })),
  }));
}

const NONE_WAITING: readonly WaitingRequests[] = [];

export function OverviewView(props: OverviewProps): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  const { now } = props;
  const { account, regions: allRegions, warnings, certificates, accounts, origin } = props.inventory;
  const waiting = props.waiting ?? NONE_WAITING;
  const callerId = account?.id ?? null;
  const perAccount = useMemo(
    () => (accounts ? accountRows(accounts, allRegions, certificates, waiting, callerId) : null),
    [accounts, allRegions, certificates, waiting, callerId],
  );
  // The forecast only once the load is done: a forecast of half an inventory would understate the load,
  // and recomputing it for every page of a large account would slow the load down.
  const loaded = props.load.status !== 'loading';
  const numbers = useMemo(
    () => overviewOf(certificates, props.findings, props.config, now, loaded, props.trust),
    // The clock by its value: a new Date of the same instant changes nothing.
    [certificates, props.findings, props.config, now.getTime(), loaded, props.trust],
  );
  const { counts, timeline, forecast } = numbers;
  const twoColumns = props.width >= 96;
  const colWidth = twoColumns ? Math.floor((props.width - 2) / 2) : props.width;
  const maxMonth = Math.max(1, ...timeline.map((m) => m.expiring));
  // Room for the month (11) and " 123 (12345 need action)" beside the bar.
  const barMax = Math.max(4, colWidth - 35);

  // Left: account, regions, counts.
  const left: React.JSX.Element[] = [];
  const caller = callerHeading(props.label, perAccount ? perAccount.length : null);
  left.push(<Section key="acct" title={caller.title} />);
  left.push(
    <Text key="acct-id" wrap="truncate-end">
      {'  '}
      {account ? safe(account.id) : props.load.status === 'loading' ? 'identifying…' : 'unknown'}
      {caller.note ? <Text dimColor={color}>{` (${caller.note})`}</Text> : null}
    </Text>,
  );
  if (account) left.push(<Text key="acct-arn" wrap="truncate-end" dimColor={color}>{`  ${safe(account.arn)}`}</Text>);
  left.push(
    <Text key="acct-profile" wrap="truncate-end" dimColor={color}>
      {`  profile ${props.label.demo ? 'demo' : safe(props.label.profile, 'default')}${props.label.endpoint ? ` · endpoint ${safe(props.label.endpoint)}` : ''}`}
    </Text>,
  );
  if (props.load.status === 'failed') left.push(<Text key="load-err" wrap="truncate-end" {...tone('danger')}>{`  Load failed: ${safe(props.load.error)}`}</Text>);
  if (origin) {
    // The whole sentence, wrapped: at 80 columns a cut line would lose what Config does not record.
    wrap(`A recording: ${safe(recordingSentence(origin, now))}`, Math.max(10, colWidth - 2)).forEach((line, i) =>
      left.push(<Text key={`origin-${i}`} wrap="truncate-end" {...tone('warning')}>{`  ${line}`}</Text>),
    );
  }
  left.push(<Text key="sp1"> </Text>);
  const countsBlock = 7 + 2 + (forecast ? forecast.phases.length : 1);
  if (perAccount) {
    // Several accounts: one line each (and its regions on a wide screen); a failed account says why.
    const settled = perAccount.filter((a) => a.status === 'ok' || a.status === 'error').length;
    left.push(<Section key="accounts" title={`Accounts ${settled}/${perAccount.length}`} />);
    // Stacked, every account is listed: the view scrolls.
    const room = twoColumns ? Math.max(2, props.height - left.length - countsBlock) : perAccount.length;
    const failedFirst = [...perAccount].sort((a, b) => Number(b.status === 'error') - Number(a.status === 'error'));
    const shown = failedFirst.slice(0, failedFirst.length > room ? room - 1 : room);
    const nameWidth = Math.min(26, Math.max(...perAccount.map((a) => (a.name ?? a.id).length)));
    for (const a of shown) {
      // An account with a request past the threshold is marked as waiting, like a region.
      const waitingIn = a.status === 'error' ? [] : a.regions.filter((r) => r.waiting);
      const mark = waitingIn.length > 0 ? WAITING_MARK : a.status === 'ok' ? '✓' : a.status === 'error' ? '✗' : a.status === 'loading' ? '…' : '·';
      const t = a.status === 'ok' ? 'ok' : a.status === 'error' ? 'danger' : a.status === 'loading' || waitingIn.length > 0 ? 'warning' : 'muted';
      const regionMarks =
        colWidth >= 60 && a.regions.length > 0
          ? `  ${a.regions.map((r) => `${r.waiting ? WAITING_MARK : r.status === 'ok' ? '✓' : r.status === 'error' ? '✗' : r.status === 'partial' ? '!' : '…'}${safe(r.region)} ${r.certificates}`).join(' ')}`
          : waitingIn.length > 0
            ? `  ${waitingIn.map((r) => `${WAITING_MARK}${safe(r.region)}`).join(' ')}`
            : '';
      left.push(
        <Text key={`a-${a.id}`} wrap="truncate-end">
          {'  '}
          <Text {...tone(t)}>{mark}</Text> {safe(a.name ?? a.id).slice(0, nameWidth).padEnd(nameWidth)} <Text dimColor={color}>{safe(a.id)}</Text>
          {a.error ? (
            <Text {...tone('danger')}>{`  ${safe(a.error.code)}`}</Text>
          ) : (
            <Text>{`  ${formatCount(a.certificates).padStart(5)} cert${a.certificates === 1 ? ' ' : 's'}`}<Text dimColor={color}>{regionMarks}</Text></Text>
          )}
        </Text>,
      );
      // The reason on a line of its own, so more of it fits.
      if (a.error) left.push(<Text key={`a-err-${a.id}`} wrap="truncate-end" {...tone('danger')}>{`      ${safe(a.error.message)}`}</Text>);
    }
    if (shown.length < perAccount.length) left.push(<Text key="a-more" dimColor={color}>{`  +${perAccount.length - shown.length} more (the table's Account column: s to sort, / to filter)`}</Text>);
  }
  const done = allRegions.filter((r) => r.status === 'ok' || r.status === 'error' || r.status === 'partial').length;
  if (!perAccount) left.push(<Section key="regions" title={`Regions ${done}/${props.load.regionsTotal ?? allRegions.length}`} />);
  const regionRoom = twoColumns ? Math.max(1, props.height - left.length - countsBlock) : allRegions.length;
  const regions = perAccount ? [] : allRegions.slice(0, allRegions.length > regionRoom ? regionRoom - 1 : regionRoom);
  for (const r of regions) {
    const waits = waitingIn(waiting, r, callerId);
    const mark = waits.length > 0 ? WAITING_MARK : r.status === 'ok' ? '✓' : r.status === 'error' ? '✗' : r.status === 'partial' ? '!' : r.status === 'loading' ? '…' : '·';
    const t = r.status === 'ok' ? 'ok' : r.status === 'error' ? 'danger' : r.status === 'loading' || r.status === 'partial' || waits.length > 0 ? 'warning' : 'muted';
    const unread = notFullyRead(r);
    left.push(
      <Text key={`r-${r.region}`} wrap="truncate-end">
        {'  '}
        <Text {...tone(t)}>{mark}</Text> {safe(r.region).padEnd(16)}
        {/* First: the line is cut at the column's edge, and what it waits on matters most while it waits. */}
        {waits.length > 0 ? <Text {...tone('warning')}>{`${waitingNote(waits)} · `}</Text> : null}
        {r.status === 'error'
          ? <Text {...tone('danger')}>{`${safe(r.error?.code)}: ${safe(r.error?.message)}`}</Text>
          : `${formatCount(r.described)}/${formatCount(r.listed)} described`}
        {unread > 0 ? <Text {...tone('warning')}>{` · ${formatCount(unread)} not fully read: ${safe(unreadCauses(r))}`}</Text> : null}
      </Text>,
    );
  }
  if (!perAccount && regions.length < allRegions.length) left.push(<Text key="r-more" dimColor={color}>{`  +${allRegions.length - regions.length} more`}</Text>);
  if (allRegions.length === 0) left.push(<Text key="r-none" dimColor={color}>  waiting for the region list…</Text>);
  left.push(<Text key="sp2"> </Text>);
  left.push(<Section key="counts" title={`Certificates ${formatCount(counts.total)}`} />);
  left.push(<Text key="c-status" wrap="truncate-end">{`  status  ${countsLine(counts.byStatus, (k) => shortStatus(safe(k)))}`}</Text>);
  left.push(<Text key="c-type" wrap="truncate-end">{`  type    ${countsLine(counts.byType, (k) => shortType(safe(k)))}`}</Text>);
  left.push(<Text key="c-key" wrap="truncate-end">{`  key     ${countsLine(counts.byKey, (k) => shortKey(safe(k)))}`}</Text>);
  left.push(
    <Text key="c-use" wrap="truncate-end">{`  in use  yes ${formatCount(counts.inUse.yes)} · no ${formatCount(counts.inUse.no)}${counts.inUse.unknown ? ` · unknown ${formatCount(counts.inUse.unknown)}` : ''}`}</Text>,
  );
  // The renewal load as the CA/Browser Forum shortens validity (the report has the table and chart).
  left.push(<Text key="sp-fc"> </Text>);
  left.push(<Section key="forecast" title="Manual renewals a year (CA/B Forum schedule)" />);
  if (!forecast) left.push(<Text key="fc-wait" dimColor={color}>  shown once the whole inventory is read</Text>);
  for (const p of forecast?.phases ?? [])
    left.push(
      <Text key={`fc-${p.from}`} wrap="truncate-end">
        {`  from ${p.from}  ${String(p.maxValidityDays).padStart(3)} d  ${String(p.manualRenewalsPerYear).padStart(5)}+ manual (≈${p.expectedManualRenewalsPerYear}) · ${p.redeploysPerYear}+ redeploys (≈${p.expectedRedeploysPerYear})`}
        {p.removedByAdoption > 0 ? <Text {...tone('ok')}>{`  −${p.removedByAdoption} with ACM`}</Text> : null}
      </Text>,
    );
  for (const w of warnings.slice(-2)) left.push(<Text key={`w-${w}`} wrap="truncate-end" {...tone('warning')}>{`  ! ${safe(w)}`}</Text>);

  // Right: timeline, most urgent, worst findings.
  const right: React.JSX.Element[] = [];
  right.push(
    <Text key="tl" wrap="truncate-end">
      <Text bold color={color ? 'cyan' : undefined}>Expiry — next 12 months</Text>
      <Text dimColor={color}>  █ renews by itself  ▓ needs action</Text>
    </Text>,
  );
  for (const m of timeline) {
    right.push(
      <Box key={m.month} height={1}>
        <Box width={11} flexShrink={0}>
          <Text>{`  ${monthLabel(m.month)}`}</Text>
        </Box>
        <Bar value={m.expiring} marked={m.needsAction} max={maxMonth} width={barMax} />
        <Text wrap="truncate-end">{` ${String(m.expiring).padStart(3)}${m.needsAction ? ` (${m.needsAction} need action)` : ''}`}</Text>
      </Box>,
    );
  }
  right.push(<Text key="sp3"> </Text>);
  const worst = props.findings ? [...props.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).slice(0, 3) : [];
  const urgentRoom = twoColumns ? Math.max(1, props.height - right.length - 1 - (worst.length ? worst.length + 2 : 0)) : 10;
  const urgent = numbers.urgent?.slice(0, urgentRoom) ?? null;
  right.push(<Section key="urgent" title="Most urgent" />);
  if (urgent === null) right.push(<Text key="u-wait" dimColor={color}>  Ranked once the audit has run.</Text>);
  else if (urgent.length === 0) right.push(<Text key="u-none" dimColor={color}>  Nothing to fix.</Text>);
  for (const u of urgent ?? []) {
    const days = u.daysLeft === null ? '—' : u.daysLeft < 0 ? `expired ${daysLabel(u.daysLeft)}` : daysLabel(u.daysLeft);
    right.push(
      <Text key={`u-${u.arn}`} wrap="truncate-end">
        {'  '}
        <Text {...tone(expiryTone(u.daysLeft, props.config.expiryDays))}>{days.padStart(16)}</Text>
        {`  ${safe(u.domainName, '(no domain)')}`}
        <Text dimColor={color}>{`  [${u.worstSeverity}] ${safe(u.topFinding.title)}`}</Text>
      </Text>,
    );
  }
  const byArn = new Map<string, string | null>();
  if (worst.length) for (const c of certificates) if (worst.some((f) => f.certificateArn === c.arn)) byArn.set(c.arn, c.domainName);
  if (worst.length) {
    right.push(<Text key="sp4"> </Text>);
    right.push(<Section key="worst" title="Worst findings" />);
    for (const [i, f] of worst.entries()) {
      right.push(
        <Text key={`f-${i}`} wrap="truncate-end">
          {'  '}
          <Text {...tone(f.severity === 'critical' || f.severity === 'high' ? 'danger' : 'warning')}>{`[${f.severity}]`}</Text>
          {` ${f.certificateArn && byArn.has(f.certificateArn) ? `${safe(byArn.get(f.certificateArn), '(no domain)')}: ` : ''}${safe(f.title)}`}
        </Text>,
      );
    }
  }

  // Every line is one row: cut the lists to the height rather than let Yoga shrink (and overlap) them.
  if (!twoColumns) {
    // Narrow: one column, every section in full, scrolled by the cursor keys (a scrollbar says there is more).
    const all = [...left, <Text key="sp-mid"> </Text>, ...right];
    props.onMeasure?.(all.length);
    const offset = Math.max(0, Math.min(props.scroll ?? 0, all.length - props.height));
    const overflows = all.length > props.height;
    return (
      <Box flexDirection="row" width={props.width} height={props.height} overflow="hidden">
        <Box flexDirection="column" width={overflows ? props.width - 1 : props.width} overflow="hidden">
          {all.slice(offset, offset + props.height)}
        </Box>
        {overflows ? <Scrollbar offset={offset} height={props.height} count={all.length} /> : null}
      </Box>
    );
  }
  props.onMeasure?.(props.height);
  return (
    <Box flexDirection="row" width={props.width} height={props.height} overflow="hidden">
      <Box flexDirection="column" width={colWidth} marginRight={2} overflow="hidden">
        {left.slice(0, props.height)}
      </Box>
      <Box flexDirection="column" width={colWidth} overflow="hidden">
        {right.slice(0, props.height)}
      </Box>
    </Box>
  );
}
