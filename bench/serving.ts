/**
 * What certificates serve, at the scale the issue names: 2,000 certificates, 400 load balancers with
 * two listeners each (HTTPS with a default and four SNI certificates; HTTP), 100 distributions and 20
 * zones of 2,000 records. Timed from the start of the load to the last of the four stage reads, against
 * the bound the services' documented quotas set for the calls the estate needs:
 *
 *   Elastic Load Balancing (one bucket of 10 Describe* calls a second per account and Region):
 *     1 DescribeLoadBalancers (400 a page) + 400 DescribeListeners + 400 DescribeListenerCertificates
 *     + 1 DescribeTargetGroups + 1 DescribeSSLPolicies = 803 calls → 80.3 s;
 *   Route 53 (10 a second per account): 1 ListHostedZones + 20 × ⌈2,000 / 300⌉ ListResourceRecordSets
 *     = 141 calls → 14.1 s;
 *   CloudFront: 1 ListDistributions (100 a page); API Gateway: 2 GetDomainNames.
 * The services are read side by side, so the bound is the slowest: 80.3 s, divided by the quota scale
 * the endpoint and the pacing share.
 */
import { performance } from 'node:perf_hooks';
import { startEndpoint, syntheticAccount } from '../src/endpoint/index.js';
import { awsInventorySource } from '../src/aws/source.js';
import type { Row } from './scale.js';
import { scaledPacing } from './scale.js';

const SCALE = Number(process.env.SERVING_SCALE ?? 8);
const LATENCY_MS = Number(process.env.SERVING_LATENCY ?? 40);
const REGION = 'eu-west-1';

export async function benchServing(): Promise<Row[]> {
  const account = syntheticAccount({ count: Number(process.env.SERVING_CERTS ?? 2000), regions: [REGION], seed: 11, now: new Date() });
  const id = account.accountId;
  const arns = account.certificates.map((c) => c.arn);
  const loadBalancers = Array.from({ length: 400 }, (_, i) => {
    const arn = `arn:aws:elasticloadbalancing:${REGION}:${id}:loadbalancer/app/lb-${i}/${String(i).padStart(16, '0')}`;
    return {
      arn,
      name: `lb-${i}`,
      region: REGION,
      type: 'application',
      scheme: 'internet-facing',
      dnsName: `lb-${i}-1.${REGION}.elb.amazonaws.com`,
      listeners: [
        { arn: `${arn.replace(':loadbalancer/', ':listener/')}/443`, port: 443, protocol: 'HTTPS', sslPolicy: i % 10 === 0 ? 'ELBSecurityPolicy-2016-08' : 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificateArns: arns.slice(i * 5, i * 5 + 5), targetGroupArns: [`${arn}-tg`] },
        { arn: `${arn.replace(':loadbalancer/', ':listener/')}/80`, port: 80, protocol: 'HTTP', certificateArns: [], targetGroupArns: [] },
      ],
    };
  });
  const targetGroups = loadBalancers.map((lb) => ({ arn: `${lb.arn}-tg`, name: `${lb.name}-tg`, region: REGION, protocol: 'HTTP', port: 8080, loadBalancerArns: [lb.arn] }));
  const distributions = Array.from({ length: 100 }, (_, i) => ({
    id: `E${String(i).padStart(12, '0')}`,
    arn: `arn:aws:cloudfront::${id}:distribution/E${String(i).padStart(12, '0')}`,
    domainName: `d${i}.cloudfront.net`,
    aliases: [`cdn${i}.example.com`],
    minimumProtocolVersion: 'TLSv1.2_2021',
    origins: [{ id: 'o', domainName: `origin${i}.example.com`, protocolPolicy: 'https-only' }],
  }));
  const hostedZones = Array.from({ length: 20 }, (_, z) => ({
    id: `Z${String(z).padStart(12, '0')}`,
    name: `zone${z}.example.com`,
    privateZone: false,
    records: Array.from({ length: 2000 }, (_, r) => {
      const lb = loadBalancers[Math.floor((z * 2000 + r) / 2) % 400];
      return r % 2 === 0
        ? { name: `h${r}.zone${z}.example.com`, type: 'A', alias: { dnsName: `dualstack.${lb.dnsName}`, hostedZoneId: 'Z32O12XQLNTSW2' } }
        : { name: `h${r}.zone${z}.example.com`, type: 'TXT', ttl: 300, values: ['"v=spf1 -all"'] };
    }),
  }));
  account.services = { elasticloadbalancing: { loadBalancers, targetGroups }, cloudfront: { distributions }, route53: { hostedZones }, apigateway: { apiDomains: [] } };

  const endpoint = await startEndpoint({ account, rateScale: SCALE, latencyMs: LATENCY_MS });
  try {
    const src = awsInventorySource({ regions: { kind: 'list', regions: [REGION] }, endpoint: endpoint.url, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' }, homeRegion: REGION, pacing: scaledPacing(SCALE) });
    const t = performance.now();
    let lastStage = 0;
    const stageAt: string[] = [];
    const inv = await src.load((e) => {
      if (e.kind !== 'stage') return;
      lastStage = performance.now() - t;
      stageAt.push(`${e.read.stage} ${(lastStage / 1000).toFixed(1)} s`);
    });
    const total = performance.now() - t;
    src.close();
    // The bound: the calls the estate needs of the slowest service at its documented rate (see the top of this file).
    const ELB_CALLS = 803;
    const ROUTE53_CALLS = 141;
    const bound = (ELB_CALLS / 10 / SCALE) * 1000;
    const elbCalls = endpoint.calls.filter((c) => c.service === 'elasticloadbalancing').length;
    const route53Calls = endpoint.calls.filter((c) => c.service === 'route53').length;
    const withHostnames = inv.certificates.filter((c) => (c.hostnames?.length ?? 0) > 0).length;
    const throttled = endpoint.calls.filter((c) => c.status === 400 || c.status === 429).length;
    const serviceCalls = endpoint.calls.filter((c) => !['acm', 'tagging', 'sts', 'ec2'].includes(c.service)).length;
    return [
      {
        name: `serving evidence: 2,000 certificates, 400 ALBs x 2 listeners, 100 distributions, 20 zones x 2,000 records (quotas x${SCALE}, ${LATENCY_MS} ms)`,
        value: lastStage,
        unit: 'ms',
        baseline: `quota bound ${bound.toFixed(0)} ms = ${ELB_CALLS} ELB Describe* calls / 10 a second (one bucket per account and Region) / quota scale ${SCALE}, the slowest service (Route 53: ${ROUTE53_CALLS} calls / 10 a second / ${SCALE} = ${((ROUTE53_CALLS / 10 / SCALE) * 1000).toFixed(0)} ms); timed from the start of the load, listing included; calls made: ELB ${elbCalls}, Route 53 ${route53Calls}; stages done at ${stageAt.join(', ')}; whole load ${(total / 1000).toFixed(1)} s; ${withHostnames} certificates with hostnames, ${serviceCalls} service calls, ${throttled} throttled`,
        ratio: lastStage / bound,
      },
    ];
  } finally {
    await endpoint.close();
  }
}
