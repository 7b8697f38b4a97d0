import { describe, expect, it } from 'vitest';
import { forecastRenewalLoad } from '../../src/advisor/forecast.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { buildReport } from '../../src/report/model.js';
import { renderReportJson } from '../../src/report/render-json.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { cert, inventory } from './helpers.js';

const TODAY = new Date('2026-11-30T09:00:00Z');
const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1';
const LATER = '2027-06-01T00:00:00Z';

/**
 * A small inventory whose figures are worked out by hand below:
 *  A  imported, DigiCert, DV, on a load balancer      → manual, public, ACM could issue it
 *  B  imported, Sectigo, attached to nothing           → manual, public, not adoptable (unused)
 *  C  imported from an internal CA, 365-day lifetime   → manual, 1 a year in every phase
 *  D  ACM-issued, email-validated                      → manual (approval), adoptable (move to DNS)
 *  E  ACM-issued, exportable, one name + one wildcard  → a redeploy per renewal, charged per name
 *  F  ACM-issued, DNS, in use                          → nothing to do
 *  G  imported, expired                                → not counted
 *  H  ACME-issued                                      → the client renews: not counted
 */
function smallInventory() {
  return inventory([
    cert({ domainName: 'a.example.com', type: 'IMPORTED', status: 'ISSUED', issuer: 'CN=DigiCert TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', subject: 'CN=a.example.com', inUse: true, inUseBy: [ELB], notAfter: LATER }),
    cert({ domainName: 'b.example.com', type: 'IMPORTED', status: 'ISSUED', issuer: 'CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited', inUse: false, notAfter: LATER }),
    cert({ domainName: 'c.corp.example', type: 'IMPORTED', status: 'ISSUED', issuer: 'CN=Example Corp Issuing CA 2', notBefore: '2026-06-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z' }),
    cert({ domainName: 'd.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', validationMethod: 'EMAIL', notAfter: LATER }),
    cert({ domainName: 'e.example.com', subjectAlternativeNames: ['e.example.com', '*.e.example.com'], type: 'AMAZON_ISSUED', status: 'ISSUED', validationMethod: 'DNS', exportOption: 'ENABLED', exported: true, notAfter: LATER }),
    cert({ domainName: 'f.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', validationMethod: 'DNS', inUse: true, inUseBy: [ELB], notAfter: LATER }),
    cert({ domainName: 'g.example.com', type: 'IMPORTED', status: 'EXPIRED', issuer: 'CN=DigiCert', notAfter: '2026-01-01T00:00:00Z' }),
    cert({ domainName: 'h.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', keyPairOrigin: 'ACME', notAfter: LATER }),
  ]);
}

describe('renewal-load forecast', () => {
  it('matches hand-computed figures per phase of the CA/Browser Forum schedule', () => {
    // Per year: 365 / maxValidity per public certificate; the internal-CA one renews once a year throughout.
    //  200 d: 1.825 each → manual (A,B,D) 3 × 1.825 + 1 = 6.475 → 6.5; redeploys (E) 1.825 → 1.8; removed (A,D) 3.65 → 3.7
    //         charges at 15 + 149 USD per renewal: 164 × 1.825 = 299.30
    //  100 d: 3.65 each  → manual 3 × 3.65 + 1 = 11.95 → 12.0; redeploys 3.65 → 3.7; removed 7.3; charges 164 × 3.65 = 598.60
    //   47 d: 7.766 each → manual 3 × 7.766 + 1 = 24.298 → 24.3; redeploys 7.8; removed 15.532 → 15.5; charges 164 × 7.766 = 1273.62
    const f = forecastRenewalLoad(smallInventory(), TODAY, { perName: 15, perWildcardName: 149 });
    // Expected: each renews a lead ahead of expiry, 30 days (a third of the lifetime at 90 days or less):
    //  200 d: 365 / 170 = 2.147 each → manual 3 × 2.147 + 365 / 335 (1.090) = 7.531 → 7.5; redeploys 2.1
    //  100 d: 365 / 70 = 5.214 each  → manual 3 × 5.214 + 1.090 = 16.733 → 16.7; redeploys 5.2
    //   47 d: lead 16, 365 / 31 = 11.774 each → manual 3 × 11.774 + 1.090 = 36.412 → 36.4; redeploys 11.8
    expect(f.phases).toEqual([
      { from: '2026-11-30', maxValidityDays: 200, manualRenewalsPerYear: 6.5, redeploysPerYear: 1.8, renewalLeadDays: 30, expectedManualRenewalsPerYear: 7.5, expectedRedeploysPerYear: 2.1, exportChargesPerYear: 299.3, removedByAdoption: 3.7 },
      { from: '2027-03-15', maxValidityDays: 100, manualRenewalsPerYear: 12, redeploysPerYear: 3.7, renewalLeadDays: 30, expectedManualRenewalsPerYear: 16.7, expectedRedeploysPerYear: 5.2, exportChargesPerYear: 598.6, removedByAdoption: 7.3 },
      { from: '2029-03-15', maxValidityDays: 47, manualRenewalsPerYear: 24.3, redeploysPerYear: 7.8, renewalLeadDays: 16, expectedManualRenewalsPerYear: 36.4, expectedRedeploysPerYear: 11.8, exportChargesPerYear: 1273.62, removedByAdoption: 15.5 },
    ]);
    for (const p of f.phases) expect(p.expectedManualRenewalsPerYear).toBeGreaterThan(p.manualRenewalsPerYear);
    expect(f.renewalLead.source).toMatch(/expiry-events/);
    expect(f.basis).toEqual({ importedPublic: 2, importedPrivate: 1, selfSigned: 0, emailValidated: 1, exported: 1, adoptable: 2 });
    // No certificate was read with GetCertificate here: the split rests on issuer names, and says so.
    expect(f.trustBasis).toBe('judged by issuer name only, as GetCertificate did not read them');
  });

  it('starts at the step in force today: one phase per remaining step', () => {
    const inv = smallInventory();
    expect(forecastRenewalLoad(inv, new Date('2026-01-10T00:00:00Z')).phases.map((p) => [p.from, p.maxValidityDays])).toEqual([
      ['2026-01-10', 398],
      ['2026-03-15', 200],
      ['2027-03-15', 100],
      ['2029-03-15', 47],
    ]);
    expect(forecastRenewalLoad(inv, new Date('2028-02-01T00:00:00Z')).phases.map((p) => p.maxValidityDays)).toEqual([100, 47]);
    expect(forecastRenewalLoad(inv, new Date('2030-01-01T00:00:00Z')).phases.map((p) => p.from)).toEqual(['2030-01-01']);
  });

  it('states no export charge without a sourced price, and is pure', () => {
    const inv = smallInventory();
    const f = forecastRenewalLoad(inv, TODAY);
    expect(f.phases.every((p) => p.exportChargesPerYear === null)).toBe(true);
    expect(forecastRenewalLoad(inv, TODAY)).toEqual(f);
    expect(forecastRenewalLoad(inventory([]), TODAY).phases[0]).toMatchObject({ manualRenewalsPerYear: 0, redeploysPerYear: 0, removedByAdoption: 0 });
  });

  it('is in the report JSON as forecast.phases and in the Markdown as a table and a Mermaid chart', () => {
    const inv = smallInventory();
    const report = buildReport({ inventory: inv, audit: { findings: [], summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, notEvaluated: [] }, advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: TODAY });
    const json = JSON.parse(renderReportJson(report));
    expect(json.forecast.phases).toHaveLength(3);
    expect(Object.keys(json.forecast.phases[0]).sort()).toEqual([
      'expectedManualRenewalsPerYear',
      'expectedRedeploysPerYear',
      'exportChargesPerYear',
      'from',
      'manualRenewalsPerYear',
      'maxValidityDays',
      'redeploysPerYear',
      'removedByAdoption',
      'renewalLeadDays',
    ]);
    expect(json.forecast.phases[0]).toMatchObject({ from: '2026-11-30', manualRenewalsPerYear: 6.5, exportChargesPerYear: null });
    const md = renderReportMarkdown(report);
    const section = md.slice(md.indexOf('## Renewal load forecast'), md.indexOf('## Findings'));
    expect(section).toContain('```mermaid\nxychart-beta\n  title "Manual renewals per year"');
    expect(section).toContain('  bar [6.5, 12, 24.3]');
    expect(section).toContain('  line [2.8, 4.7, 8.8]');
    expect(section).toMatch(/\| 2026-11-30 \| 200 +\| 6\.5, 7\.5 +\| 1\.8, 2\.1 +\| 30 /);
    expect(section).toMatch(/"At least" is one renewal per full validity, a floor/);
    expect(section).toMatch(/Lead assumed: 30 days: ACM's default expiry-event window/);
    expect(section).toMatch(/not stated/);
    expect(section).toMatch(/reported but unconfirmed/);
  });
});

describe('the forecast as Advisor evidence', () => {
  it('shows on the integrated-endpoints and mature-process questions, with the figures of the first phase and what adoption removes', async () => {
    const { collectEvidence, loadKnowledgeBase } = await import('../../src/advisor/index.js');
    const evidence = collectEvidence(loadKnowledgeBase(), smallInventory(), [], DEFAULT_AUDIT_CONFIG, TODAY);
    for (const id of ['aws-integrated-endpoints', 'mature-process']) {
      const lines = evidence[id].lines.join('\n');
      expect(lines, id).toContain(
        "Renewal load: at least 6.5 manual renewals and 1.8 redeploys a year at today's 200-day maximum, 7.5 and 2.1 expected when each renews 30 days ahead; rising to 16.7 and 5.2 expected (at least 12 and 3.7) from 2027-03-15 (100 days, renewed 30 days ahead)",
      );
      expect(lines, id).toMatch(/Renewal lead assumed: 30 days: ACM's default expiry-event window/);
      expect(lines, id).toContain('Adopting ACM for 2 eligible certificates removes 3.7, then 7.3, then 15.5 of those manual renewals a year');
    }
    expect(evidence['certificate-pinning'].lines.join(' ')).not.toContain('Renewal load');
  });
});
