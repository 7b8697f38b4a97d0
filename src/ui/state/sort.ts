/**
 * Table sorting: a permutation (`Int32Array` of indices into the full list), computed once per
 * (data, sort spec) and combined with the filter's indices in O(n) — never by copying certificates.
 */
import type { Certificate } from '../../domain/certificate.js';
import { columnById, TUI_COLUMN_IDS, type ColumnIdIn } from '../../domain/certificate-columns.js';

/** The columns the table can be sorted by: the ones it shows (see CERTIFICATE_COLUMNS). */
export const SORT_COLUMNS: readonly SortColumn[] = TUI_COLUMN_IDS;
export type SortColumn = ColumnIdIn<'tui'>;

export interface SortSpec {
  column: SortColumn;
  descending: boolean;
}

export const DEFAULT_SORT: SortSpec = { column: 'expires', descending: false };

/** How the status line names a column: its header, in lower case unless it is an acronym ("SANs"). */
export function sortLabel(column: SortColumn): string {
  const header = columnById(column).header;
  return /^[A-Z]{2}/.test(header) ? header : header.toLowerCase();
}

export function nextSortColumn(column: SortColumn): SortColumn {
  const i = SORT_COLUMNS.indexOf(column);
  return SORT_COLUMNS[(i + 1) % SORT_COLUMNS.length];
}

type Key = string | number | null;

function keyOf(cert: Certificate, column: SortColumn): Key {
  switch (column) {
    case 'domain':
      return cert.domainName?.toLowerCase() ?? null;
    case 'sans':
      return cert.subjectAlternativeNames.length;
    case 'type':
      return cert.type;
    case 'status':
      return cert.status;
    case 'key':
      return cert.keyAlgorithm;
    case 'expires': {
      if (!cert.notAfter) return null;
      const t = Date.parse(cert.notAfter);
      return Number.isNaN(t) ? null : t;
    }
    case 'inUse':
      return cert.inUse === null ? null : cert.inUse ? cert.inUseBy.length + 1 : 0;
    case 'hosts':
      return cert.hostnames?.length ?? null;
    case 'renewal':
      return cert.renewalStatus ?? cert.renewalEligibility;
    case 'region':
      return cert.region;
    case 'account':
      return (cert.accountName ?? cert.accountId)?.toLowerCase() ?? null;
  }
}

/** Indices of `certs` in sorted order. Nulls always last; ties keep arrival order (stable). */
export function sortOrder(certs: readonly Certificate[], spec: SortSpec): Int32Array {
  const n = certs.length;
  const keys: Key[] = new Array(n);
  for (let i = 0; i < n; i++) keys[i] = keyOf(certs[i], spec.column);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const dir = spec.descending ? -1 : 1;
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === kb) return a - b;
    if (ka === null) return 1;
    if (kb === null) return -1;
    return (ka < kb ? -1 : 1) * dir;
  });
  return order;
}

/**
 * The table's rows: `order` restricted to `matches` (ascending indices), or `order` itself. When `exact`
 * (a subset of `matches`) is given, exact hits come first, then the fuzzy-only ones, each in sort order.
 */
export function visibleRows(order: Int32Array, matches: Int32Array | null, total: number, exact?: Int32Array | null): Int32Array {
  if (matches === null) return order;
  const mask = new Uint8Array(total);
  for (let i = 0; i < matches.length; i++) mask[matches[i]] = 1;
  if (exact) for (let i = 0; i < exact.length; i++) mask[exact[i]] = 2;
  const out = new Int32Array(matches.length);
  let j = 0;
  if (exact && exact.length > 0 && exact.length < matches.length) {
    for (let i = 0; i < order.length; i++) if (mask[order[i]] === 2) out[j++] = order[i];
    for (let i = 0; i < order.length; i++) if (mask[order[i]] === 1) out[j++] = order[i];
  } else {
    for (let i = 0; i < order.length; i++) if (mask[order[i]]) out[j++] = order[i];
  }
  return j === out.length ? out : out.subarray(0, j);
}
