import type {
  Code,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';
import { SEVERITIES } from '../domain/finding.js';
import type { Certificate } from '../domain/certificate.js';
import type { Report, ReportAccount } from './model.js';
import { columnsFor } from '../domain/certificate-columns.js';
import { recordingSentence } from '../domain/recording.js';
import { fenceLanguage, mdCode, mdText, mermaidLabel, safeUrl } from './text.js';
import { serialiseMarkdown } from './serialise.js';
import { REPORT_SECTIONS, type ReportSection } from '../domain/report-sections.js';

/*
 * Every string from AWS, tags, answers or advice goes into an mdast `text` node via
 * mdText(); the serialiser escapes Markdown syntax (|, `, <, [, autolink literals).
 * No `html` nodes are ever built, and the only links are fact sources we ship.
 */

// What a GFM parser turns into a link even when every character is escaped: GitHub
// and mdast-util-gfm find these in the text after escapes are resolved. Such runs are
// put in code spans, which keep the exact value copyable and are never linked.
const AUTOLINKABLE = /(?:https?:\/\/|www\.)\S*|[\w+\-.]+@[\w-]+(?:\.[\w-]+)+/gi;
// Every match of AUTOLINKABLE holds one of these; most cells hold none.
const MAY_AUTOLINK = /:\/\/|www\.|@/i;

const t = (value: string | null | undefined, empty?: string): PhrasingContent[] => {
  const clean = mdText(value, empty);
  if (!MAY_AUTOLINK.test(clean)) return [{ type: 'text', value: clean }];
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of clean.matchAll(AUTOLINKABLE)) {
    if (m.index > last) out.push({ type: 'text', value: clean.slice(last, m.index) });
    out.push({ type: 'inlineCode', value: m[0] });
    last = m.index + m[0].length;
  }
  if (last < clean.length || out.length === 0) out.push({ type: 'text', value: clean.slice(last) });
  return out;
};
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: t(value) });
const para = (...children: Array<PhrasingContent | PhrasingContent[]>): Paragraph => ({
  type: 'paragraph',
  children: children.flat(),
});
const heading = (depth: 1 | 2 | 3, value: string): Heading => ({ type: 'heading', depth, children: t(value) });
const code = (lang: string | null, value: string): Code => ({ type: 'code', lang: fenceLanguage(lang), meta: null, value: mdCode(value) });

type Cell = string | null | PhrasingContent[];

function table(headers: string[], rows: Cell[][]): Table {
  const mkRow = (cells: Cell[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): TableCell => ({ type: 'tableCell', children: Array.isArray(c) ? c : t(c) })),
  });
  return { type: 'table', align: headers.map(() => null), children: [mkRow(headers), ...rows.map(mkRow)] };
}

function list(items: Array<Array<PhrasingContent | PhrasingContent[]>>, ordered = false): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [para(...children)] })),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function certName(c: { domainName: string | null; arn: string }): string {
  return c.domainName ?? c.arn;
}

function regionsSection(report: Report): RootContent[] {
  const out: RootContent[] = [heading(2, 'Account and regions')];
  out.push(
    para(
      t(
        report.account
          ? `Account ${report.account.id} (${report.account.arn}), ${plural(report.regions.length, 'region')}.`
          : `Account identity unavailable; ${plural(report.regions.length, 'region')}.`,
      ),
    ),
  );
  if (report.failedRegions.length) {
    out.push(
      para(
        strong('Incomplete:'),
        t(` ${report.failedRegions.join(', ')} could not be read, so this report covers the other regions only.`),
      ),
    );
  }
  out.push(
    table(
      ['Region', 'Status', 'Error'],
      report.regions.map((r) => [r.region, r.status, r.error ? `${r.error.code}: ${r.error.message}` : null]),
    ),
  );

  return out;
}

/** Across an organisation: one row per account, the failed ones named with their reason. */
function accountsSection(accounts: NonNullable<Report['accounts']>): RootContent[] {
  const out: RootContent[] = [heading(2, 'Accounts')];
  const failed = accounts.filter((a) => a.status === 'error');
  out.push(para(t(`${plural(accounts.length, 'account')} read${failed.length ? `, ${failed.length} incomplete` : ''}.`)));
  if (failed.length) {
    out.push(
      para(
        strong('Incomplete:'),
        t(` ${failed.map((a) => a.name ?? a.id).join(', ')} could not be read in full, so this report covers what they allowed and every other account.`),
      ),
    );
  }
  out.push(
    table(
      ['Account', 'Id', 'Status', 'Certificates', 'Critical', 'High', 'Medium', 'Error'],
      accounts.map((a) => [
        a.name,
        a.id,
        a.status,
        String(a.certificates),
        String(a.summary.critical),
        String(a.summary.high),
        String(a.summary.medium),
        a.error ? `${a.error.code}: ${a.error.message}` : null,
      ]),
    ),
  );
  return out;
}


export interface ReportMarkdownOptions {
  /** Only these sections (the title, header and verdict always come); all when absent. */
  sections?: readonly ReportSection[];
  /**
   * The short form for a pull request or a ticket: verdict and reasons, the urgent table, findings counted
   * by rule and account, the plan's step titles. No per-finding rows, no inventory.
   */
  summary?: boolean;
}

const SECTION_BUILDERS: Record<ReportSection, (report: Report) => RootContent[]> = {
  accounts: (report) => (report.accounts ? accountsSection(report.accounts) : regionsSection(report)),
  summary: executiveSummary,
  timeline: timelineSection,
  forecast: (report) => forecastSection(report.forecast),
  findings: findingsSection,
  answers: answersSection,
  recommendation: recommendationSection,
  plan: planSection,
  inventory: inventorySection,
  facts: factsSection,
};

export function buildReportTree(report: Report, options: ReportMarkdownOptions = {}): Root {
  const out: RootContent[] = headerSection(report);
  const body = options.summary
    ? summaryBody(report)
    : (options.sections ? REPORT_SECTIONS.filter((s) => options.sections!.includes(s)) : REPORT_SECTIONS).flatMap((s) => SECTION_BUILDERS[s](report));
  const contents = tableOfContents(body);
  if (contents) out.push(contents);
  out.push(...body);
  return { type: 'root', children: out };
}

/** Title, what is missing, where the report came from, and the verdict: always there, whatever was picked. */
function headerSection(report: Report): RootContent[] {
  const out: RootContent[] = [];
  const accountLabel = report.accounts
    ? `${plural(report.accounts.length, 'account')}${report.account ? ` read from ${report.account.id}` : ''}`
    : report.account
      ? `account ${report.account.id}`
      : 'unknown account';
  out.push(heading(1, `ACM report: ${accountLabel}`));
  // A partial read is said before anything else, so nobody takes a short report for a clean one.
  if (report.partial) {
    const failedAccounts = (report.accounts ?? []).filter((x) => x.status === 'error');
    const what = [
      ...(failedAccounts.length ? [`${plural(failedAccounts.length, 'account')} could not be read in full (${failedAccounts.map((x) => x.name ?? x.id).join(', ')}).`] : []),
      ...(report.failedRegions.length ? [`${report.failedRegions.join(', ')} could not be read.`] : []),
      ...report.incomplete.map((line) => `${line}.`),
    ];
    out.push(para(strong('Incomplete:'), t(` ${what.join(' ')}`)));
  }
  out.push(para(t(`Generated ${report.generatedAt} from an inventory taken ${report.inventoryGeneratedAt}.`)));
  out.push(provenance(report));
  // The verdict and how final it is come first: a reader who stops here must not mistake a provisional verdict for a final one.
  if (report.recommendation) out.push(verdictHeadline(report.recommendation, report.workload));

  if (report.origin) {
    const o = report.origin;
    out.push(
      para(
        strong('A recording, not a live read:'),
        t(
          ` ${recordingSentence(o, new Date(report.generatedAt))} (oldest item captured ${o.capturedAt.oldest ?? 'at an unknown time'}). The fields Config does not record are empty here, and the checks that need them could not run.`,
        ),
      ),
    );
  }
  return out;
}

/** Which tool, command, regions, accounts and thresholds produced the report: enough to produce it again. */
function provenance(report: Report): List {
  const regions = [...new Set(report.regions.map((r) => r.region))].sort();
  const e = report.settings.expiryDays;
  const items: Array<Array<PhrasingContent | PhrasingContent[]>> = [];
  if (report.run) {
    items.push([strong('Tool:'), t(` ${report.run.tool} ${report.run.version}`)]);
    items.push([strong('Command:'), t(' '), { type: 'inlineCode', value: mdText([report.run.tool, ...report.run.command].join(' ')) }]);
  }
  items.push([strong('Read:'), t(` ${report.inventoryGeneratedAt}`)]);
  items.push([strong('Regions:'), t(` ${regions.length ? regions.join(', ') : 'none'}`)]);
  if (report.accounts) items.push([strong('Accounts:'), t(` ${report.accounts.map((a) => (a.name ? `${a.name} (${a.id})` : a.id)).join(', ')}`)]);
  else if (report.account) items.push([strong('Account:'), t(` ${report.account.id}`)]);
  items.push([
    strong('Thresholds:'),
    t(` high within ${e.high} days of expiry, medium within ${e.medium}; a managed renewal is late within ${report.settings.renewalLateDays} days; owner tag ${report.settings.ownerTag}`),
  ]);
  return list(items);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headingText(node: Heading): string {
  return node.children.map((c) => ('value' in c ? c.value : '')).join('');
}

/** A list of the body's second-level headings, each a link to its anchor; none for a one-section body. */
function tableOfContents(body: RootContent[]): RootContent | null {
  const headings = body.filter((n): n is Heading => n.type === 'heading' && n.depth === 2).map(headingText);
  if (headings.length < 3) return null;
  const seen = new Map<string, number>();
  return list(
    headings.map((text) => {
      const base = headingAnchor(text);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return [{ type: 'link', url: `#${n ? `${base}-${n}` : base}`, title: null, children: t(text) }];
    }),
  );
}

/** The certificate's name, a link to its console page when its ARN is a well-formed ACM one. */
function certificateCell(name: string, consoleUrl: string | null): Cell {
  return consoleUrl ? [{ type: 'link', url: consoleUrl, title: null, children: t(name) }] : name;
}

function executiveSummary(report: Report): RootContent[] {
  const out: RootContent[] = [heading(2, 'Executive summary')];
  if (report.recommendation) {
    out.push(
      para(
        strong('Verdict:'),
        t(` ${report.recommendation.verdict}${provisionalMark(report.recommendation)}`),
        ...(report.workload ? [t(` (workload: ${report.workload})`)] : []),
      ),
    );
  }
  out.push(
    para(
      t(
        `${plural(report.totals.certificates, 'certificate')}, ${report.totals.inUse} in use; ${plural(report.totals.findings, 'finding')}.`,
      ),
    ),
  );
  out.push(table(['Severity', 'Findings'], SEVERITIES.map((s) => [s, String(report.summary[s])])));
  out.push(...urgentSection(report));
  return out;
}

function urgentSection(report: Report): RootContent[] {
  const out: RootContent[] = [heading(3, 'Most urgent certificates')];
  if (report.urgent.length === 0) out.push(para(t('No certificate needs attention.')));
  else
    out.push(
      table(
        ['Certificate', ...(report.accounts ? ['Account'] : []), 'Region', 'Expires', 'Days left', 'Worst', 'Finding', 'Owner', 'Blast radius'],
        report.urgent.map((u) => [
          certificateCell(certName(u), u.consoleUrl),
          ...(report.accounts ? [u.account ?? null] : []),
          u.region,
          u.notAfter ? u.notAfter.slice(0, 10) : null,
          u.daysLeft === null ? null : String(u.daysLeft),
          u.worstSeverity,
          `${u.topFinding.ruleId}: ${u.topFinding.title}${u.findingCount > 1 ? ` (+${u.findingCount - 1} more)` : ''}`,
          u.owner,
          u.blastRadius,
        ]),
      ),
    );
  return out;
}

function timelineSection(report: Report): RootContent[] {
  return [
    heading(2, 'Expiry timeline (next 12 months)'),
    code('mermaid', mermaidChart(report)),
    para(t('Bars: certificates expiring each month. Line: those ACM will not renew by itself in time.')),
    table(
      ['Month', 'Expiring', 'Renewed by ACM', 'Needs action'],
      report.expiryTimeline.map((m) => [m.month, String(m.expiring), String(m.managed), String(m.needsAction)]),
    ),
  ];
}

function findingsSection(report: Report): RootContent[] {
  // Across several accounts, one subsection per account (each team reads its own).
  const out: RootContent[] = [heading(2, 'Findings')];
  if (report.accounts && report.accounts.length > 1) out.push(...findingsByAccount(report, report.accounts));
  else if (report.findings.length === 0) out.push(para(t('No findings.')));
  else out.push(findingsTable(report, report.findings, report.accounts !== null));
  return out;
}

function answersSection(report: Report): RootContent[] {
  if (!report.answers) return [];
  const out: RootContent[] = [heading(2, 'Questionnaire answers')];
  if (report.workload) out.push(para(t(`Workload: ${report.workload}`)));
  out.push(
    table(
      ['Question', 'Answer', 'Effect', 'Rationale'],
      report.answers.map((a) => [`${a.prompt} (${a.id})`, `${a.label} (${a.value})`, a.effect, a.rationale]),
    ),
  );
  return out;
}

function recommendationSection(report: Report): RootContent[] {
  const out: RootContent[] = [];
  if (report.recommendation) {
    const rec = report.recommendation;
    out.push(heading(2, 'Recommendation'));
    out.push(para(strong('Verdict:'), t(` ${rec.verdict}${provisionalMark(rec)}`)));
    out.push(para(strong('Decision rule:'), t(' '), { type: 'inlineCode', value: mdText(rec.rule.id) }));
    out.push({ type: 'blockquote', children: [para(t(rec.rule.summary))] });
    if (rec.unanswered.length)
      out.push(para(strong('Still open:'), t(` ${rec.unanswered.length === 1 ? 'this question' : 'these questions'} could change the verdict: ${rec.unanswered.join(', ')}.`)));
    if (rec.provisionalBecause?.length) {
      out.push(para(strong('Also provisional because:')));
      out.push(list(rec.provisionalBecause.map((line) => [t(line)])));
    }
    if (rec.reasons.length) out.push(reasonsList(rec));
  }
  if (report.ignoredAnswers && report.ignoredAnswers.length) {
    out.push(para(strong('Ignored answers:'), t(' these questions were not asked after earlier answers, so their answers were not used.')));
    out.push(list(report.ignoredAnswers.map((a) => [t(`${a.id} = ${a.value}: ${a.because}`)])));
  }
  return out;
}

function planSection(report: Report): RootContent[] {
  if (!report.plan) return [];
  const out: RootContent[] = [heading(2, 'Adoption plan')];
  if (report.plan.steps.length === 0) out.push(para(t('No steps.')));
  report.plan.steps.forEach((step, i) => {
    out.push(heading(3, `Step ${i + 1}: ${step.title}`));
    out.push(para(strong('Why:'), t(` ${step.why}`)));
    if (step.how.length) {
      out.push(para(strong('How:')));
      out.push(list(step.how.map((h) => [t(h)]), true));
    }
    for (const s of step.snippets) {
      out.push(para({ type: 'emphasis', children: t(s.title) }));
      out.push(code(s.language, s.code));
    }
  });
  return out;
}

function inventorySection(report: Report): RootContent[] {
  // The certificate table's columns as the report shows them (see CERTIFICATE_COLUMNS).
  const appendixColumns = columnsFor('markdown', report.accounts !== null);
  const provenance = new Map(report.certificates.map((c) => [c.arn, c.provenance]));
  const columnContext = { now: new Date(report.generatedAt), ownerTag: report.settings.ownerTag, provenance: (c: Certificate) => provenance.get(c.arn) ?? null };
  const out: RootContent[] = [heading(2, 'Appendix: certificate inventory')];
  if (report.certificates.length === 0) out.push(para(t('No certificates.')));
  else
    out.push(
      table(
        appendixColumns.map((col) => (col.id === 'owner' ? `${col.header} (${report.settings.ownerTag})` : col.header)),
        byRegionThenDomain(report.certificates).map((c) => appendixColumns.map((col) => col.text(c, columnContext) ?? 'unknown')),
      ),
    );
  return out;
}

function factsSection(report: Report): RootContent[] {
  const out: RootContent[] = [heading(2, 'Facts relied on')];
  if (report.facts.length === 0) out.push(para(t('No facts were supplied.')));
  else
    out.push(
      table(
        ['Fact', 'Changed since 2020', 'Source', 'Checked'],
        report.facts.map((f) => {
          const url = safeUrl(f.source.url);
          const source: PhrasingContent[] = url
            ? [{ type: 'link', url, title: null, children: [{ type: 'text', value: mdText(f.source.title || url) }] }]
            : t(`${f.source.title} (${f.source.url})`);
          return [f.unverified ? `${f.statement} Unverified: ${f.unverified}` : f.statement, f.changedFrom ? `was: ${f.changedFrom}` : 'no', source, f.checked];
        }),
      ),
    );
  return out;
}

/** `--summary`: what a reviewer needs in a pull request, in a few screens. */
function summaryBody(report: Report): RootContent[] {
  const out: RootContent[] = [];
  if (report.recommendation?.reasons.length) {
    out.push(heading(2, 'Why this verdict'));
    out.push(reasonsList(report.recommendation));
  }
  out.push(...executiveSummary(report));
  out.push(heading(2, 'Findings by rule'));
  const byRule = new Map<string, Report['summary']>();
  for (const f of report.findings) {
    let counts = byRule.get(f.ruleId);
    if (!counts) byRule.set(f.ruleId, (counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }));
    counts[f.severity]++;
  }
  if (byRule.size === 0) out.push(para(t('No findings.')));
  else {
    const total = (c: Report['summary']) => SEVERITIES.reduce((n, s) => n + c[s], 0);
    const rows = [...byRule].sort(([a, ca], [b, cb]) => SEVERITIES.reduce((d, s) => d || cb[s] - ca[s], 0) || (a < b ? -1 : 1));
    out.push(table(['Rule', ...SEVERITIES.map(capitalise), 'Total'], rows.map(([rule, c]) => [rule, ...SEVERITIES.map((s) => String(c[s])), String(total(c))])));
  }
  if (report.accounts) {
    out.push(heading(2, 'Findings by account'));
    out.push(
      table(
        ['Account', 'Id', 'Status', 'Certificates', ...SEVERITIES.map(capitalise)],
        report.accounts.map((a) => [a.name, a.id, a.status, String(a.certificates), ...SEVERITIES.map((s) => String(a.summary[s]))]),
      ),
    );
  }
  if (report.plan) {
    out.push(heading(2, 'Adoption plan'));
    if (report.plan.steps.length === 0) out.push(para(t('No steps.')));
    else out.push(list(report.plan.steps.map((step) => [t(step.title)]), true));
  }
  out.push(para(t('The full report (every finding with its fix, the plan step by step, the inventory) is '), { type: 'inlineCode', value: 'acm-advisor report' }, t(' without --summary.')));
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The verdict's reasons, one item each: the effect, then the criterion and why. */
function reasonsList(rec: NonNullable<Report['recommendation']>): List {
  return list(rec.reasons.map((r) => [strong(r.effect), t(` ${r.criterion}: ${r.text}`)]));
}

/** " (provisional)" after a verdict that is not final; nothing for a firm verdict or no verdict at all. */
function provisionalMark(rec: NonNullable<Report['recommendation']>): string {
  return rec.verdict !== 'undecided' && rec.provisional ? ' (provisional)' : '';
}

function verdictHeadline(rec: NonNullable<Report['recommendation']>, workload: string | null): Paragraph {
  const forWorkload = workload ? ` for ${workload}` : '';
  if (rec.verdict === 'undecided')
    return para(
      strong('No verdict yet (undecided)'),
      t(`${forWorkload}: no question that could block or limit adoption has been answered. Open: ${rec.unanswered.join(', ') || 'none'}.`),
    );
  if (rec.provisional) {
    const open = rec.unanswered.length ? [`${plural(rec.unanswered.length, 'unanswered question')} could still change it: ${rec.unanswered.join(', ')}.`] : [];
    return para(strong(`Verdict: ${rec.verdict} (provisional)`), t(`${forWorkload}: ${[...open, ...(rec.provisionalBecause ?? [])].join(' ')}`));
  }
  return para(strong(`Verdict: ${rec.verdict}`), t(`${forWorkload}; every question that could change it is answered.`));
}

function byRegionThenDomain(certificates: readonly Certificate[]): Certificate[] {
  // Keys made once, not twice per comparison: the appendix of a large account sorts 10,000 rows.
  return certificates
    .map((c) => ({ c, key: `${c.region}\u0000${c.domainName ?? ''}\u0000${c.arn}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ c }) => c);
}

function forecastSection(f: Report['forecast']): RootContent[] {
  const b = f.basis;
  const out: RootContent[] = [heading(2, 'Renewal load forecast (CA/Browser Forum schedule)')];
  out.push(
    para(
      t(
        `Public TLS certificates may be valid for at most 200 days from 15 March 2026, 100 days from 15 March 2027 and 47 days from 15 March 2029. ` +
          `Built from ${plural(b.importedPublic, 'imported public certificate')}, ${plural(b.importedPrivate, 'imported internal-CA certificate')}, ` +
          `${plural(b.emailValidated, 'email-validated certificate')} and ${plural(b.exported, 'exportable certificate')}; ` +
          `${plural(b.adoptable, 'certificate')} could move to renewals ACM does by itself.` +
          (f.trustBasis ? ` Imported certificates were ${f.trustBasis}.` : ''),
      ),
    ),
  );
  out.push(code('mermaid', forecastChart(f)));
  out.push(para(t('Bars: renewals a person must carry out each year. Line: what is left after adopting ACM for the eligible certificates.')));
  out.push(
    table(
      ['From', 'Max validity (days)', 'Manual renewals / year: at least, expected', 'Redeploys / year: at least, expected', 'Renewed ahead (days)', 'Export charges / year (USD)', 'Removed by adopting ACM (at least)'],
      f.phases.map((p) => [
        p.from,
        String(p.maxValidityDays),
        `${p.manualRenewalsPerYear}, ${p.expectedManualRenewalsPerYear}`,
        `${p.redeploysPerYear}, ${p.expectedRedeploysPerYear}`,
        String(p.renewalLeadDays),
        p.exportChargesPerYear === null ? 'not stated' : p.exportChargesPerYear.toFixed(2),
        String(p.removedByAdoption),
      ]),
    ),
  );
  out.push(
    para(
      t(
        `"At least" is one renewal per full validity, a floor: renewals happen before expiry. "Expected" renews each certificate the lead shown ahead of expiry. Lead assumed: ${f.renewalLead.source}.`,
      ),
    ),
  );
  if (f.phases.some((p) => p.exportChargesPerYear === null) && b.exported > 0)
    out.push(para(t('Export charges are not stated: a 2026 change to exportable-certificate pricing is reported but unconfirmed, and no current price with a source was at hand (see the facts).')));
  return out;
}

function forecastChart(f: Report['forecast']): string {
  const labels = f.phases.map((p) => `"${mermaidLabel(`${p.from} max ${p.maxValidityDays} d`)}"`).join(', ');
  const max = Math.max(1, ...f.phases.map((p) => Math.ceil(p.manualRenewalsPerYear)));
  return [
    'xychart-beta',
    '  title "Manual renewals per year"',
    `  x-axis [${labels}]`,
    `  y-axis "Renewals per year" 0 --> ${max}`,
    `  bar [${f.phases.map((p) => p.manualRenewalsPerYear).join(', ')}]`,
    `  line [${f.phases.map((p) => Math.round((p.manualRenewalsPerYear - p.removedByAdoption) * 10) / 10).join(', ')}]`,
  ].join('\n');
}

function mermaidChart(report: Report): string {
  const months = report.expiryTimeline.map((m) => `"${mermaidLabel(m.month)}"`).join(', ');
  const max = Math.max(1, ...report.expiryTimeline.map((m) => m.expiring));
  return [
    'xychart-beta',
    '  title "Certificates expiring per month"',
    `  x-axis [${months}]`,
    `  y-axis "Certificates" 0 --> ${max}`,
    `  bar [${report.expiryTimeline.map((m) => m.expiring).join(', ')}]`,
    `  line [${report.expiryTimeline.map((m) => m.needsAction).join(', ')}]`,
  ].join('\n');
}

export function renderReportMarkdown(report: Report, options: ReportMarkdownOptions = {}): string {
  return serialiseMarkdown(buildReportTree(report, options));
}

function findingsTable(report: Report, findings: Report['findings'], withAccount: boolean): Table {
  return table(
    ['Severity', 'Rule', 'Certificate', ...(withAccount ? ['Account'] : []), 'Region', `Owner (${report.settings.ownerTag})`, 'Finding', 'Fix'],
    findings.map((f) => [
      f.severity,
      f.ruleId,
      f.certificateArn === null ? '(account)' : certificateCell(f.domainName ?? f.certificateArn, f.consoleUrl),
      ...(withAccount ? [f.accountName ?? f.accountId ?? null] : []),
      f.region,
      f.owner,
      `${f.title}. ${f.detail}`,
      f.remediation,
    ]),
  );
}

/** One subsection per account, in the Accounts table's order: its counts, then its findings; a failed account says why. */
function findingsByAccount(report: Report, accounts: ReportAccount[]): RootContent[] {
  const out: RootContent[] = [];
  const withFindings = new Set(report.findings.map((f) => f.accountId ?? null));
  out.push(
    para(
      t(
        report.findings.length === 0
          ? `No findings in any of the ${accounts.length} accounts.`
          : `${plural(report.findings.length, 'finding')} in ${accounts.filter((a) => withFindings.has(a.id)).length} of ${plural(accounts.length, 'account')}, grouped by account.`,
      ),
    ),
  );
  const known = new Set(accounts.map((a) => a.id));
  const groups: Array<{ title: string; account: ReportAccount | null; findings: Report['findings'] }> = accounts.map((a) => ({
    title: a.name ? `${a.name} (${a.id})` : a.id,
    account: a,
    findings: report.findings.filter((f) => f.accountId === a.id),
  }));
  // A finding whose account the run did not list (none today) still shows, never silently dropped.
  const stray = report.findings.filter((f) => !f.accountId || !known.has(f.accountId));
  if (stray.length) groups.push({ title: 'Other accounts', account: null, findings: stray });
  for (const g of groups) {
    out.push(heading(3, g.title));
    const counts = SEVERITIES.filter((s) => g.findings.some((f) => f.severity === s)).map((s) => `${g.findings.filter((f) => f.severity === s).length} ${s}`);
    if (g.account?.status === 'error')
      out.push(para(strong('Not read in full:'), t(` ${g.account.error ? `${g.account.error.code}: ${g.account.error.message}`.replace(/\.$/, '') : 'the account failed'}.${g.findings.length ? '' : ' No findings from what was read.'}`)));
    else if (g.findings.length === 0) out.push(para(t('No findings.')));
    if (g.findings.length) {
      out.push(para(t(`${plural(g.findings.length, 'finding')}: ${counts.join(', ')}.`)));
      out.push(findingsTable(report, sortBySeverity(g.findings), false));
    }
  }
  return out;
}

function sortBySeverity(findings: Report['findings']): Report['findings'] {
  const rank = (f: Report['findings'][number]) => SEVERITIES.indexOf(f.severity);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
}
