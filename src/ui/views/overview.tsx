import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Finding } from '../../domain/finding.js';
import { severityRank } from '../../domain/finding.js';
import type { Inventory, InventorySource } from '../../domain/inventory.js';
import { safe } from '../../domain/text.js';
import { Bar } from '../components/bars.js';
import type { LoadState } from '../state/app-state.js';
import { daysLabel, expiryTone, formatCount, shortKey, shortStatus, shortType } from '../state/format.js';
import { countCertificates, expiryTimeline, mostUrgent } from '../state/overview.js';
import { forecastRenewalLoad } from '../../advisor/forecast.js';
import { useColor, useToneProps } from '../theme.js';

interface OverviewProps {
  label: InventorySource['label'];
  /** The inventory so far (selectors.ts `inventoryOf`): account, regions, warnings, certificates. */
  inventory: Inventory;
  load: LoadState;
  findings: readonly Finding[] | null;
  width: number;
  height: number;
  now: Date;
}

function Section(props: { title: string }): React.JSX.Element {
  const color = useColor();
  return (
    <Text bold color={color ? 'cyan' : undefined} wrap="truncate-end">
      {props.title}
    </Text>
  );
}

function countsLine(entries: Array<[string, number]>, label: (k: string) => string): string {
  return entries.map(([k, n]) => `${label(k)} ${formatCount(n)}`).join(' · ') || '—';
}

export function OverviewView(props: OverviewProps): React.JSX.Element {
  const color = useColor();
  const tone = useToneProps();
  const { now } = props;
  const { account, regions: allRegions, warnings, certificates } = props.inventory;
  const counts = useMemo(() => countCertificates(certificates), [certificates]);
  const timeline = useMemo(() => expiryTimeline(certificates, now), [certificates, now.getTime()]);
  // Only once the load is done: a forecast of half an inventory would understate the load, and recomputing it
  // for every page of a large account would slow the load down.
  const loading = props.load.status === 'loading';
  const forecast = useMemo(() => (loading ? null : forecastRenewalLoad({ certificates }, now)), [loading, certificates, now.getTime()]);
  const twoColumns = props.width >= 96;
  const colWidth = twoColumns ? Math.floor((props.width - 2) / 2) : props.width;
  const maxMonth = Math.max(1, ...timeline.map((m) => m.total));
  const barMax = Math.max(4, colWidth - 30);

  // Left: account, regions, counts.
  const left: React.JSX.Element[] = [];
  left.push(<Section key="acct" title="Account" />);
  left.push(
    <Text key="acct-id" wrap="truncate-end">
      {'  '}
      {account ? safe(account.id) : props.load.status === 'loading' ? 'identifying…' : 'unknown'}
      {props.label.demo ? <Text dimColor={color}> (built-in demo account)</Text> : null}
    </Text>,
  );
  if (account) left.push(<Text key="acct-arn" wrap="truncate-end" dimColor={color}>{`  ${safe(account.arn)}`}</Text>);
  left.push(
    <Text key="acct-profile" wrap="truncate-end" dimColor={color}>
      {`  profile ${props.label.demo ? 'demo' : safe(props.label.profile, 'default')}${props.label.endpoint ? ` · endpoint ${safe(props.label.endpoint)}` : ''}`}
    </Text>,
  );
  if (props.load.status === 'failed') left.push(<Text key="load-err" wrap="truncate-end" {...tone('danger')}>{`  Load failed: ${safe(props.load.error)}`}</Text>);
  left.push(<Text key="sp1"> </Text>);
  const done = allRegions.filter((r) => r.status === 'ok' || r.status === 'error').length;
  left.push(<Section key="regions" title={`Regions ${done}/${props.load.regionsTotal ?? allRegions.length}`} />);
  const countsBlock = 7 + 2 + (forecast ? forecast.phases.length : 1);
  const regionRoom = twoColumns ? Math.max(1, props.height - left.length - countsBlock) : 3;
  const regions = allRegions.slice(0, allRegions.length > regionRoom ? regionRoom - 1 : regionRoom);
  for (const r of regions) {
    const mark = r.status === 'ok' ? '✓' : r.status === 'error' ? '✗' : r.status === 'loading' ? '…' : '·';
    const t = r.status === 'ok' ? 'ok' : r.status === 'error' ? 'danger' : r.status === 'loading' ? 'warning' : 'muted';
    left.push(
      <Text key={`r-${r.region}`} wrap="truncate-end">
        {'  '}
        <Text {...tone(t)}>{mark}</Text> {safe(r.region).padEnd(16)}
        {r.status === 'error'
          ? <Text {...tone('danger')}>{`${safe(r.error?.code)}: ${safe(r.error?.message)}`}</Text>
          : `${formatCount(r.described)}/${formatCount(r.listed)} described`}
      </Text>,
    );
  }
  if (regions.length < allRegions.length) left.push(<Text key="r-more" dimColor={color}>{`  +${allRegions.length - regions.length} more`}</Text>);
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
        {`  from ${p.from}  ${String(p.maxValidityDays).padStart(3)} d  ${String(p.manualRenewalsPerYear).padStart(5)} manual · ${p.redeploysPerYear} redeploys`}
        {p.removedByAdoption > 0 ? <Text {...tone('ok')}>{`  −${p.removedByAdoption} with ACM`}</Text> : null}
      </Text>,
    );
  for (const w of warnings.slice(-2)) left.push(<Text key={`w-${w}`} wrap="truncate-end" {...tone('warning')}>{`  ! ${safe(w)}`}</Text>);

  // Right: timeline, most urgent, worst findings.
  const right: React.JSX.Element[] = [];
  right.push(
    <Text key="tl" wrap="truncate-end">
      <Text bold color={color ? 'cyan' : undefined}>Expiry — next 12 months</Text>
      <Text dimColor={color}>  █ ACM-managed  ▓ imported</Text>
    </Text>,
  );
  for (const m of timeline) {
    right.push(
      <Box key={m.month} height={1}>
        <Box width={11} flexShrink={0}>
          <Text>{`  ${m.label}`}</Text>
        </Box>
        <Bar value={m.total} marked={m.imported} max={maxMonth} width={barMax} />
        <Text wrap="truncate-end">{` ${String(m.total).padStart(3)}${m.imported ? ` (${m.imported} imported)` : ''}`}</Text>
      </Box>,
    );
  }
  right.push(<Text key="sp3"> </Text>);
  const worst = props.findings ? [...props.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).slice(0, 3) : [];
  const urgentRoom = Math.max(1, (twoColumns ? props.height : props.height - left.length) - right.length - 1 - (worst.length ? worst.length + 2 : 0));
  const urgent = mostUrgent(certificates, now, Math.min(10, urgentRoom));
  right.push(<Section key="urgent" title="Most urgent" />);
  if (urgent.length === 0) right.push(<Text key="u-none" dimColor={color}>  Nothing expires within 90 days.</Text>);
  for (const u of urgent) {
    const c = certificates[u.index];
    right.push(
      <Text key={`u-${c.arn}`} wrap="truncate-end">
        {'  '}
        <Text {...tone(expiryTone(u.days))}>{(u.days < 0 ? `expired ${daysLabel(u.days)}` : daysLabel(u.days)).padStart(16)}</Text>
        {`  ${safe(c.domainName, '(no domain)')}`}
        <Text dimColor={color}>{`  ${shortType(c.type)} · ${safe(c.region)}`}</Text>
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
    return (
      <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
        {[...left, <Text key="sp-mid"> </Text>, ...right].slice(0, props.height)}
      </Box>
    );
  }
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
