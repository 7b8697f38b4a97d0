export { buildReport } from './model.js';
export type { Report, ReportFinding, ReportUrgentCertificate, BuildReportInput } from './model.js';
export { renderReportJson } from './render-json.js';
export { renderReportMarkdown, buildReportTree } from './render-markdown.js';
export { writeReportFile } from './write-file.js';
