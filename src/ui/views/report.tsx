/**
 * Report (key 5): a scrollable preview of the Markdown report (the same text `e` exports), whether the
 * advice from the Advisor's answers (the app state, not the file) is in it, and the export line — path prompt, the
 * overwrite question, the result. Only the visible lines render; every line is sanitised (selectors.ts).
 */
import React from 'react';
import { Box, Text } from 'ink';
import { sanitiseForTerminal } from '../../domain/text.js';
import { Scrollbar } from '../components/scrollbar.js';
import type { ReportPreviewState } from '../state/selectors.js';
import { reportPreviewHeight, type ExportFormat, type ReportViewState } from '../state/report-view.js';
import { useColor } from '../theme.js';

interface ReportViewProps {
  preview: ReportPreviewState;
  view: ReportViewState;
  width: number;
  height: number;
}

const FORMAT_NAME: Record<ExportFormat, string> = { md: 'Markdown', json: 'JSON' };

export function ReportView(props: ReportViewProps): React.JSX.Element {
  const color = useColor();
  const { preview, view, width, height } = props;
  const page = reportPreviewHeight(height);
  const lines = preview.preview?.lines ?? [];
  const max = Math.max(0, lines.length - page);
  const scroll = Math.min(view.scroll, max);

  let body: React.JSX.Element[];
  if (preview.status === 'loading') body = [<Text key="m">Loading the inventory… the report previews when it has loaded.</Text>];
  else if (preview.status === 'auditing') body = [<Text key="m">auditing…</Text>];
  else if (preview.status === 'error') body = [<Text key="m" color={color ? 'red' : undefined}>{`The report could not be built: ${preview.error ?? 'unknown error'}`}</Text>];
  else body = lines.slice(scroll, scroll + page).map((l, i) => <PreviewLine key={scroll + i} line={l} />);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Banner preview={preview} scroll={scroll} page={page} total={lines.length} />
      <Box flexDirection="row" height={page}>
        <Box flexDirection="column" flexGrow={1} overflow="hidden">
          {body}
        </Box>
        <Scrollbar offset={scroll} height={page} count={lines.length} />
      </Box>
      <ExportLine view={view} />
    </Box>
  );
}

function Banner(props: { preview: ReportPreviewState; scroll: number; page: number; total: number }): React.JSX.Element {
  const color = useColor();
  const advice = props.preview.preview?.advice;
  let text: React.JSX.Element;
  if (!advice) text = <Text dimColor={color}>Report preview</Text>;
  else if (advice.kind === 'none')
    text = (
      <Text color={color ? 'yellow' : undefined}>
        {`Advice: no answers yet${advice.workload ? ` for workload ${sanitiseForTerminal(advice.workload)}` : ''} — press 4 to answer the questionnaire`}
      </Text>
    );
  else if (advice.kind === 'included')
    text = (
      <Text color={color ? 'green' : undefined}>
        {`Advice: from ${advice.answered} saved answer${advice.answered === 1 ? '' : 's'}${advice.workload ? ` (workload ${sanitiseForTerminal(advice.workload)})` : ''}`}
      </Text>
    );
  else text = <Text color={color ? 'red' : undefined}>{`Advice unavailable: ${sanitiseForTerminal(advice.message)}`}</Text>;
  const range = props.total > 0 ? `lines ${props.scroll + 1}–${Math.min(props.total, props.scroll + props.page)} of ${props.total}` : '';
  return (
    <Box height={1}>
      {/* The advice line gives way to the position, never overlaps it. */}
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">
          {text}
          {props.preview.sessionWarning ? <Text color={color ? 'yellow' : undefined}>{`  (${props.preview.sessionWarning})`}</Text> : null}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text dimColor={color}>{range ? `  ${range}` : ''}</Text>
      </Box>
    </Box>
  );
}

const PreviewLine = React.memo(function PreviewLine(props: { line: string }): React.JSX.Element {
  const color = useColor();
  const l = props.line;
  if (/^#{1,6} /.test(l)) {
    return (
      <Text bold color={color && l.startsWith('# ') ? 'cyan' : undefined} underline={color && l.startsWith('## ')} wrap="truncate-end">
        {l}
      </Text>
    );
  }
  if (l.startsWith('```')) {
    return (
      <Text dimColor={color} wrap="truncate-end">
        {l}
      </Text>
    );
  }
  return <Text wrap="truncate-end">{l === '' ? ' ' : l}</Text>;
});

function ExportLine(props: { view: ReportViewState }): React.JSX.Element {
  const color = useColor();
  const e = props.view.export;
  let content: React.JSX.Element;
  switch (e.kind) {
    case 'idle':
      content = <Text dimColor={color}>e export Markdown · E export JSON</Text>;
      break;
    case 'input':
      content = (
        <Text>
          <Text bold>{`Export ${FORMAT_NAME[e.format]} to: `}</Text>
          {sanitiseForTerminal(e.path)}
          <Text inverse={color}>{color ? ' ' : '_'}</Text>
          <Text dimColor={color}>{'  Enter write · Esc cancel'}</Text>
        </Text>
      );
      break;
    case 'confirm':
      content = <Text color={color ? 'yellow' : undefined} bold>{`${sanitiseForTerminal(e.path)} exists. Overwrite? y/N`}</Text>;
      break;
    case 'writing':
      content = <Text>{`Writing ${sanitiseForTerminal(e.path)}…`}</Text>;
      break;
    case 'result':
      content = <Text color={color ? (e.ok ? 'green' : e.message.startsWith('Export failed') ? 'red' : 'yellow') : undefined}>{e.message}</Text>;
      break;
  }
  return (
    <Box height={1}>
      <Text wrap="truncate-end">{content}</Text>
    </Box>
  );
}
