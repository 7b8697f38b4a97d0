import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { PlanStep, Snippet } from '../../src/domain/advice.js';
import { NOW, cert, finding, inventory } from './helpers.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

const kb = loadKnowledgeBase();

// CloudFormation short-form intrinsics, resolved to their long form so the document parses.
const cfnTags: (ScalarTag | CollectionTag)[] = ['Ref', 'Sub', 'GetAtt', 'ImportValue', 'Join', 'Select', 'If', 'Equals', 'Not', 'GetAZs', 'Split', 'FindInMap'].flatMap(
  (name) => {
    const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
    return [
      { tag: `!${name}`, resolve: (v: unknown) => ({ [key]: v }) } as ScalarTag,
      { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => ({ [key]: v }) } as unknown as CollectionTag,
    ];
  },
);
/** A template is whatever YAML the snippet holds. */
type Loose = any;
const parseCfn = (code: string) =>
  parse(code, { customTags: cfnTags }) as { Parameters?: Record<string, Loose>; Resources: Record<string, { Type: string; Properties: Record<string, Loose> }> };

const inv = inventory([
  cert({ domainName: 'shop.example.org', subjectAlternativeNames: ['shop.example.org', 'www.example.org'], tags: { environment: 'production' }, inUse: true, status: 'ISSUED' }),
  cert({ domainName: 'api.example.net', status: 'ISSUED' }),
]);

/** A plan that triggers every snippet-bearing step. */
function fullPlan(): PlanStep[] {
  const answers = { 'infrastructure-as-code': 'other', 'certificate-pinning': 'leaf', 'private-key-export': 'yes' };
  const findings = ['renewal-failing', 'imported-manual-renewal', 'transparency-logging-disabled', 'missing-tags'].map((r) => finding(r));
  return advise(kb, { workload: null, answers }, inv, findings, DEFAULT_AUDIT_CONFIG, NOW).plan.steps;
}

const allSnippets = (): { step: string; snippet: Snippet }[] => fullPlan().flatMap((s) => s.snippets.map((snippet) => ({ step: s.id, snippet })));
const snippet = (step: string, language: string) => fullPlan().find((s) => s.id === step)!.snippets.find((s) => s.language === language)!;

describe('generated snippets', () => {
  it('CloudFormation for the DNS-validated certificate parses with the right types, HostedZoneId validation and tags', () => {
    const doc = parseCfn(snippet('dns-validated-certificates', 'yaml').code);
    const c = doc.Resources.Certificate;
    expect(c.Type).toBe('AWS::CertificateManager::Certificate');
    expect(c.Properties.ValidationMethod).toBe('DNS');
    expect(c.Properties.DomainName).toEqual({ Ref: 'DomainName' });
    const dvo = c.Properties.DomainValidationOptions as { HostedZoneId: unknown }[];
    expect(dvo.every((d) => JSON.stringify(d.HostedZoneId) === '{"Ref":"HostedZoneId"}')).toBe(true);
    expect((c.Properties.Tags as { Key: string }[]).map((t) => t.Key)).toEqual(['owner', 'environment', 'application']);
  });

  it('the expiry alert is an EventBridge rule on the three ACM expiry events, publishing to a topic only this account\'s acm- rules may use', () => {
    const doc = parseCfn(snippet('expiry-alerts', 'yaml').code);
    const rule = doc.Resources.ExpiryRule;
    expect(rule.Type).toBe('AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.acm'],
      'detail-type': ['ACM Certificate Approaching Expiration', 'ACM Certificate Renewal Action Required', 'ACM Certificate Expired'],
    });
    expect(rule.Properties.Name).toMatch(/^acm-/);
    const [allow] = doc.Resources.CertificateAlertsPolicy.Properties.PolicyDocument.Statement;
    expect(allow.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(allow.Condition.ArnLike['aws:SourceArn']['Fn::Sub']).toMatch(/:\$\{AWS::AccountId\}:rule\/acm-\*$/);
    const hcl = snippet('expiry-alerts', 'hcl');
    if (hcl) for (const t of ['aws:SourceAccount', 'aws:SourceArn', 'ACM Certificate Renewal Action Required', 'ACM Certificate Expired']) expect(hcl.code).toContain(t);
    expect(doc.Resources.CertificateAlerts.Type).toBe('AWS::SNS::Topic');
    expect(doc.Resources.ExpiryConfiguration.Type).toBe('AWS::CertificateManager::Account');
  });

  it('TLS policies are the current ones', () => {
    const doc = parseCfn(snippet('tls-policies', 'yaml').code);
    expect(doc.Resources.HttpsListener.Type).toBe('AWS::ElasticLoadBalancingV2::Listener');
    expect(doc.Resources.HttpsListener.Properties.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(doc.Resources.Distribution.Type).toBe('AWS::CloudFront::Distribution');
    expect(JSON.stringify(doc.Resources.Distribution)).toContain('TLSv1.2_2025');
    // CloudFront's certificate is its own (us-east-1), the distribution names its aliases, and the https-only
    // origin is a name on the load balancer's certificate rather than its amazonaws.com DNS name.
    const config = doc.Resources.Distribution.Properties.DistributionConfig;
    expect(config.ViewerCertificate.AcmCertificateArn).toEqual({ Ref: 'CloudFrontCertificateArn' });
    expect(doc.Resources.HttpsListener.Properties.Certificates[0].CertificateArn).not.toEqual(config.ViewerCertificate.AcmCertificateArn);
    expect(config.Aliases).toEqual([{ Ref: 'DomainName' }]);
    expect(config.Origins[0].DomainName).toEqual({ Ref: 'OriginDomainName' });
    expect(JSON.stringify(config.Origins)).not.toContain('DNSName');
    for (const p of ['DomainName', 'OriginDomainName', 'CloudFrontCertificateArn']) expect(doc.Parameters?.[p], p).toBeDefined();
  });

  it('every YAML snippet parses (with CloudFormation tags) and every JSON snippet is valid JSON', () => {
    for (const { step, snippet: s } of allSnippets()) {
      if (s.language === 'yaml') expect(() => parseCfn(s.code), step).not.toThrow();
      if (s.language === 'json') expect(() => JSON.parse(s.code), step).not.toThrow();
      expect(s.code, step).not.toMatch(/\{\{\w+\}\}/);
    }
  });

  it('CloudTrail alerts watch RequestCertificate names and SANs outside the company domains, and every delete, revoke, export and re-import', () => {
    const step = fullPlan().find((s) => s.id === 'cloudtrail-alerts')!;
    const [request, del] = step.snippets.map((s) => JSON.parse(s.code));
    expect(request['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(request.detail.eventName).toEqual(['RequestCertificate']);
    const outside = [{ 'anything-but': { wildcard: ['example.org', '*.example.org', 'example.net', '*.example.net'] } }];
    expect(request.detail.requestParameters.$or).toEqual([{ domainName: outside }, { subjectAlternativeNames: outside }]);
    expect(del.detail.$or).toEqual([
      { eventName: ['DeleteCertificate', 'RevokeCertificate', 'ExportCertificate'] },
      { eventName: ['ImportCertificate'], requestParameters: { certificateArn: [{ exists: true }] } },
    ]);
    // No ARN list to go stale: production deletes are refused by the tag-based SCP instead.
    expect(JSON.stringify(del)).not.toContain('arn:aws:acm');
  });

  it('Terraform is formatted as terraform fmt would (checked with terraform when installed)', () => {
    const hcl = allSnippets().filter(({ snippet: s }) => s.language === 'hcl');
    expect(hcl.length).toBeGreaterThanOrEqual(2);
    const main = snippet('dns-validated-certificates', 'hcl').code;
    for (const r of ['resource "aws_acm_certificate" "this"', 'resource "aws_route53_record" "validation"', 'resource "aws_acm_certificate_validation" "this"'])
      expect(main).toContain(r);
    const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
    if (probe.status === 0) {
      for (const { step, snippet: s } of hcl) {
        const r = spawnSync('terraform', ['fmt', '-check', '-'], { input: s.code, encoding: 'utf8' });
        expect(r.status, `${step}: ${r.stdout}${r.stderr}`).toBe(0);
      }
    } else {
      // Without terraform: two-space indentation, no tabs, aligned "=" in consecutive attribute lines.
      for (const { snippet: s } of hcl) {
        expect(s.code).not.toContain('\t');
        for (const line of s.code.split('\n')) expect(line.match(/^ */)![0].length % 2).toBe(0);
        const blocks = s.code.split(/\n\s*\n|\{\n|\n\s*\}/);
        for (const b of blocks) {
          const eqCols = b.split('\n').filter((l) => /^\s*[a-z_]+\s+=\s/.test(l)).map((l) => l.indexOf('='));
          if (eqCols.length > 1) expect(new Set(eqCols).size).toBe(1);
        }
      }
    }
  });
});
