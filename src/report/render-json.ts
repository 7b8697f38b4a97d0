import type { Report } from './model.js';

/**
 * The report as JSON: PRODUCT.md's audit fields (`findings`, `summary`), the
 * inventory (`account`, `regions`, `certificates`) and, when answers were given,
 * `recommendation` and `plan` — null otherwise, so consumers see a stable shape.
 * JSON.stringify escapes control characters, so hostile values stay inert.
 */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
