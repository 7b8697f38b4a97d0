/**
 * Concepts defined once, and the places that show them tied to that one definition: the provenance
 * sentence of a recorded inventory (CLI table, Overview, report), the count by severity (audit, report,
 * Findings view), the abort error (every reader's cancellation) and the age of a reading.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { isAbort } from '../../src/aws/errors.js';
import { abortError as pacerAbortError } from '../../src/aws/pacer.js';
import { runAudit } from '../../src/audit/run.js';
import { inventoryTable } from '../../src/cli/commands/inventory.js';
import { renderAuditTable } from '../../src/cli/format/audit-table.js';
import { formatAge } from '../../src/domain/duration.js';
import { abortError } from '../../src/domain/errors.js';
import { countBySeverity } from '../../src/domain/finding.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { recordingSentence } from '../../src/domain/recording.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { buildReport } from '../../src/report/model.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { statusParts } from '../../src/ui/components/status-line.js';
import { findingsLayout } from '../../src/ui/state/findings-view.js';
import { OverviewView } from '../../src/ui/views/overview.js';
import { cert, fixtureCertificates, inventoryOf, NOW } from '../ui/fixtures.js';

const recorded = (): Inventory => ({
  ...inventoryOf(fixtureCertificates(), ['eu-west-1', 'us-east-1']),
  origin: {
    kind: 'config-aggregator',
    aggregator: 'org-certs',
    capturedAt: { oldest: new Date(NOW.getTime() - 3 * 3_600_000).toISOString(), newest: NOW.toISOString() },
    missingFields: [{ field: 'exportOption', reason: 'not recorded' }],
  },
});
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('one provenance sentence', () => {
  const inv = recorded();
  const sentence = recordingSentence(inv.origin!, NOW);

  it('names the aggregator, the age, the lag and what Config does not record', () => {
    expect(sentence).toBe('recorded by AWS Config aggregator org-certs, oldest item 3 h old; tags and fields may lag the live API; not recorded by Config: exportOption');
  });

  it('the CLI table, the Overview and the report all say it', () => {
    expect(inventoryTable(inv, NOW, false, DEFAULT_AUDIT_CONFIG.expiryDays)).toContain(sentence);
    const overview = render(
      <OverviewView label={{ profile: null, endpoint: null, demo: true, regions: 'all' }} inventory={inv} load={{ status: 'done', generation: 1, error: null, regionsTotal: 2 }} findings={[]} config={DEFAULT_AUDIT_CONFIG} width={80} height={40} now={NOW} />,
    );
    expect(flat(overview.lastFrame() ?? '')).toContain(sentence);
    overview.unmount();
    const report = buildReport({ inventory: inv, audit: runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, NOW), advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
    expect(flat(renderReportMarkdown(report))).toContain(sentence);
  });
});

describe('one count by severity', () => {
  it('the audit, the report and the Findings view count alike', () => {
    const certs = fixtureCertificates();
    const audit = runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW);
    expect(audit.findings.length).toBeGreaterThan(0);
    const counted = countBySeverity(audit.findings);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(audit.findings.length);
    expect(audit.summary).toEqual(counted);
    expect(findingsLayout(audit.findings).counts).toEqual(counted);
    const report = buildReport({ inventory: inventoryOf(certs, ['eu-west-1']), audit, advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
    expect(report.summary).toEqual(counted);
  });
});

describe('one abort error', () => {
  it('is what the pacer rejects with, and what every reader recognises as a cancellation', () => {
    expect(pacerAbortError).toBe(abortError);
    const reason = new Error('stop');
    const e = abortError(reason);
    expect(e.name).toBe('AbortError');
    expect(e.cause).toBe(reason);
    expect(isAbort(e)).toBe(true);
    expect(isAbort(new Error('boom'))).toBe(false);
  });
});

describe('one age formatter', () => {
  it('the status line says how old the cache is the way the provenance sentence does', () => {
    const cachedAt = new Date(NOW.getTime() - 3 * 3_600_000).toISOString();
    const parts = statusParts({ profile: null, endpoint: null, demo: true, regions: 'all' }, { account: null, regions: [], load: { status: 'done', generation: 1, error: null, regionsTotal: 0 }, cachedAt }, NOW);
    expect(parts.join(' · ')).toContain(`cached ${formatAge(3 * 3_600_000)} ago`);
    expect(recordingSentence(recorded().origin!, NOW)).toContain(`${formatAge(3 * 3_600_000)} old`);
  });
});

describe('one text-table renderer', () => {
  it('the inventory and audit tables clip, sanitise and align a cell alike', () => {
    const long = cert('long', 'eu-west-1', { domainName: `${'x'.repeat(60)}\u001b[2J`, keyAlgorithm: 'RSA_1024', notAfter: new Date(NOW.getTime() - 86_400_000).toISOString() });
    const clipped = `${'x'.repeat(47)}…`;
    const inventory = inventoryTable(inventoryOf([long], ['eu-west-1']), NOW, false, DEFAULT_AUDIT_CONFIG.expiryDays);
    const audit = renderAuditTable(runAudit([long], DEFAULT_AUDIT_CONFIG, NOW), { color: false, certificates: [long] });
    for (const text of [inventory, audit]) {
      expect(text).toContain(clipped);
      expect(text).not.toMatch(/\u001b/);
    }
    // Two spaces between columns, the header padded to its column's widest cell.
    const header = audit.split('\n').find((l) => l.includes('CERTIFICATE'))!;
    expect(header).toMatch(new RegExp(`^  RULE +  CERTIFICATE {${clipped.length - 'CERTIFICATE'.length}}  REGION +  FINDING$`));
  });
});
