import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../../src/domain/thresholds.js';
import { buildReport } from '../../src/report/model.js';
import { overviewOf } from '../../src/ui/state/overview.js';
import { cert, fixtureCertificates, inventoryOf, NOW } from './fixtures.js';

/** A seeded, varied inventory: every status, type, renewal state and an expiry spread over two years. */
function variedCertificates(n: number, seed: number): Certificate[] {
  let s = seed;
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: Certificate[] = [];
  for (let i = 0; i < n; i++) {
    const days = Math.floor(rnd() * 760) - 30;
    out.push(
      cert(`v${i}`, pick(['us-east-1', 'eu-west-1', 'ap-south-1']), {
        domainName: `h${i}.example.com`,
        status: pick(['ISSUED', 'ISSUED', 'ISSUED', 'EXPIRED', 'INACTIVE', 'REVOKED', 'PENDING_VALIDATION', null]),
        type: pick(['AMAZON_ISSUED', 'AMAZON_ISSUED', 'IMPORTED', 'PRIVATE', null]),
        keyAlgorithm: pick(['RSA_2048', 'RSA_1024', 'EC_prime256v1']),
        notAfter: rnd() < 0.05 ? null : new Date(NOW.getTime() + days * 86_400_000 + Math.floor(rnd() * 86_400_000)).toISOString(),
        inUse: pick([true, false, null]),
        inUseBy: rnd() < 0.3 ? [`arn:aws:cloudfront::123456789012:distribution/E${i}`] : [],
        renewalEligibility: pick(['ELIGIBLE', 'INELIGIBLE', null]),
        renewalStatus: pick([null, null, 'SUCCESS', 'FAILED', 'PENDING_VALIDATION']),
        validationMethod: pick(['DNS', 'EMAIL', 'HTTP', null]),
        tags: rnd() < 0.5 ? { owner: `team${i % 7}`, environment: pick(['prod', 'dev']) } : {},
      }),
    );
  }
  return out;
}

function agree(certs: Certificate[], config: AuditConfig): void {
  const inventory = inventoryOf(certs, ['us-east-1', 'eu-west-1', 'ap-south-1']);
  const audit = runAudit(inventory.certificates, config, NOW);
  const report = buildReport({ inventory, audit, advice: null, facts: [], config, generatedAt: NOW });
  const overview = overviewOf(inventory.certificates, audit.findings, config, NOW, true);

  expect(overview.counts.total).toBe(report.totals.certificates);
  expect(overview.counts.inUse.yes).toBe(report.totals.inUse);
  expect(overview.timeline).toEqual(report.expiryTimeline);
  expect(overview.forecast).toEqual(report.forecast);
  // The report lists the first five; the Overview, given room, the same five first.
  expect(overview.urgent!.slice(0, report.urgent.length)).toEqual(report.urgent.map(({ owner: _owner, blastRadius: _blast, consoleUrl: _console, ...u }) => u));
}

describe('the Overview and the exported report agree on the same inventory', () => {
  it('on the TUI fixtures', () => agree(fixtureCertificates(), DEFAULT_AUDIT_CONFIG));

  it('on a varied inventory, with the default and with other thresholds', () => {
    const certs = variedCertificates(400, 7);
    agree(certs, DEFAULT_AUDIT_CONFIG);
    agree(certs, { ...DEFAULT_AUDIT_CONFIG, expiryDays: { high: 10, medium: 90 }, renewalLateDays: 30 });
    // The comparison is not vacuous: the inventory fills the timeline and the urgent list.
    const inventory = inventoryOf(certs, ['us-east-1']);
    const overview = overviewOf(certs, runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW).findings, DEFAULT_AUDIT_CONFIG, NOW, true);
    expect(overview.timeline.filter((m) => m.managed > 0 && m.needsAction > 0).length).toBeGreaterThan(6);
    expect(overview.urgent!.length).toBe(10);
  });
});
