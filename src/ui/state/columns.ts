/**
 * Pure row formatter for the certificate table (k9s-style renderer): which columns fit a width,
 * and each cell's text and tone. Every AWS string is sanitised here, before it can reach Ink.
 */
import type { Certificate } from '../../domain/certificate.js';
import { columnsFor } from '../../domain/certificate-columns.js';
import { safe } from '../../domain/text.js';
import type { ExpiryDays } from '../../domain/thresholds.js';
import type { SortColumn } from './sort.js';
import {
  accountCell,
  expiresCell,
  inUseLabel,
  renewalLabel,
  renewalTone,
  shortKey,
  shortStatus,
  shortType,
  statusTone,
  type Tone,
} from './format.js';

/** How the TUI lays out each of its columns (which ones, in what order, under what header: CERTIFICATE_COLUMNS). */
interface ColumnFit {
  /** Width when there is room. */
  width: number;
  /** Narrow fallback width (0: no narrow form). */
  narrow: number;
  /** Higher survives longer when the terminal is narrow. */
  priority: number;
}

interface ColumnDef extends ColumnFit {
  id: SortColumn;
  header: string;
}

const FIT: Record<SortColumn, ColumnFit> = {
  domain: { width: 0, narrow: 0, priority: 10 },
  // Only when several accounts are read; the name (and the id where there is room), or the id alone when
  // Organizations gave no name. Its width follows the names (see layoutColumns).
  account: { width: 18, narrow: 0, priority: 7.5 },
  region: { width: 14, narrow: 0, priority: 7 },
  sans: { width: 5, narrow: 0, priority: 5 },
  type: { width: 8, narrow: 0, priority: 4 },
  status: { width: 9, narrow: 0, priority: 8 },
  key: { width: 8, narrow: 0, priority: 3 },
  expires: { width: 17, narrow: 9, priority: 9 },
  inUse: { width: 7, narrow: 0, priority: 6 },
  hosts: { width: 6, narrow: 0, priority: 5.5 },
  renewal: { width: 10, narrow: 0, priority: 2 },
};

const COLUMNS: ColumnDef[] = columnsFor('tui', true).map((c) => ({ id: c.id as SortColumn, header: c.header, ...FIT[c.id as SortColumn] }));

export interface LaidOutColumn {
  id: SortColumn;
  header: string;
  width: number;
  /** Expires: show the date as well as days left. */
  wide: boolean;
  /** Account: the start every account name shares, left out when a name does not fit… */
  sharedPrefix?: string;
  /** …and the longest name, so the ids beside the names line up. */
  nameWidth?: number;
}

// Below ~36 columns most real names are cut before the part that tells them apart.
const DOMAIN_MIN = 36;
const DOMAIN_MAX = 60;
const GAP = 1;

/** The account column's widths: the longest name, and the longest "name id"; the start every name shares. */
export interface AccountWidths {
  name: number;
  withId: number;
  sharedPrefix?: string;
}

// An account name cut in the middle stays recognisable down to about this many cells.
const ACCOUNT_MIN = 16;
const ACCOUNT_MAX = 40;

/**
 * Fit columns into `width` cells: narrow the expiry column, then drop lowest-priority columns. Across
 * several accounts the Account column is as wide as the longest name — with the ids too when the domain
 * keeps its full width that way — and narrows (cut in the middle, see accountCell) before another column goes.
 */
export function layoutColumns(width: number, options: { accounts?: boolean; accountWidths?: AccountWidths } = {}): LaidOutColumn[] {
  if (!options.accounts) return fitColumns(width, COLUMNS.filter((c) => c.id !== 'account'));
  const clamp = (w: number) => Math.max(10, Math.min(ACCOUNT_MAX, w));
  const name = clamp(options.accountWidths?.name ?? 18);
  const withId = clamp(options.accountWidths?.withId ?? name);
  const narrowest = Math.min(name, ACCOUNT_MIN);
  const extra = { ...(options.accountWidths?.sharedPrefix ? { sharedPrefix: options.accountWidths.sharedPrefix } : {}), nameWidth: name };
  const fit = (w: number) =>
    fitColumns(width, COLUMNS.map((c) => (c.id === 'account' ? { ...c, width: w } : c))).map((c) => (c.id === 'account' ? { ...c, ...extra } : c));
  const base = fit(narrowest);
  const ids = (l: LaidOutColumn[]) => l.map((c) => c.id).join();
  const domain = (l: LaidOutColumn[]) => l.find((c) => c.id === 'domain')!.width;
  for (const [w, domainAtLeast] of [
    [withId, domain(base)],
    [name, Math.min(domain(base), DOMAIN_MIN + 4)],
  ] as const) {
    if (w <= narrowest) continue;
    const l = fit(w);
    if (ids(l) === ids(base) && domain(l) >= domainAtLeast) return l;
  }
  return base;
}

function fitColumns(width: number, available: ColumnDef[]): LaidOutColumn[] {
  let chosen = available.filter((c) => c.id !== 'domain');
  let expiresWide = true;
  const used = () =>
    chosen.reduce((sum, c) => sum + (c.id === 'expires' && !expiresWide ? c.narrow : c.width) + GAP, 0);
  while (used() + DOMAIN_MIN + GAP > width && chosen.length > 0) {
    if (expiresWide && chosen.length <= 5) {
      expiresWide = false;
      continue;
    }
    const lowest = chosen.reduce((a, b) => (b.priority < a.priority ? b : a));
    chosen = chosen.filter((c) => c !== lowest);
  }
  const domainWidth = Math.max(Math.min(DOMAIN_MAX, width - used() - GAP), Math.min(DOMAIN_MIN, Math.max(1, width - used() - GAP)));
  const byId = new Set(chosen.map((c) => c.id));
  const out: LaidOutColumn[] = [];
  for (const c of available) {
    if (c.id === 'domain') out.push({ id: 'domain', header: c.header, width: domainWidth, wide: false });
    else if (byId.has(c.id)) {
      const wide = c.id === 'expires' ? expiresWide : false;
      out.push({ id: c.id, header: c.header, width: c.id === 'expires' && !expiresWide ? c.narrow : c.width, wide });
    }
  }
  return out;
}

export interface Cell {
  text: string;
  tone: Tone;
}

/** A cell's display text (sanitised) and tone. */
export function cellOf(cert: Certificate, column: LaidOutColumn, now: Date, expiryDays: ExpiryDays): Cell {
  switch (column.id) {
    case 'domain':
      return { text: safe(cert.domainName, '(no domain)'), tone: 'normal' };
    case 'sans':
      return { text: String(cert.subjectAlternativeNames.length), tone: 'normal' };
    case 'type':
      return { text: safe(shortType(cert.type)), tone: cert.type === 'IMPORTED' ? 'accent' : 'normal' };
    case 'status':
      return { text: safe(shortStatus(cert.status)), tone: statusTone(cert.status) };
    case 'key':
      return {
        text: safe(shortKey(cert.keyAlgorithm)),
        tone: cert.keyAlgorithm === 'RSA_1024' ? 'danger' : 'normal',
      };
    case 'expires':
      return expiresCell(cert, now, column.wide, expiryDays);
    case 'inUse':
      return { text: inUseLabel(cert), tone: cert.inUse === false ? 'muted' : 'normal' };
    case 'hosts':
      return cert.hostnames === null ? { text: '—', tone: 'muted' } : { text: String(cert.hostnames.length), tone: cert.hostnames.length === 0 ? 'muted' : 'normal' };
    case 'renewal':
      return { text: safe(renewalLabel(cert)), tone: renewalTone(cert) };
    case 'region':
      return { text: safe(cert.region), tone: 'normal' };
    case 'account':
      return { text: accountCell(cert.accountName === null ? null : safe(cert.accountName), cert.accountId === null ? null : safe(cert.accountId), column.width, column.sharedPrefix, column.nameWidth), tone: 'normal' };
  }
}

/** Terminal columns of one code point: 0 for combining marks and joiners, 2 for East Asian wide and emoji. */
function codePointWidth(cp: number): number {
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

const PLAIN = /^[\x20-\x7e]*$/;

/** Display width of sanitised text in terminal columns. */
export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let w = 0;
  for (const ch of text) w += codePointWidth(ch.codePointAt(0)!);
  return w;
}

interface FittedCell {
  /** The part of the text that is shown (a prefix of it). */
  text: string;
  /** Cut short: an ellipsis follows `text` (Ink's `truncate-end`). */
  ellipsis: boolean;
  /** Spaces after the text (and ellipsis) to fill the column. */
  pad: number;
}

/** Fit a cell's text into `width` columns the way a `truncate-end` Text in a Box of that width shows it. */
export function fitCell(text: string, width: number): FittedCell {
  if (width < 1) return { text: '', ellipsis: false, pad: 0 };
  const w = displayWidth(text);
  if (w <= width) return { text, ellipsis: false, pad: width - w };
  if (width === 1) return { text: '', ellipsis: true, pad: 0 };
  const room = width - 1;
  if (PLAIN.test(text)) return { text: text.slice(0, room), ellipsis: true, pad: 0 };
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const cw = codePointWidth(ch.codePointAt(0)!);
    if (used + cw > room) break;
    used += cw;
    end += ch.length;
  }
  return { text: text.slice(0, end), ellipsis: true, pad: room - used };
}
