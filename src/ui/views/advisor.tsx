import React from 'react';
import type { Certificate } from '../../domain/certificate.js';
import { Placeholder } from './placeholders.js';

export interface AdvisorViewProps {
  certificates: readonly Certificate[];
  /** acm-advisor's config directory, where answers will be saved and resumed. */
  configDir: string;
  width: number;
  height: number;
}

/** Placeholder: the advisor issue replaces this component (same props). */
export function AdvisorView(props: AdvisorViewProps): React.JSX.Element {
  return (
    <Placeholder
      title="Advisor"
      body="The adoption questionnaire arrives with the advisor issue: one question at a time, with evidence from this account."
      width={props.width}
      height={props.height}
    />
  );
}
