import { describe, expect, it } from 'vitest';
import { coverageKey, joinServing, type ServingResources } from '../../src/domain/serving.js';
import { blastRadius } from '../../src/domain/endpoint-text.js';
import { legacyTlsPolicy } from '../../src/audit/rules/legacy-tls-policy.js';
import { plainHttpBackend } from '../../src/audit/rules/plain-http-backend.js';
import { nameServedElsewhere } from '../../src/audit/rules/name-served-elsewhere.js';
import { unusedCertificate } from '../../src/audit/rules/unused-certificate.js';
import { renewalFailing } from '../../src/audit/rules/renewal-failing.js';
import { expiringSoon } from '../../src/audit/rules/expiring-soon.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, NOW } from '../audit/helpers.js';

const A = '123456789012';
const SHOP = `arn:aws:acm:eu-west-1:${A}:certificate/shop`;
const CDN = `arn:aws:acm:us-east-1:${A}:certificate/cdn`;
const API = `arn:aws:acm:eu-west-1:${A}:certificate/api`;
const IDLE = `arn:aws:acm:eu-west-1:${A}:certificate/idle`;

const resources: ServingResources = {
  listeners: [
    {
      accountId: A,
      region: 'eu-west-1',
      loadBalancerArn: 'lb-shop',
      loadBalancerName: 'shop',
      loadBalancerType: 'application',
      dnsName: 'shop-1.eu-west-1.elb.amazonaws.com',
      listenerArn: 'listener-shop-443',
      port: 443,
      protocol: 'HTTPS',
      certificateArns: [SHOP],
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      policyProtocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
      backendProtocols: ['HTTP'],
    },
    {
      accountId: A,
      region: 'eu-west-1',
      loadBalancerArn: 'lb-pay',
      loadBalancerName: 'payments',
      loadBalancerType: 'network',
      dnsName: 'pay.elb.eu-west-1.amazonaws.com',
      listenerArn: 'listener-pay-443',
      port: 443,
      protocol: 'TCP',
      certificateArns: [],
      sslPolicy: null,
      policyProtocols: null,
      backendProtocols: ['TCP'],
    },
  ],
  distributions: [
    {
      accountId: A,
      id: 'E1',
      arn: 'arn:aws:cloudfront::1:distribution/E1',
      domainName: 'd1.cloudfront.net',
      aliases: ['static.example.com'],
      certificateArn: CDN,
      minimumProtocolVersion: 'TLSv1.2_2021',
      originProtocols: ['https-only'],
    },
  ],
  apiDomains: [
    {
      accountId: A,
      region: 'eu-west-1',
      apiVersion: 1,
      domainName: 'api.example.com',
      arn: 'arn:aws:apigateway:eu-west-1::/domainnames/api.example.com',
      certificateArns: [API],
      securityPolicy: 'TLS_1_0',
      endpointTypes: ['REGIONAL'],
      targets: ['d-abc.execute-api.eu-west-1.amazonaws.com'],
    },
  ],
  records: [
    { accountId: A, zoneId: 'Z', zoneName: 'example.com', privateZone: false, name: 'shop.example.com', type: 'A', target: 'dualstack.shop-1.eu-west-1.elb.amazonaws.com', alias: true },
    { accountId: A, zoneId: 'Z', zoneName: 'example.com', privateZone: false, name: 'checkout.example.com', type: 'CNAME', target: 'shop.example.com', alias: false },
    { accountId: A, zoneId: 'Z', zoneName: 'example.com', privateZone: false, name: 'www.example.com', type: 'CNAME', target: 'example.com.edgekey.net', alias: false },
    // A loop in hostile zone data must not spin.
    { accountId: A, zoneId: 'Z', zoneName: 'example.com', privateZone: false, name: 'a.example.com', type: 'CNAME', target: 'b.example.com', alias: false },
    { accountId: A, zoneId: 'Z', zoneName: 'example.com', privateZone: false, name: 'b.example.com', type: 'CNAME', target: 'a.example.com', alias: false },
  ],
};

const everything = new Set([
  coverageKey('elasticloadbalancing', A, 'eu-west-1'),
  coverageKey('apigateway', A, 'eu-west-1'),
  coverageKey('elasticloadbalancing', A, 'us-east-1'),
  coverageKey('apigateway', A, 'us-east-1'),
  coverageKey('cloudfront', A, 'us-east-1'),
  coverageKey('route53', A, 'us-east-1'),
]);

const certs = [
  { arn: SHOP, accountId: A, region: 'eu-west-1', names: ['shop.example.com', 'www.example.com'] },
  { arn: CDN, accountId: A, region: 'us-east-1', names: ['static.example.com'] },
  { arn: API, accountId: A, region: 'eu-west-1', names: ['api.example.com'] },
  { arn: IDLE, accountId: A, region: 'eu-west-1', names: ['idle.example.com'] },
];

describe('joining certificates to what serves them', () => {
  const joined = joinServing(certs, resources, { read: everything });

  it('a load balancer certificate reaches every name pointing at it, through CNAME chains', () => {
    const shop = joined.get(SHOP)!;
    expect(shop.hostnames).toEqual(['checkout.example.com', 'shop.example.com']);
    expect(shop.endpoints).toHaveLength(1);
    expect(shop.endpoints![0]).toMatchObject({
      service: 'elasticloadbalancing',
      label: 'ALB shop :443',
      tls: { policy: 'ELBSecurityPolicy-2016-08', minimumProtocol: 'TLSv1', postQuantum: false },
      backendProtocol: 'HTTP',
      passthrough: false,
    });
    expect(blastRadius(shop)).toBe('takes down checkout.example.com, shop.example.com on ALB shop');
  });

  it('CloudFront and API Gateway: own names, and the documented policy tables', () => {
    expect(joined.get(CDN)!.hostnames).toEqual(['static.example.com']);
    expect(joined.get(CDN)!.endpoints![0].tls).toEqual({ policy: 'TLSv1.2_2021', minimumProtocol: 'TLSv1.2', postQuantum: false });
    expect(joined.get(API)!.endpoints![0].tls).toEqual({ policy: 'TLS_1_0', minimumProtocol: 'TLSv1', postQuantum: false });
  });

  it('a certificate nothing serves has [] — read and empty — not null', () => {
    expect(joined.get(IDLE)).toEqual({ hostnames: [], endpoints: [], servedElsewhere: [] });
  });

  it('what was not read stays null, never []', () => {
    const partial = joinServing(certs, resources, { read: new Set([coverageKey('elasticloadbalancing', A, 'eu-west-1'), coverageKey('apigateway', A, 'eu-west-1')]) });
    expect(partial.get(SHOP)).toMatchObject({ hostnames: null, servedElsewhere: null });
    expect(partial.get(SHOP)!.endpoints).toHaveLength(1);
    expect(partial.get(CDN)).toEqual({ hostnames: null, endpoints: null, servedElsewhere: null });
  });

  it('a certificate name CNAMEd to a CDN outside AWS is named', () => {
    expect(joined.get(SHOP)!.servedElsewhere).toEqual([{ name: 'www.example.com', target: 'example.com.edgekey.net', cdn: 'Akamai' }]);
  });
});

describe('rules over what certificates serve', () => {
  const ctx = { config: DEFAULT_AUDIT_CONFIG, now: NOW };
  const joined = joinServing(certs, resources, { read: everything });
  const withServing = (arn: string, extra = {}) => cert({ arn, ...joined.get(arn)!, ...extra });

  it('legacy-tls-policy names the policy and the recommended one, post-quantum variant included', () => {
    const hit = legacyTlsPolicy.check(withServing(SHOP), ctx)!;
    expect(hit.severity).toBe('medium');
    expect(hit.detail).toContain('ELBSecurityPolicy-2016-08');
    expect(hit.remediation).toContain('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(legacyTlsPolicy.check(withServing(API), ctx)!.remediation).toContain('SecurityPolicy_TLS13_1_2_PQ_2025_09');
    expect(legacyTlsPolicy.check(withServing(CDN), ctx)).toBeNull();
    expect(legacyTlsPolicy.references.join(' ')).toMatch(/ELB\.17.*CloudFront\.15/);
  });

  it('plain-http-backend is info, and high when end-to-end encryption is required', () => {
    expect(plainHttpBackend.check(withServing(SHOP), ctx)!.severity).toBe('info');
    expect(plainHttpBackend.check(withServing(SHOP), { ...ctx, config: { ...DEFAULT_AUDIT_CONFIG, endToEndEncryption: true } })!.severity).toBe('high');
    expect(plainHttpBackend.check(withServing(CDN), ctx)).toBeNull();
  });

  it('name-served-elsewhere names the CDN', () => {
    expect(nameServedElsewhere.check(withServing(SHOP), ctx)!.title).toBe('served through Akamai');
  });

  it('unused-certificate holds back when an endpoint presents the certificate, whatever InUse says', () => {
    expect(unusedCertificate.check(withServing(SHOP, { inUse: false, inUseBy: [] }), ctx)).toBeNull();
    expect(unusedCertificate.check(withServing(IDLE, { inUse: false, inUseBy: [] }), ctx)).not.toBeNull();
  });

  it('renewal and expiry findings say what goes down', () => {
    const pending = withServing(SHOP, { renewalStatus: 'PENDING_VALIDATION', notAfter: new Date(NOW.getTime() + 10.5 * 86_400_000).toISOString() });
    expect(renewalFailing.check(pending, ctx)!.title).toMatch(/^renewal waiting for validation; expires in 10 days .* — takes down checkout\.example\.com, shop\.example\.com on ALB shop$/);
    const imported = withServing(SHOP, { type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', notAfter: new Date(NOW.getTime() + 20.5 * 86_400_000).toISOString() });
    expect(expiringSoon.check(imported, ctx)!.title).toContain('— takes down checkout.example.com, shop.example.com on ALB shop');
    // Nothing read: the finding reads as before.
    expect(expiringSoon.check({ ...imported, hostnames: null, endpoints: null }, ctx)!.title).not.toContain('takes down');
  });
});
