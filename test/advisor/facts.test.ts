import { describe, expect, it } from 'vitest';
import { loadFacts, loadKnowledgeBase } from '../../src/advisor/index.js';
import { serviceOfArn } from '../../src/domain/arn.js';

const facts = new Map(loadFacts().map((f) => [f.id, f]));
const fact = (id: string) => {
  const f = facts.get(id);
  expect(f, id).toBeDefined();
  expect(f!.source.url, id).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
  expect(f!.checked, id).toMatch(/^2026-\d{2}-\d{2}$/);
  return f!;
};

describe('corrected facts, each with a source and a checked date', () => {
  it('exportable pricing: the 2026 change is reported by a secondary source only, so it is unverified, with no unsourced figure', () => {
    const f = fact('exportable-pricing');
    expect(f.statement).toMatch(/secondary source reports a\s+price reduction in 2026/);
    expect(f.statement).toMatch(/no current figure with a source/);
    expect(f.unverified).toMatch(/secondary source/);
  });

  it.each(['ct-logging', 'renewal-windows', 'no-client-auth-eku', 'cloudfront-tls-policy', 'integrated-services'])(
    '%s is marked unverified, saying what no AWS page confirmed',
    (id) => {
      expect(fact(id).unverified, id).toMatch(/\w{4,}/);
    },
  );

  it('the integrated services are the ones whose in-use ARNs this tool recognises; CloudFormation is not one, nor App Runner', () => {
    const f = fact('integrated-services');
    expect(f.statement).toMatch(/CloudFormation and Terraform create certificates but attach nothing/);
    for (const arn of [
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1',
      'arn:aws:cloudfront::111122223333:distribution/E1',
      'arn:aws:appsync:eu-west-1:111122223333:domainnames/x',
      'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-1',
    ])
      expect(f.statement).toContain(serviceOfArn(arn));
    expect(serviceOfArn('arn:aws:apprunner:us-east-1:111122223333:service/web/1')).not.toMatch(/App Runner/);
  });

  it('names per certificate: 10 by default, more by quota increase', () => {
    expect(fact('names-per-certificate').statement).toMatch(/10 domain names by default; a quota increase\s+raises that to up to 100/);
  });

  it('App Runner manages its own certificates and is not listed as an ACM attachment target', () => {
    expect(fact('app-runner-own-certificates').statement).toMatch(/not\s+a service you attach an ACM certificate to/);
    expect(fact('integrated-services').statement).not.toContain('App Runner');
    const endpoints = loadKnowledgeBase().questions.find((q) => q.id === 'aws-integrated-endpoints')!;
    expect(endpoints.prompt).not.toContain('App Runner');
  });

  it('AWS Private CA is not publicly trusted, so it is no SLA answer for public endpoints', () => {
    expect(fact('private-ca-not-public').statement).toMatch(/not trust/);
    expect(fact('no-acm-sla').statement).toMatch(/not publicly trusted, so it is no SLA answer for\s+public endpoints/);
  });

  it('expiry events start 45 days out for imported and private certificates and 30 for public ones by default', () => {
    expect(fact('expiry-events').statement).toMatch(/45 days before expiry for imported\s+and private certificates and from 30 days for public ones/);
  });

  it('the validation method can change in place, tracked by UpdateSummary and ListCertificateDomainValidations', () => {
    const f = fact('validation-method-change');
    expect(f.statement).toContain('UpdateSummary');
    expect(f.statement).toContain('ListCertificateDomainValidations');
    const step = loadKnowledgeBase().planSteps.find((s) => s.id === 'migrate-email-to-dns')!;
    expect(step.how.join(' ')).toMatch(/in place.*UpdateSummary.*ListCertificateDomainValidations/);
  });
});
