import React from 'react';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import { Placeholder } from './placeholders.js';

export interface FindingsViewProps {
  /** The audit's findings; null until an audit function is wired into runTui. */
  findings: Finding[] | null;
  certificates: readonly Certificate[];
  width: number;
  height: number;
  now: Date;
}

/** Placeholder: the audit issue replaces this component (same props). */
export function FindingsView(props: FindingsViewProps): React.JSX.Element {
  const body =
    props.findings === null
      ? 'The best-practice audit arrives with the audit issue. Its findings will be grouped here by severity and rule.'
      : `${props.findings.length} findings computed; the grouped view arrives with the audit issue.`;
  return <Placeholder title="Findings" body={body} width={props.width} height={props.height} />;
}
