import { describe, expect, it } from 'vitest';
import { fromConfigurationItem, MALFORMED_ITEM_CODE, MISSING_FROM_CONFIG } from '../../src/aws/config-item.js';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
const NOW = new Date('2026-11-27T12:00:00Z');
const item = (configuration: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ accountId: '123456789012', awsRegion: 'eu-west-1', arn: ARN, configurationItemCaptureTime: '2026-11-27T10:00:00Z', configuration, ...extra });
const good = {
  certificateArn: ARN,
  domainName: 'shop.example.com',
  status: 'ISSUED',
  type: 'AMAZON_ISSUED',
  keyAlgorithm: 'RSA_2048',
  notBefore: '2026-06-01T00:00:00Z',
  notAfter: '2027-06-01T00:00:00Z',
  inUseBy: [],
  renewalEligibility: 'INELIGIBLE',
};
const certOf = (result: string) => (fromConfigurationItem(result) as { certificate: Certificate }).certificate;

describe('a Config item read item by item', () => {
  it('a complete item is complete, and says which fields Config never records', () => {
    const c = certOf(item(good));
    expect(c.detail).toEqual({ state: 'complete', unrecorded: MISSING_FROM_CONFIG.map((m) => m.field) });
    expect(c).toMatchObject({ status: 'ISSUED', inUse: false, notAfter: '2027-06-01T00:00:00.000Z' });
  });

  it('a configuration that is not valid JSON: the certificate is kept (by its ARN), its details named as unreadable', () => {
    const c = certOf(item('{"status": "ISSU'));
    expect(c.arn).toBe(ARN);
    expect(c.detail).toMatchObject({ state: 'failed', reason: expect.stringContaining('configuration is not valid JSON'), failure: { reason: 'malformed-response', code: MALFORMED_ITEM_CODE } });
    expect((c.detail as { missingFields: string[] }).missingFields).toEqual(expect.arrayContaining(['status', 'notAfter', 'inUse']));
  });

  it('missing fields and wrong types are named; nothing is guessed', () => {
    const { status: _s, notAfter: _n, ...rest } = good;
    const c = certOf(item({ ...rest, inUseBy: 'everything', domainName: 42 }));
    expect(c.status).toBeNull();
    expect(c.inUse).toBeNull();
    for (const problem of ['status is missing', 'domainName is number', 'inUseBy is string'])
      expect(c.detail).toMatchObject({ state: 'failed', reason: expect.stringContaining(problem) });
    expect((c.detail as { missingFields: string[] }).missingFields).toEqual(expect.arrayContaining(['status', 'domainName', 'inUseBy', 'inUse']));
    // ISSUED without notAfter is a gap too.
    const noExpiry = certOf(item({ ...good, notAfter: undefined }));
    expect(noExpiry.detail).toMatchObject({ state: 'failed', missingFields: ['notAfter'] });
  });

  it('a result that is not JSON, or names no certificate, is unreadable', () => {
    expect(fromConfigurationItem('{oops')).toEqual({ unreadable: 'not valid JSON' });
    expect(fromConfigurationItem('[1]')).toEqual({ unreadable: 'not a JSON object' });
    expect(fromConfigurationItem('{"configuration": 7}')).toEqual({ unreadable: 'configuration is not an object' });
  });
});

describe('checks that turn on a field Config does not record', () => {
  it('unused-certificate is not checked on a Config record (exported unknown), where the same record read by the API gets its finding', () => {
    const fromConfig = certOf(item(good));
    const audit = runAudit([fromConfig], DEFAULT_AUDIT_CONFIG, NOW);
    expect(audit.findings.filter((f) => f.ruleId === 'unused-certificate')).toEqual([]);
    expect(audit.notEvaluated).toContainEqual({ ruleId: 'unused-certificate', certificateArns: [ARN], reason: 'not recorded by AWS Config: exported, keyPairOrigin' });
    expect(audit.notEvaluated).toContainEqual({ ruleId: 'exported-private-key', certificateArns: [ARN], reason: 'not recorded by AWS Config: exportOption, exported' });
    // The control: the API knows it was not exported, and the finding stands.
    const fromApi: Certificate = { ...fromConfig, exported: false, keyPairOrigin: 'AWS_MANAGED', detail: { state: 'complete' } };
    expect(runAudit([fromApi], DEFAULT_AUDIT_CONFIG, NOW).findings.map((f) => f.ruleId)).toContain('unused-certificate');
  });

  it('a check whose answer does not turn on them still runs: expiry of an in-use certificate', () => {
    const soon = certOf(item({ ...good, notAfter: '2026-12-05T00:00:00Z', inUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1'] }));
    const audit = runAudit([soon], DEFAULT_AUDIT_CONFIG, NOW);
    expect(audit.findings.map((f) => f.ruleId)).toContain('expiring-soon');
    expect(audit.notEvaluated.filter((n) => n.ruleId === 'unused-certificate')).toEqual([]);
  });
});
