import { describe, expect, it } from 'vitest';
import { statusParts } from '../../src/ui/components/status-line.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { cellOf, layoutColumns } from '../../src/ui/state/columns.js';
import { detailLines, wrap } from '../../src/ui/state/detail-lines.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { countCertificates, overviewOf } from '../../src/ui/state/overview.js';
import { cert, eventsFor, fixtureCertificates, HOSTILE, NOW } from './fixtures.js';

const ESC = '\u001b';
const E = DEFAULT_AUDIT_CONFIG.expiryDays;

describe('columns adapt to the width', () => {
  it('shows every column when wide, and gives the domain room before keeping minor columns', () => {
    expect(layoutColumns(140).map((c) => c.id)).toEqual(['domain', 'region', 'sans', 'type', 'status', 'key', 'expires', 'inUse', 'hosts', 'renewal']);
    const at118 = layoutColumns(118);
    expect(at118.find((c) => c.id === 'domain')!.width).toBeGreaterThanOrEqual(36);
    expect(at118.map((c) => c.id)).not.toContain('renewal');
    const narrow = layoutColumns(60).map((c) => c.id);
    expect(narrow).toContain('domain');
    expect(narrow).toContain('expires');
    expect(narrow).not.toContain('renewal');
    for (const w of [40, 60, 80, 100, 118, 200]) {
      const cols = layoutColumns(w);
      expect(cols.reduce((n, c) => n + c.width + 1, 0), `width ${w}`).toBeLessThanOrEqual(Math.max(w, 20));
    }
    expect(layoutColumns(60).find((c) => c.id === 'expires')?.wide).toBe(false);
  });

  it('formats cells: expiry with days left and urgency', () => {
    const [api, shop, legacy] = fixtureCertificates();
    const expires = layoutColumns(118).find((c) => c.id === 'expires')!;
    expect(cellOf(api, expires, NOW, E)).toEqual({ text: '2026-12-09 12d', tone: 'danger' });
    expect(cellOf(shop, expires, NOW, E).tone).toBe('warning');
    expect(cellOf(legacy, expires, NOW, E).text).toBe('2026-11-22 -5d');
  });

  it('colours expiry by the configured thresholds, each bound included, as the audit counts them', () => {
    const expires = layoutColumns(118).find((c) => c.id === 'expires')!;
    const at = (d: number) => cert('t', 'us-east-1', { notAfter: new Date(NOW.getTime() + d * 86_400_000).toISOString() });
    expect([29, 30, 31, 60, 61].map((d) => cellOf(at(d), expires, NOW, E).tone)).toEqual(['danger', 'danger', 'warning', 'warning', 'ok']);
    const tight = { high: 10, medium: 20 };
    expect([10, 11, 20, 21].map((d) => cellOf(at(d), expires, NOW, tight).tone)).toEqual(['danger', 'warning', 'warning', 'ok']);
  });
});

describe('hostile data is sanitised before it reaches the terminal', () => {
  const evil = cert('evil', 'us-east-1', {
    domainName: `${ESC}]0;owned${String.fromCharCode(7)}bad.example.com`,
    tags: { [`k${ESC}[2J`]: HOSTILE },
    inUseBy: [`arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/${ESC}]2;x${String.fromCharCode(7)}/1`],
    failureReason: `line1\nline2${ESC}[31m`,
  });

  it('in table cells', () => {
    for (const c of layoutColumns(118)) expect(cellOf(evil, c, NOW, E).text).not.toContain(ESC);
    expect(cellOf(evil, layoutColumns(118)[0], NOW, E).text).toContain('bad.example.com');
  });

  it('in the detail pane (tags, used-by, reasons)', () => {
    const lines = detailLines(evil, NOW, E, 120);
    for (const l of lines) {
      expect(l.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      expect(l.label ?? '').not.toMatch(/[\u0000-\u001f]/);
    }
    expect(lines.some((l) => l.text.includes('evil') && l.text.includes('\uFFFD'))).toBe(true);
  });

  it('in the status line', () => {
    const s = reducer(initialState(), { type: 'inventory', generation: 1, events: [{ kind: 'identity', account: { id: `${ESC}]0;x${String.fromCharCode(7)}`, arn: 'a' } }] });
    const parts = statusParts({ profile: `p${ESC}[31m`, endpoint: null, demo: false, regions: ['us-east-1'] }, s);
    expect(parts.join(' ')).not.toContain(ESC);
  });
});

describe('detail lines', () => {
  it('hold every section: used by decoded, validation records, renewal, tags, findings', () => {
    const [api] = fixtureCertificates();
    const text = detailLines(api, NOW, E, 140, [
      { ruleId: 'expiring-soon', severity: 'high', certificateArn: api.arn, region: 'us-east-1', title: 'Expires in 12 days', detail: 'd', remediation: 'Renew it' },
      { ruleId: 'weak-key', severity: 'high', certificateArn: 'other', region: null, title: 'Other', detail: 'd', remediation: 'r' },
    ])
      .map((l) => `${l.label ?? ''} ${l.text}`)
      .join('\n');
    for (const s of [
      'api.example.com',
      api.arn,
      'Application Load Balancer: prod-api',
      'CloudFront distribution: EDFDVBD6EXAMPLE',
      'CNAME  _x1.api.example.com. → _y1.acm-validations.aws.',
      'Eligible for managed renewal',
      'owner = platform',
      'Findings (1)',
      'Fix: Renew it',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('Other');
  });

  it('wraps long values instead of cutting them', () => {
    const long = cert('l', 'us-east-1', { subject: 'CN=' + 'x'.repeat(200) });
    const lines = detailLines(long, NOW, E, 80).filter((l) => l.kind === 'field' && (l.label === 'Subject' || (l.label === '' && l.text.startsWith('x'))));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.text).join('')).toBe('CN=' + 'x'.repeat(200));
  });

  it('wraps prose at spaces', () => {
    expect(wrap('renew the certificate before it expires', 20)).toEqual(['renew the', 'certificate before', 'it expires']);
  });
});

describe('overview summaries', () => {
  const certs = fixtureCertificates();

  it('counts by status, type, key and in use', () => {
    const c = countCertificates(certs);
    expect(c.total).toBe(4);
    expect(c.byStatus).toEqual([
      ['ISSUED', 3],
      ['EXPIRED', 1],
    ]);
    expect(c.byType).toContainEqual(['IMPORTED', 1]);
    expect(c.byKey).toContainEqual(['RSA_1024', 1]);
    expect(c.inUse).toEqual({ yes: 3, no: 1, unknown: 0 });
  });

  it('builds a 12-month expiry timeline, a late managed renewal and an imported one needing action', () => {
    const t = overviewOf(certs, null, DEFAULT_AUDIT_CONFIG, NOW, true).timeline;
    expect(t).toHaveLength(12);
    expect(t[0].month).toBe('2026-11');
    // api.example.com renews itself, but 12 days out that renewal is late (renewalLateDays 14)
    expect(t[1]).toMatchObject({ month: '2026-12', expiring: 1, managed: 0, needsAction: 1 });
    expect(t[2]).toMatchObject({ month: '2027-01', expiring: 1, managed: 0, needsAction: 1 });
    expect(t.reduce((n, m) => n + m.expiring, 0)).toBe(3); // the expired one is not in the future
    const relaxed = overviewOf(certs, null, { ...DEFAULT_AUDIT_CONFIG, renewalLateDays: 7 }, NOW, true).timeline;
    expect(relaxed[1]).toMatchObject({ managed: 1, needsAction: 0 });
  });

  it('ranks the most urgent by worst finding, once the audit has run', () => {
    expect(overviewOf(certs, null, DEFAULT_AUDIT_CONFIG, NOW, true).urgent).toBeNull();
    const findings = runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW).findings;
    const urgent = overviewOf(certs, findings, DEFAULT_AUDIT_CONFIG, NOW, true).urgent!;
    // RSA 1024 is high; expired five days ago it is nearer than anything else high.
    expect(urgent[0]).toMatchObject({ domainName: 'legacy.internal.test', worstSeverity: 'high', daysLeft: -5 });
    expect(urgent.map((u) => u.domainName)).toContain('api.example.com');
  });

  it('status line shows profile, account, regions and progress', () => {
    const s = reducer(initialState(), { type: 'inventory', generation: 1, events: eventsFor(certs, ['us-east-1', 'eu-west-1']) });
    expect(statusParts({ profile: 'prod', endpoint: null, demo: false, regions: ['us-east-1', 'eu-west-1'] }, s)).toEqual(
      expect.arrayContaining(['profile prod', 'account 123456789012', 'regions 2/2', 'details 4/4', 'loaded']),
    );
  });
});
