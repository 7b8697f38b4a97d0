import { toInertJson } from '../domain/text.js';
import type { Report } from './model.js';

/**
 * The report as JSON: the audit's fields (`findings`, `summary`, as `audit --format json` has them), the
 * inventory (`account`, `regions`, `certificates`) and, when answers were given,
 * `recommendation` and `plan` — null otherwise, so consumers see a stable shape.
 * Every control, separator and bidi character is a \u escape, so hostile values stay inert
 * on a terminal and the data is unchanged for a parser.
 */
export function renderReportJson(report: Report): string {
  return `${toInertJson(report)}\n`;
}
