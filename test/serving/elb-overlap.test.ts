import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { DEFAULT_PACING, PacerSet } from '../../src/aws/pacer.js';
import { readLoadBalancers } from '../../src/stages/elb/read.js';
import { elbStage } from '../../src/stages/elb/index.js';
import type { LoadBalancerData } from '../../src/stages/elb/fake.js';

/**
 * The load balancer read keeps its two per-listener calls going side by side: a load balancer's SNI
 * certificates are asked as soon as its listeners are known, not after every other load balancer's
 * listeners. (A paginator's last page used to take one more turn of its operation's pacer, queued
 * behind every load balancer still waiting: the SNI calls only began once all listeners were read,
 * and the read took twice the time ELB's shared Describe* quota allows.)
 */
const ACCOUNT = '444455556666';
const REGION = 'eu-west-1';
const COUNT = 8;

function balancers(): LoadBalancerData {
  const loadBalancers = Array.from({ length: COUNT }, (_, n) => {
    const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/lb-${n}/${String(n).padStart(16, '0')}`;
    return {
      arn,
      name: `lb-${n}`,
      region: REGION,
      type: 'application' as const,
      scheme: 'internet-facing' as const,
      dnsName: `lb-${n}.${REGION}.elb.amazonaws.com`,
      listeners: [
        {
          arn: `${arn.replace(':loadbalancer/', ':listener/')}/443`,
          port: 443,
          protocol: 'HTTPS' as const,
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          certificateArns: [`arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`],
          targetGroupArns: [],
        },
      ],
    };
  });
  return { loadBalancers, targetGroups: [] };
}

describe('the load balancer read', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({
      account: { accountId: ACCOUNT, enabledRegions: [REGION], certificates: [], services: { elasticloadbalancing: balancers() } },
    });
  });
  afterAll(() => endpoint.close());

  it('asks a load balancer’s SNI certificates while later load balancers’ listeners are still due', async () => {
    // 10 calls a second each: a turn every 100 ms, far longer than the loopback endpoint takes to answer.
    const operations = Object.fromEntries(elbStage.operations.map((o) => [o.action, 10]));
    const pacers = new PacerSet({ ...DEFAULT_PACING, operations }, undefined, undefined, []);
    const client = new ElasticLoadBalancingV2Client({ endpoint: endpoint.url, region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    try {
      const listeners = await readLoadBalancers({
        client,
        accountId: ACCOUNT,
        region: REGION,
        paced: (action, call) => pacers.get(REGION, action).run(call),
        inUseByLoadBalancer: null,
      });
      expect(listeners).toHaveLength(COUNT);
      const order = endpoint.calls.filter((c) => c.service === 'elasticloadbalancing').map((c) => c.operation);
      expect(order.filter((o) => o === 'DescribeListeners')).toHaveLength(COUNT);
      expect(order.filter((o) => o === 'DescribeListenerCertificates')).toHaveLength(COUNT);
      expect(order.indexOf('DescribeListenerCertificates')).toBeLessThan(order.lastIndexOf('DescribeListeners'));
    } finally {
      client.destroy();
    }
  });
});
