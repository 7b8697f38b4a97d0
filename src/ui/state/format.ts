/** Pure display helpers shared by the views. Nothing here touches the terminal. */
import type { Certificate } from '../../domain/certificate.js';
import { daysUntilExpiry } from '../../domain/certificate.js';
import { expiryUrgency, type ExpiryDays } from '../../domain/thresholds.js';

export type Tone = 'danger' | 'warning' | 'ok' | 'muted' | 'accent' | 'normal';

/** 50000 → "50,000" (fixed locale so tests and screens agree). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** ISO date-time → "2026-12-01", or "—". */
function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return new Date(t).toISOString().slice(0, 10);
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** The colour of an expiry, by the configured thresholds: expired or high danger, medium warning. */
export function expiryTone(days: number | null, expiryDays: ExpiryDays): Tone {
  switch (expiryUrgency(days, expiryDays)) {
    case 'unknown':
      return 'muted';
    case 'expired':
    case 'high':
      return 'danger';
    case 'medium':
      return 'warning';
    case 'later':
      return 'ok';
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12" → "Dec 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export function daysLabel(days: number | null): string {
  if (days === null) return '';
  if (days < 0) return `${-days}d ago`;
  return `${days}d`;
}

export function expiresCell(cert: Certificate, now: Date, withDate: boolean, expiryDays: ExpiryDays): { text: string; tone: Tone } {
  const days = daysUntilExpiry(cert, now);
  if (days === null) return { text: '—', tone: 'muted' };
  // Negative days left means expired (the status column and the colour say so too).
  const label = `${days}d`;
  return { text: withDate ? `${formatDate(cert.notAfter)} ${label}` : days < 0 ? `exp ${-days}d` : label, tone: expiryTone(days, expiryDays) };
}

const TYPE_SHORT: Record<string, string> = { AMAZON_ISSUED: 'Amazon', IMPORTED: 'Imported', PRIVATE: 'Private' };
export function shortType(type: string | null): string {
  if (!type) return '—';
  return TYPE_SHORT[type] ?? type;
}

const STATUS_SHORT: Record<string, string> = {
  PENDING_VALIDATION: 'Pending',
  ISSUED: 'Issued',
  INACTIVE: 'Inactive',
  EXPIRED: 'Expired',
  VALIDATION_TIMED_OUT: 'Timed out',
  REVOKED: 'Revoked',
  FAILED: 'Failed',
};
export function shortStatus(status: string | null): string {
  if (!status) return '—';
  return STATUS_SHORT[status] ?? status;
}
export function statusTone(status: string | null): Tone {
  switch (status) {
    case 'ISSUED':
      return 'ok';
    case 'PENDING_VALIDATION':
    case 'INACTIVE':
      return 'warning';
    case 'EXPIRED':
    case 'VALIDATION_TIMED_OUT':
    case 'REVOKED':
    case 'FAILED':
      return 'danger';
    default:
      return 'muted';
  }
}

/** RSA_2048 → "RSA 2048", EC_prime256v1 → "EC P-256". */
export function shortKey(key: string | null): string {
  if (!key) return '—';
  const ec: Record<string, string> = { EC_prime256v1: 'EC P-256', EC_secp384r1: 'EC P-384', EC_secp521r1: 'EC P-521' };
  if (ec[key]) return ec[key];
  if (key.startsWith('RSA_')) return `RSA ${key.slice(4)}`;
  return key;
}

export function inUseLabel(cert: Certificate): string {
  if (cert.inUse === null) return '—';
  if (!cert.inUse) return 'no';
  return cert.inUseBy.length > 0 ? `yes ${cert.inUseBy.length}` : 'yes';
}

const RENEWAL_SHORT: Record<string, string> = {
  SUCCESS: 'Renewed',
  PENDING_AUTO_RENEWAL: 'Pending',
  PENDING_VALIDATION: 'Validating',
  FAILED: 'Failed',
};
export function renewalLabel(cert: Certificate): string {
  if (cert.renewalStatus) return RENEWAL_SHORT[cert.renewalStatus] ?? cert.renewalStatus;
  if (cert.renewalEligibility === 'ELIGIBLE') return 'Eligible';
  if (cert.renewalEligibility === 'INELIGIBLE') return cert.type === 'IMPORTED' ? 'Manual' : 'Ineligible';
  return '—';
}
export function renewalTone(cert: Certificate): Tone {
  if (cert.renewalStatus === 'FAILED') return 'danger';
  if (cert.renewalStatus === 'PENDING_VALIDATION') return 'warning';
  if (cert.renewalEligibility === 'INELIGIBLE') return 'muted';
  return 'normal';
}

/** One sentence on how this certificate gets renewed, for the detail view. */
export function renewalSummary(cert: Certificate, now: Date): string {
  const days = daysUntilExpiry(cert, now);
  if (cert.type === 'IMPORTED') {
    return 'Imported: ACM never renews it — obtain a new certificate and re-import it before it expires.';
  }
  if (cert.renewalStatus === 'FAILED') {
    return `Managed renewal FAILED${cert.renewalStatusReason ? ` (${cert.renewalStatusReason})` : ''}: fix validation, or it will expire.`;
  }
  if (cert.renewalStatus === 'PENDING_VALIDATION') {
    return 'Managed renewal is waiting for domain validation: check the DNS records or emails below.';
  }
  if (cert.renewalStatus === 'PENDING_AUTO_RENEWAL') return 'ACM is renewing it now.';
  if (cert.renewalStatus === 'SUCCESS') return 'ACM renewed it successfully.';
  if (cert.renewalEligibility === 'ELIGIBLE') {
    // ACM starts 60 days out for the older 395-day certificates and about 45 days out for 198-day ones.
    return 'Eligible for managed renewal: ACM renews it by itself, starting 45–60 days before expiry.';
  }
  if (cert.renewalEligibility === 'INELIGIBLE') {
    return cert.inUse === false
      ? 'Not eligible for managed renewal: it is not in use (ACM renews only certificates attached to a service, or exportable ones).'
      : 'Not eligible for managed renewal.';
  }
  if (days !== null && days < 0) return 'Expired.';
  return 'Renewal state unknown (detail not loaded yet).';
}

/** Cells an account id takes beside its name ("name 111122223333"). */
export const ACCOUNT_ID_CELLS = 13;

/**
 * An account in a column of `width` cells (name and id already sanitised): the name and id when both fit,
 * else the name whole, else without the prefix every account of the estate shares (`sharedPrefix`:
 * "acme-payments-prod" → "…payments-prod"), else cut in the middle — account names differ at the end,
 * which a cut at the end would hide.
 */
export function accountCell(name: string | null, id: string | null, width: number, sharedPrefix = '', nameWidth = 0): string {
  let label = name ?? id ?? '—';
  // The ids line up when the names' width is known and leaves them room.
  const names = nameWidth > 0 && nameWidth + ACCOUNT_ID_CELLS <= width ? nameWidth : 0;
  if (name && id && [...name].length + ACCOUNT_ID_CELLS <= width) return `${name}${' '.repeat(Math.max(0, names - [...name].length))} ${id}`;
  if ([...label].length > width && name && sharedPrefix && name.startsWith(sharedPrefix)) label = `…${name.slice(sharedPrefix.length)}`;
  const chars = [...label];
  if (chars.length <= width) return label;
  if (width < 5) return chars.slice(0, width).join('');
  const head = Math.ceil((width - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (width - 1 - head)).join('')}`;
}

/** The width an account column wants: its longest name (or id), and room for the id when `withId`. */
export function accountColumnWidth(accounts: ReadonlyArray<{ name: string | null; id: string | null }>, withId: boolean): number {
  let longest = 7; // "Account"
  for (const a of accounts) longest = Math.max(longest, [...(a.name ?? a.id ?? '')].length + (withId && a.name && a.id ? ACCOUNT_ID_CELLS : 0));
  return longest;
}

/**
 * The start every account name shares, up to and including a separator ("northwind-" for northwind-shop-prod
 * and northwind-sandbox); '' when there is none, or fewer than two names.
 */
export function sharedAccountPrefix(accounts: ReadonlyArray<{ name: string | null }>): string {
  const names = accounts.map((a) => a.name).filter((n): n is string => !!n);
  if (names.length < 2) return '';
  let prefix = names[0];
  for (const n of names) {
    let i = 0;
    while (i < prefix.length && i < n.length && prefix[i] === n[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = Math.max(...['-', '_', '.', ' ', '/', ':'].map((sep) => prefix.lastIndexOf(sep)));
  prefix = cut >= 0 ? prefix.slice(0, cut + 1) : '';
  // Never the whole of a name.
  return names.some((n) => n.length <= prefix.length) ? '' : prefix;
}
