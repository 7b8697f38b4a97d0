import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { StageRead } from '../../src/domain/inventory.js';
import type { Endpoint } from '../../src/domain/serving.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { cert, inDays, NOW } from '../audit/helpers.js';

/** What the route53 and dns stages read, joined into the audit's evidence: the rule's sentences name the zone and the reach. */

const readAt = NOW.toISOString();
const alb: Endpoint = {
  arn: 'arn:aws:elasticloadbalancing:us-east-2:111122223333:loadbalancer/app/analytics-prod/7c3e',
  service: 'elasticloadbalancing',
  label: 'ALB analytics-prod :443',
  accountId: '111122223333',
  region: 'us-east-2',
  names: ['analytics.example.com'],
  tls: null,
  backendProtocol: 'HTTP',
  passthrough: false,
};

function reads(arn: string, zones: Array<{ name: string; privateZone: boolean }> | null): StageRead[] {
  const validation = [{ domainName: 'analytics.example.com', recordName: '_a.analytics.example.com', expected: '_b.acm-validations.aws', state: 'missing', found: null, zone: null }];
  const out: StageRead[] = [{ stage: 'dns', region: 'us-east-1', status: 'ok', readAt, data: [{ arn, validation, caa: [] }] }];
  if (zones) {
    out.push({ stage: 'route53', region: 'us-east-1', status: 'ok', readAt, data: { zones: zones.map((z, i) => ({ id: `Z${i}`, ...z })), records: [] } });
  }
  return out;
}

const finding = (c: ReturnType<typeof cert>, stageReads: StageRead[]) =>
  runAudit([c], DEFAULT_AUDIT_CONFIG, NOW, { evidence: evidenceOf(stageReads), rules: ['validation-record-missing'] }).findings[0];

describe('validation-record-missing with the run’s Route 53 zones and the certificate’s reach', () => {
  it('names the public zone holding the record (the longest one, never a private zone) and what the certificate takes down', () => {
    const c = cert({ notBefore: inDays(-150), hostnames: ['analytics.example.com'], endpoints: [alb] }, 48);
    const zones = [
      { name: 'example.com', privateZone: false },
      { name: 'analytics.example.com', privateZone: true },
      { name: 'other.example.org', privateZone: false },
    ];
    const f = finding(c, reads(c.arn, zones));
    expect(f.severity).toBe('high');
    expect(f.detail).toContain('_a.analytics.example.com does not exist (Route 53 zone example.com)');
    expect(f.detail).toContain('in use and takes down analytics.example.com on ALB analytics-prod: renewal will fail');
    expect(f.remediation).toBe('Create the CNAME _a.analytics.example.com → _b.acm-validations.aws in the Route 53 zone example.com.');
  });

  it('names no zone when Route 53 was not read, and no reach when the serving stages were not', () => {
    const c = cert({ notBefore: inDays(-150) }, 48);
    const f = finding(c, reads(c.arn, null));
    expect(f.detail).toBe('_a.analytics.example.com does not exist. The certificate is in use: renewal will fail and it will expire.');
    expect(f.remediation).not.toContain('zone');
  });
});
