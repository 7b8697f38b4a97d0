/**
 * The renewal-load forecast: how many renewals need a person (or a redeploy) each year as the CA/Browser Forum
 * shortens public TLS certificates (ballot SC-081: at most 200 days from 15 March 2026, 100 days from 15 March
 * 2027, 47 days from 15 March 2029), and how many of them adopting ACM for the eligible certificates removes.
 *
 * Per certificate, renewals per year = 365 / validity: a floor, since nobody renews on the day of expiry. The
 * expected figure renews a lead ahead of expiry, 365 / (validity - lead), with the lead RENEWAL_LEAD states.
 * Publicly trusted certificates (ACM-issued, or imported ones whose chain verifies to a public root) renew at the
 * phase's maximum validity; certificates from a private or internal CA, and self-signed ones, are outside the
 * CA/Browser Forum rules and keep their own lifetime, renewed through their own CA. Which imports are which comes
 * from the trust read (GetCertificate), the issuer's name only for those it did not read (advisor/issuer-trust.ts).
 * Pure: the inventory, the trust facts and today in, figures out.
 */
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import { usesEmailValidation } from './eligibility.js';
import { isReplaceableImport, issuerOf, trustBasisClause, type TrustFacts } from '../domain/issuer-trust.js';

export interface ForecastPhase {
  /** ISO date the phase starts (today for the phase in force). */
  from: string;
  maxValidityDays: number;
  /** Renewals a person must carry out: re-imports and email approvals. A floor: one renewal per full validity. */
  manualRenewalsPerYear: number;
  /** Exported certificates to reinstall after each renewal (a floor, likewise). */
  redeploysPerYear: number;
  /** Days before expiry a renewal is assumed to happen in this phase (RENEWAL_LEAD). */
  renewalLeadDays: number;
  /** The same renewals when each happens `renewalLeadDays` ahead of expiry: what to plan for. */
  expectedManualRenewalsPerYear: number;
  expectedRedeploysPerYear: number;
  /** What exportable renewals cost per year, in USD; null without a sourced price. */
  exportChargesPerYear: number | null;
  /** Of the manual renewals, those ACM would take over (DV commercial imports on integrated services, email validation moved to DNS). */
  removedByAdoption: number;
}

export interface RenewalForecast {
  phases: ForecastPhase[];
  /** The renewal lead the expected figures assume, and where it comes from. */
  renewalLead: { days: number; shareOfShortLifetimes: string; source: string };
  /** How many live certificates each figure is built from. */
  basis: {
    /** Imports that chain to a public root: renewed by hand at the phase's maximum, and those ACM can issue replaceable. */
    importedPublic: number;
    /** Imports from a private or internal CA, or self-signed: renewed through their own CA on their own lifetime. */
    importedPrivate: number;
    /** Of the private ones, those that sign themselves. */
    selfSigned: number;
    emailValidated: number;
    exported: number;
    adoptable: number;
  };
  /** What told public imports from private ones ("judged by chain verification (GetCertificate)"); null without imports. */
  trustBasis: string | null;
}

/** Exportable certificate prices, per name, charged at issuance and each renewal. */
export interface ExportPrices {
  perName: number;
  perWildcardName: number;
}

/** Maximum validity of publicly trusted TLS certificates, per the CA/Browser Forum Baseline Requirements. */
export const CABF_SCHEDULE: readonly { from: string; maxValidityDays: number }[] = [
  { from: '2020-09-01', maxValidityDays: 398 },
  { from: '2026-03-15', maxValidityDays: 200 },
  { from: '2027-03-15', maxValidityDays: 100 },
  { from: '2029-03-15', maxValidityDays: 47 },
];

/**
 * How far ahead of expiry a renewal happens: 30 days, the window in which ACM's expiry events start for public
 * certificates by default (content/facts.yaml `expiry-events`) and at which the plan's rotation step re-imports;
 * a certificate of 90 days or less renews when a third of its lifetime is left, which is this tool's assumption
 * (ACME clients renew on a share of the lifetime rather than a fixed number of days).
 */
export const RENEWAL_LEAD = {
  days: 30,
  shareOfShortLifetimes: 'one third',
  source:
    "30 days: ACM's default expiry-event window for public certificates (fact expiry-events), where the rotation step re-imports; for lifetimes of 90 days or less, a third of the lifetime (this tool's assumption)",
};
const SHORT_LIFETIME_DAYS = 90;

/** Days before expiry a certificate of this lifetime is renewed. */
export function renewalLeadDays(validityDays: number): number {
  return validityDays <= SHORT_LIFETIME_DAYS ? Math.round(validityDays / 3) : RENEWAL_LEAD.days;
}

const DAY = 86_400_000;
/** Lifetime assumed for an internal-CA certificate whose dates are unknown. */
const DEFAULT_PRIVATE_DAYS = 365;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function live(c: Certificate, today: Date): boolean {
  if (c.status !== 'ISSUED') return false;
  const end = c.notAfter ? Date.parse(c.notAfter) : NaN;
  return Number.isNaN(end) || end >= today.getTime();
}

function ownLifetimeDays(c: Certificate): number {
  const start = c.notBefore ? Date.parse(c.notBefore) : NaN;
  const end = c.notAfter ? Date.parse(c.notAfter) : NaN;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return DEFAULT_PRIVATE_DAYS;
  return Math.max(1, Math.round((end - start) / DAY));
}

function exported(c: Certificate): boolean {
  return c.exported === true || c.exportOption === 'ENABLED';
}

/** Renewals per year, ×10 so that sums round once, at the end, to one decimal. */
const perYearTimes10 = (days: number) => 3650 / days;
const oneDecimal = (x10: number) => Math.round(x10) / 10;

/** The forecast from today's phase of the schedule onwards; one entry per remaining step. */
export function forecastRenewalLoad(
  inventory: Pick<Inventory, 'certificates'> | { certificates: readonly Certificate[] },
  today: Date,
  prices: ExportPrices | null = null,
  trust?: TrustFacts,
): RenewalForecast {
  const certs = inventory.certificates.filter((c) => live(c, today));
  const imports = certs.filter((c) => c.type === 'IMPORTED');
  // A self-signed import is never publicly trusted, whatever its issuer is called.
  const isPublic = (c: Certificate) => {
    const issuer = issuerOf(c, trust);
    return issuer.publiclyTrusted && !issuer.selfSigned;
  };
  const importedPublic = imports.filter(isPublic);
  const importedPrivate = imports.filter((c) => !isPublic(c));
  const emailValidated = certs.filter((c) => c.type === 'AMAZON_ISSUED' && usesEmailValidation(c) && !exported(c));
  const exportedCerts = certs.filter((c) => c.type !== 'IMPORTED' && exported(c));
  const adoptable = [...importedPublic.filter((c) => isReplaceableImport(c, trust)), ...emailValidated];

  const todayIso = isoDay(today);
  let current = 0;
  CABF_SCHEDULE.forEach((p, i) => {
    if (p.from <= todayIso) current = i;
  });

  // Internal-CA imports renew on their own lifetime, the same in every phase.
  const privateLoad = importedPrivate.reduce((sum, c) => sum + perYearTimes10(ownLifetimeDays(c)), 0);
  const expectedPrivateLoad = importedPrivate.reduce((sum, c) => {
    const days = ownLifetimeDays(c);
    return sum + perYearTimes10(Math.max(1, days - renewalLeadDays(days)));
  }, 0);

  const phases = CABF_SCHEDULE.slice(current).map((p, i): ForecastPhase => {
    const rate = perYearTimes10(p.maxValidityDays);
    const lead = renewalLeadDays(p.maxValidityDays);
    const expectedRate = perYearTimes10(Math.max(1, p.maxValidityDays - lead));
    let charges: number | null = null;
    if (prices) {
      const perRenewal = exportedCerts.reduce((sum, c) => {
        const names = new Set([c.domainName, ...c.subjectAlternativeNames].filter((n): n is string => !!n));
        return sum + [...names].reduce((s, n) => s + (n.startsWith('*.') ? prices.perWildcardName : prices.perName), 0);
      }, 0);
      charges = Math.round(perRenewal * rate * 10) / 100;
    }
    return {
      from: i === 0 ? todayIso : p.from,
      maxValidityDays: p.maxValidityDays,
      manualRenewalsPerYear: oneDecimal((importedPublic.length + emailValidated.length) * rate + privateLoad),
      redeploysPerYear: oneDecimal(exportedCerts.length * rate),
      renewalLeadDays: lead,
      expectedManualRenewalsPerYear: oneDecimal((importedPublic.length + emailValidated.length) * expectedRate + expectedPrivateLoad),
      expectedRedeploysPerYear: oneDecimal(exportedCerts.length * expectedRate),
      exportChargesPerYear: charges,
      removedByAdoption: oneDecimal(adoptable.length * rate),
    };
  });
  return {
    phases,
    renewalLead: RENEWAL_LEAD,
    basis: {
      importedPublic: importedPublic.length,
      importedPrivate: importedPrivate.length,
      selfSigned: importedPrivate.filter((c) => issuerOf(c, trust).selfSigned).length,
      emailValidated: emailValidated.length,
      exported: exportedCerts.length,
      adoptable: adoptable.length,
    },
    trustBasis: trustBasisClause(imports, trust),
  };
}

/** The forecast in two sentences, for the Advisor's evidence and the Overview. */
export function forecastLines(f: RenewalForecast): string[] {
  const [now, ...later] = f.phases;
  if (!now) return [];
  const lines = [
    `Renewal load: at least ${now.manualRenewalsPerYear} manual renewals and ${now.redeploysPerYear} redeploys a year at today's ${now.maxValidityDays}-day maximum, ${now.expectedManualRenewalsPerYear} and ${now.expectedRedeploysPerYear} expected when each renews ${now.renewalLeadDays} days ahead` +
      (later.length
        ? `; rising to ${later.map((p) => `${p.expectedManualRenewalsPerYear} and ${p.expectedRedeploysPerYear} expected (at least ${p.manualRenewalsPerYear} and ${p.redeploysPerYear}) from ${p.from} (${p.maxValidityDays} days, renewed ${p.renewalLeadDays} days ahead)`).join(', then ')}`
        : ''),
    `Renewal lead assumed: ${f.renewalLead.source}`,
  ];
  const { importedPublic, importedPrivate, selfSigned } = f.basis;
  if (f.trustBasis)
    lines.push(
      `Imported certificates counted: ${importedPublic} publicly trusted, renewed by hand at the maximum; ${importedPrivate} from private or internal CAs${selfSigned ? ` (${selfSigned} self-signed)` : ''}, renewed through their own CA on their own lifetime; ${f.trustBasis}`,
    );
  if (f.basis.adoptable > 0)
    lines.push(`Adopting ACM for ${f.basis.adoptable} eligible certificate${f.basis.adoptable === 1 ? '' : 's'} removes ${f.phases.map((p) => p.removedByAdoption).join(', then ')} of those manual renewals a year`);
  return lines;
}
