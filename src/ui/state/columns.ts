/**
 * Pure row formatter for the certificate table (k9s-style renderer): which columns fit a width,
 * and each cell's text and tone. Every AWS string is sanitised here, before it can reach Ink.
 */
import type { Certificate } from '../../domain/certificate.js';
import { safe } from '../../domain/text.js';
import type { SortColumn } from './sort.js';
import {
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

export interface ColumnDef {
  id: SortColumn;
  header: string;
  /** Width when there is room. */
  width: number;
  /** Narrow fallback width (0: no narrow form). */
  narrow: number;
  /** Higher survives longer when the terminal is narrow. */
  priority: number;
}

export const COLUMNS: ColumnDef[] = [
  { id: 'domain', header: 'Domain', width: 0, narrow: 0, priority: 10 },
  { id: 'sans', header: 'SANs', width: 5, narrow: 0, priority: 5 },
  { id: 'type', header: 'Type', width: 8, narrow: 0, priority: 4 },
  { id: 'status', header: 'Status', width: 9, narrow: 0, priority: 8 },
  { id: 'key', header: 'Key', width: 8, narrow: 0, priority: 3 },
  { id: 'expires', header: 'Expires', width: 17, narrow: 9, priority: 9 },
  { id: 'inUse', header: 'In use', width: 7, narrow: 0, priority: 6 },
  { id: 'renewal', header: 'Renewal', width: 10, narrow: 0, priority: 2 },
  { id: 'region', header: 'Region', width: 14, narrow: 0, priority: 7 },
];

export interface LaidOutColumn {
  id: SortColumn;
  header: string;
  width: number;
  /** Expires: show the date as well as days left. */
  wide: boolean;
}

const DOMAIN_MIN = 16;
const DOMAIN_MAX = 60;
const GAP = 1;

/** Fit columns into `width` cells: narrow the expiry column, then drop lowest-priority columns. */
export function layoutColumns(width: number): LaidOutColumn[] {
  let chosen = COLUMNS.filter((c) => c.id !== 'domain');
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
  for (const c of COLUMNS) {
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
export function cellOf(cert: Certificate, column: LaidOutColumn, now: Date): Cell {
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
      return expiresCell(cert, now, column.wide);
    case 'inUse':
      return { text: inUseLabel(cert), tone: cert.inUse === false ? 'muted' : 'normal' };
    case 'renewal':
      return { text: safe(renewalLabel(cert)), tone: renewalTone(cert) };
    case 'region':
      return { text: safe(cert.region), tone: 'normal' };
  }
}
