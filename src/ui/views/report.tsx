import React from 'react';
import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import { Placeholder } from './placeholders.js';

export interface ReportViewProps {
  certificates: readonly Certificate[];
  findings: Finding[] | null;
  configDir: string;
  width: number;
  height: number;
}

/** Placeholder: the report issue replaces this component (same props). */
export function ReportView(props: ReportViewProps): React.JSX.Element {
  return (
    <Placeholder
      title="Report"
      body="The recommendation, plan and Markdown export arrive with the advisor/report issue."
      width={props.width}
      height={props.height}
    />
  );
}
