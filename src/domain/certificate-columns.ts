/**
 * The certificate table's columns, declared once for every place that lists certificates: the
 * TUI's table, the CLI's `inventory` table, the inventory CSV and the report's Markdown appendix.
 * Each place shows the columns named for it, in this order, under these headers; how a place
 * shapes a cell (the TUI's short forms and colours, the CLI's colours) is keyed by the column's id.
 */
import { daysUntilExpiry, type Certificate, type CertificateField } from './certificate.js';
import { expiryDate, isInUse, tagValue } from './certificate-facts.js';
import { provenanceSentence, type ProvenanceEvent } from './provenance.js';

/** Where a column is shown. */
export type Surface = 'tui' | 'table' | 'markdown' | 'csv';

export interface ColumnContext {
  now: Date;
  /** The tag that names a certificate's owner (audit.yaml's ownerTag). */
  ownerTag: string;
  /** A certificate's CloudTrail history, null when it was not read; absent where no surface shows it. */
  provenance?(cert: Certificate): readonly ProvenanceEvent[] | null;
}

export interface CertificateColumn {
  id: string;
  header: string;
  /** The model fields behind the column: the CSV writes one column for each, under the field's name. */
  fields: readonly CertificateField[];
  shownIn: readonly Surface[];
  /** Shown (outside the CSV) only when several accounts are read. */
  perAccount?: true;
  /** The cell in plain words, for the CLI table and the Markdown appendix; null when unknown. */
  text(cert: Certificate, ctx: ColumnContext): string | null;
}

const ALL: readonly Surface[] = ['tui', 'table', 'markdown', 'csv'];

function expiresText(c: Certificate, now: Date): string | null {
  const date = expiryDate(c);
  if (date === null) return null;
  const days = daysUntilExpiry(c, now)!;
  return `${date} ${days < 0 ? `(expired ${-days}d ago)` : `(${days}d)`}`;
}

function inUseText(c: Certificate): string | null {
  const inUse = isInUse(c);
  if (inUse === null) return null;
  return inUse ? `yes (${c.inUseBy.length || '?'})` : 'no';
}

function hostsText(c: Certificate): string | null {
  return c.hostnames === null ? null : String(c.hostnames.length);
}

/** "requested by role/ci-deploy on 2026-10-01; exported by …"; unknown when CloudTrail was not read. */
function historyText(c: Certificate, ctx: ColumnContext): string | null {
  const events = ctx.provenance?.(c) ?? null;
  if (events === null) return null;
  return events.length ? events.map(provenanceSentence).join('; ') : 'no ACM events in 90 days';
}

export const CERTIFICATE_COLUMNS = [
  { id: 'arn', header: 'ARN', fields: ['arn'], shownIn: ['csv'], text: (c) => c.arn },
  // A certificate with no domain name is named by its ARN.
  { id: 'domain', header: 'Domain', fields: ['domainName'], shownIn: ALL, text: (c) => c.domainName ?? c.arn },
  {
    id: 'account',
    header: 'Account',
    fields: ['accountId', 'accountName'],
    shownIn: ALL,
    perAccount: true,
    text: (c) => c.accountName ?? c.accountId,
  },
  { id: 'region', header: 'Region', fields: ['region'], shownIn: ALL, text: (c) => c.region },
  {
    id: 'sans',
    header: 'SANs',
    fields: ['subjectAlternativeNames'],
    shownIn: ['tui', 'csv'],
    text: (c) => String(c.subjectAlternativeNames.length),
  },
  { id: 'type', header: 'Type', fields: ['type'], shownIn: ALL, text: (c) => c.type },
  { id: 'status', header: 'Status', fields: ['status'], shownIn: ALL, text: (c) => c.status },
  { id: 'key', header: 'Key', fields: ['keyAlgorithm'], shownIn: ALL, text: (c) => c.keyAlgorithm },
  { id: 'issued', header: 'Valid from', fields: ['notBefore'], shownIn: ['csv'], text: (c) => c.notBefore },
  { id: 'expires', header: 'Expires', fields: ['notAfter'], shownIn: ALL, text: (c, ctx) => expiresText(c, ctx.now) },
  { id: 'inUse', header: 'In use', fields: ['inUse', 'inUseBy'], shownIn: ALL, text: inUseText },
  // How many DNS names reach an endpoint presenting it (the serving join, already on the record); unknown
  // when the load balancer, CloudFront, API Gateway or Route 53 reads did not cover its account-region.
  // The CSV writes the names themselves, as it writes the SANs.
  { id: 'hosts', header: 'Hosts', fields: ['hostnames'], shownIn: ['tui', 'table', 'csv'], text: hostsText },
  {
    id: 'renewal',
    header: 'Renewal',
    fields: ['renewalEligibility', 'renewalStatus'],
    shownIn: ['tui', 'table', 'csv'],
    text: (c) => c.renewalStatus ?? c.renewalEligibility,
  },
  { id: 'validation', header: 'Validation', fields: ['validationMethod'], shownIn: ['csv'], text: (c) => c.validationMethod },
  { id: 'transparency', header: 'CT logging', fields: ['transparencyLogging'], shownIn: ['csv'], text: (c) => c.transparencyLogging },
  {
    id: 'export',
    header: 'Export',
    fields: ['exportOption', 'exported'],
    shownIn: ['csv'],
    text: (c) => c.exportOption,
  },
  { id: 'issuer', header: 'Issuer', fields: ['issuer'], shownIn: ['csv'], text: (c) => c.issuer },
  { id: 'keyOrigin', header: 'Key origin', fields: ['keyPairOrigin'], shownIn: ['csv'], text: (c) => c.keyPairOrigin },
  { id: 'created', header: 'Created', fields: ['createdAt'], shownIn: ['csv'], text: (c) => c.createdAt },
  {
    id: 'owner',
    header: 'Owner',
    fields: ['tags'],
    shownIn: ['markdown', 'csv'],
    text: (c, ctx) => tagValue(c.tags, ctx.ownerTag),
  },
  // From CloudTrail's ACM events (the cloudtrail stage): who requested, imported or exported it, and when.
  { id: 'history', header: 'History', fields: [], shownIn: ['markdown'], text: historyText },
] as const satisfies readonly CertificateColumn[];

export type ColumnId = (typeof CERTIFICATE_COLUMNS)[number]['id'];

type Column = (typeof CERTIFICATE_COLUMNS)[number];
/** The ids of the columns a surface shows. */
export type ColumnIdIn<S extends Surface> = Column extends infer C
  ? C extends { id: infer I; shownIn: readonly (infer T)[] }
    ? S extends T
      ? I
      : never
    : never
  : never;

/** The columns a surface shows, in order; `accounts`: several accounts are read (see perAccount). */
export function columnsFor(surface: Exclude<Surface, 'csv'>, accounts: boolean): CertificateColumn[] {
  return (CERTIFICATE_COLUMNS as readonly CertificateColumn[]).filter((c) => c.shownIn.includes(surface) && (accounts || !c.perAccount));
}

/** The CSV's header: every CSV column's fields, in column order. */
export const CSV_FIELDS: readonly CertificateField[] = (CERTIFICATE_COLUMNS as readonly CertificateColumn[])
  .filter((c) => c.shownIn.includes('csv'))
  .flatMap((c) => c.fields);

/** The TUI table's columns, in order: what it can show and sort by. */
export const TUI_COLUMN_IDS = columnsFor('tui', true).map((c) => c.id) as ColumnIdIn<'tui'>[];

export function columnById(id: ColumnId): CertificateColumn {
  return (CERTIFICATE_COLUMNS as readonly CertificateColumn[]).find((c) => c.id === id)!;
}
