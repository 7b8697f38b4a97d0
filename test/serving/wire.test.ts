import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { AccountData, StoredCertificate } from '../../src/endpoint/types.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { incompleteLines } from '../../src/audit/coverage.js';
import { isPartial, type Inventory } from '../../src/domain/inventory.js';
import type { LoadBalancerData } from '../../src/stages/elb/fake.js';
import type { DistributionData } from '../../src/stages/cloudfront/fake.js';
import type { ApiDomainData } from '../../src/stages/apigateway/fake.js';
import type { ZoneData } from '../../src/stages/route53/fake.js';
import { sanitiseForTerminal } from '../../src/domain/text.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const ACCOUNT = '444455556666';
const cert = (n: number, region = 'eu-west-1') => `arn:aws:acm:${region}:${ACCOUNT}:certificate/0000000${n}-0000-4000-8000-000000000000`;
const lbArn = (n: number) => `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/lb-${n}/${String(n).padStart(16, '0')}`;

/** Enough of each service to need several pages at a page-size cap of 2. */
function serving() {
  const loadBalancers = [1, 2, 3].map((n) => ({
    arn: lbArn(n),
    name: `lb-${n}`,
    region: 'eu-west-1',
    type: 'application' as const,
    scheme: 'internet-facing' as const,
    dnsName: `lb-${n}-123.eu-west-1.elb.amazonaws.com`,
    listeners: [
      {
        arn: `${lbArn(n).replace(':loadbalancer/', ':listener/')}/l443`,
        port: 443,
        protocol: 'HTTPS' as const,
        sslPolicy: n === 1 ? 'ELBSecurityPolicy-2016-08' : 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificateArns: n === 1 ? [cert(1), cert(2), cert(3)] : [cert(n + 2)],
        targetGroupArns: [`arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/tg-${n}/abc`],
      },
      { arn: `${lbArn(n).replace(':loadbalancer/', ':listener/')}/l80`, port: 80, protocol: 'HTTP' as const, certificateArns: [], targetGroupArns: [] },
    ],
  }));
  const elasticloadbalancing: LoadBalancerData = {
    loadBalancers,
    targetGroups: [1, 2, 3].map((n) => ({
      arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/tg-${n}/abc`,
      name: `tg-${n}`,
      region: 'eu-west-1',
      protocol: n === 1 ? 'HTTP' : 'HTTPS',
      port: 8080,
      loadBalancerArns: [lbArn(n)],
    })),
  };
  const cloudfront: DistributionData = {
    distributions: [1, 2, 3].map((n) => ({
      id: `E${n}DIST`,
      arn: `arn:aws:cloudfront::${ACCOUNT}:distribution/E${n}DIST`,
      domainName: `d${n}.cloudfront.net`,
      aliases: [`cdn${n}.example.com`, n === 3 ? '<b>`x|y`</b>.example.com' : `static${n}.example.com`],
      certificateArn: cert(10 + n, 'us-east-1'),
      minimumProtocolVersion: n === 1 ? 'TLSv1' : 'TLSv1.2_2021',
      origins: [{ id: 'o', domainName: 'origin.example.com', protocolPolicy: n === 2 ? ('http-only' as const) : ('https-only' as const) }],
    })),
  };
  const apigateway: ApiDomainData = {
    apiDomains: [
      { region: 'eu-west-1', version: 1, domainName: 'api.example.com', endpointType: 'REGIONAL', certificateArn: cert(20), securityPolicy: 'TLS_1_0', targetDomainName: 'd-abc.execute-api.eu-west-1.amazonaws.com' },
      { region: 'eu-west-1', version: 1, domainName: 'api2.example.com', endpointType: 'REGIONAL', certificateArn: cert(21), securityPolicy: 'TLS_1_2', targetDomainName: 'd-abd.execute-api.eu-west-1.amazonaws.com' },
      { region: 'eu-west-1', version: 1, domainName: 'api3.example.com', endpointType: 'EDGE', certificateArn: cert(22, 'us-east-1'), securityPolicy: 'TLS_1_2', targetDomainName: 'd333.cloudfront.net' },
      { region: 'eu-west-1', version: 2, domainName: 'ws.example.com', endpointType: 'REGIONAL', certificateArn: cert(23), securityPolicy: 'TLS_1_2', targetDomainName: 'd-ws.execute-api.eu-west-1.amazonaws.com' },
      { region: 'eu-west-1', version: 2, domainName: 'http.example.com', endpointType: 'REGIONAL', certificateArn: cert(24), securityPolicy: 'TLS_1_2', targetDomainName: 'd-http.execute-api.eu-west-1.amazonaws.com' },
      { region: 'eu-west-1', version: 2, domainName: 'http3.example.com', endpointType: 'REGIONAL', certificateArn: cert(25), securityPolicy: 'TLS_1_2', targetDomainName: 'd-h3.execute-api.eu-west-1.amazonaws.com' },
    ],
  };
  const route53: ZoneData = {
    hostedZones: [
      {
        id: 'Z1EXAMPLE',
        name: 'example.com',
        privateZone: false,
        records: [
          { name: 'shop.example.com', type: 'A', alias: { dnsName: 'dualstack.lb-1-123.eu-west-1.elb.amazonaws.com', hostedZoneId: 'Z32O12XQLNTSW2' } },
          { name: 'www.example.com', type: 'CNAME', values: ['shop.example.com'] },
          { name: 'edge.example.com', type: 'CNAME', values: ['example.com.edgekey.net'] },
          { name: '\\074script\\076.example.com', type: 'CNAME', values: ['lb-2-123.eu-west-1.elb.amazonaws.com'] },
          { name: 'example.com', type: 'MX', values: ['10 mail.example.com'] },
          ...Array.from({ length: 5 }, (_, i) => ({ name: `host${i}.example.com`, type: 'A', values: [`192.0.2.${i}`] })),
        ],
      },
      { id: 'Z2EXAMPLE', name: 'example.org', privateZone: false, records: [{ name: 'api.example.org', type: 'CNAME', values: ['d-abc.execute-api.eu-west-1.amazonaws.com'] }] },
      { id: 'Z3EXAMPLE', name: 'example.net', privateZone: true, records: [] },
    ],
  };
  return { elasticloadbalancing, cloudfront, apigateway, route53 };
}

const DAY = 86_400_000;
function stored(arn: string, names: string[]): StoredCertificate {
  const now = Date.now();
  return {
    arn,
    region: arn.split(':')[3],
    domainName: names[0],
    subjectAlternativeNames: names,
    status: 'ISSUED',
    type: 'AMAZON_ISSUED',
    keyAlgorithm: 'RSA_2048',
    createdAt: new Date(now - 10 * DAY),
    issuedAt: new Date(now - 10 * DAY),
    notBefore: new Date(now - 10 * DAY),
    notAfter: new Date(now + 20 * DAY),
    inUseBy: [],
    renewalEligibility: 'INELIGIBLE',
    domainValidationOptions: [],
    keyUsages: [],
    extendedKeyUsages: [],
    transparencyLogging: 'ENABLED',
    exportOption: 'DISABLED',
    exported: false,
    keyPairOrigin: 'AWS_MANAGED',
    tags: [],
  };
}

const certificates = [
  stored(cert(1), ['shop.example.com', 'www.example.com', 'edge.example.com']),
  stored(cert(2), ['two.example.com']),
  stored(cert(4), ['<script>.example.com']),
  stored(cert(13, 'us-east-1'), ['cdn3.example.com']),
  stored(cert(20), ['api.example.com']),
  stored(cert(30), ['idle.example.com']),
];

const account: AccountData = { accountId: ACCOUNT, enabledRegions: ['eu-west-1', 'us-east-1'], certificates, services: serving() };



const FAST = { listCertificates: 400, searchCertificates: 250, describeCertificate: 400, listTagsForCertificate: 400, getResources: 400, concurrency: 16 };

describe('what certificates serve, read over HTTP through the engine', () => {
  let endpoint: RunningEndpoint;
  let inv: Inventory;
  const load = async () => {
    const src = awsInventorySource({
      regions: { kind: 'list', regions: ['eu-west-1', 'us-east-1'] },
      endpoint: endpoint.url,
      credentials: CREDENTIALS,
      homeRegion: 'us-east-1',
      pacing: { ...FAST, quotaScale: 100 },
      timeoutMs: 20_000,
    });
    try {
      return await src.load(() => {});
    } finally {
      src.close?.();
    }
  };
  const byArn = (arn: string) => inv.certificates.find((c) => c.arn === arn)!;
  beforeAll(async () => {
    // A page-size cap of 2: every list of the four services takes several pages.
    endpoint = await startEndpoint({ account, rateScale: 100, pageSizeCap: 2 });
    inv = await load();
  });
  afterAll(() => endpoint.close());

  it('reads every page of each service, read-only, and nothing else', () => {
    expect(isPartial(inv)).toBe(false);
    // The four serving services (the renewal stages' calls are test/stages' subject).
    const ops = new Set(endpoint.calls.filter((c) => ['elasticloadbalancing', 'cloudfront', 'apigateway', 'route53'].includes(c.service)).map((c) => `${c.service}:${c.operation}`));
    expect(ops).toEqual(
      new Set([
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeSSLPolicies',
        'cloudfront:ListDistributions',
        'apigateway:GET',
        'route53:ListHostedZones',
        'route53:ListResourceRecordSets',
      ]),
    );
    expect(endpoint.calls.every((c) => !c.write)).toBe(true);
    expect(endpoint.calls.filter((c) => c.operation === 'DescribeLoadBalancers' && c.region === 'eu-west-1')).toHaveLength(2);
    expect(endpoint.calls.filter((c) => c.operation === 'ListDistributions')).toHaveLength(2);
    // Three REST and three HTTP API domains at two a page: two pages of each.
    expect(endpoint.calls.filter((c) => c.service === 'apigateway' && c.region === 'eu-west-1')).toHaveLength(4);
    expect(endpoint.calls.filter((c) => c.operation === 'ListResourceRecordSets').length).toBeGreaterThanOrEqual(5);
    // Global services are read once per account, signed for us-east-1.
    expect(new Set(endpoint.calls.filter((c) => c.service === 'route53' || c.service === 'cloudfront').map((c) => c.region))).toEqual(new Set(['us-east-1']));
  });

  it('joins hostnames and endpoints onto each certificate: SNI certificates, alias and CNAME chains, policy protocols', () => {
    const shop = byArn(cert(1));
    expect(shop.hostnames).toEqual(['shop.example.com', 'www.example.com']);
    expect(shop.endpoints).toEqual([
      expect.objectContaining({
        service: 'elasticloadbalancing',
        label: 'ALB lb-1 :443',
        tls: { policy: 'ELBSecurityPolicy-2016-08', minimumProtocol: 'TLSv1', postQuantum: false },
        backendProtocol: 'HTTP',
        passthrough: false,
      }),
    ]);
    // An SNI certificate (not the listener's default) is found too.
    expect(byArn(cert(2)).endpoints?.map((e) => e.label)).toEqual(['ALB lb-1 :443']);
    expect(byArn(cert(13, 'us-east-1')).hostnames).toEqual(['<b>`x|y`</b>.example.com', 'cdn3.example.com']);
    expect(byArn(cert(20)).endpoints?.[0]).toMatchObject({ service: 'apigateway', tls: { policy: 'TLS_1_0', minimumProtocol: 'TLSv1' } });
    expect(byArn(cert(20)).hostnames).toEqual(['api.example.com', 'api.example.org']);
    expect(byArn(cert(30))).toMatchObject({ hostnames: [], endpoints: [] });
    expect(byArn(cert(1)).servedElsewhere).toEqual([{ name: 'edge.example.com', target: 'example.com.edgekey.net', cdn: 'Akamai' }]);
  });

  it('hostile names in records and aliases arrive as data and are shown inert', () => {
    const hostile = byArn(cert(4)).hostnames!;
    expect(hostile).toEqual(['<script>.example.com']);
    const shown = sanitiseForTerminal(`${byArn(cert(13, 'us-east-1')).hostnames!.join(' ')}\u001b[31m`);
    expect(shown).not.toContain('\u001b');
  });

  it('a denied service: a partial result (exit 3) naming the checks it prevented; its fields stay null', async () => {
    endpoint.setFaults({ deniedOperations: ['elasticloadbalancing:DescribeLoadBalancers@eu-west-1', 'route53:ListHostedZones'] });
    try {
      const denied = await load();
      expect(isPartial(denied)).toBe(true);
      const lines = incompleteLines(denied).join('\n');
      expect(lines).toContain('Load balancer listeners');
      expect(lines).toMatch(/legacy-tls-policy and plain-http-backend could not be checked/);
      expect(lines).toMatch(/Route 53 records.*name-served-elsewhere could not be checked/);
      const shop = denied.certificates.find((c) => c.arn === cert(1))!;
      expect(shop).toMatchObject({ hostnames: null, endpoints: null, servedElsewhere: null });
      // What the other services read stands: CloudFront's distribution still presents its certificate, its names unsure.
      expect(denied.certificates.find((c) => c.arn === cert(13, 'us-east-1'))).toMatchObject({ endpoints: [expect.objectContaining({ service: 'cloudfront' })], hostnames: null });
    } finally {
      endpoint.setFaults({ deniedOperations: [] });
    }
  });
});
