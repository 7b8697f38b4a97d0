/** The report's sections, in their order; `report --sections` picks among them (a leaf module: the CLI loads it at start). */
export const REPORT_SECTIONS = ['accounts', 'summary', 'timeline', 'forecast', 'findings', 'answers', 'recommendation', 'plan', 'inventory', 'facts'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
