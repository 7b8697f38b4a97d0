import {
  DescribeListenerCertificatesCommand,
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ListenerRecord } from '../../domain/serving.js';
import { PageGuard, guardedPages } from '../../aws/page-guard.js';
import type { StageContext } from '../stage.js';

/** Listeners that present certificates: only these can have SNI certificates. */
const TLS_LISTENER = new Set(['HTTPS', 'TLS']);

interface LoadBalancerRead {
  client: ElasticLoadBalancingV2Client;
  accountId: string;
  region: string;
  paced: StageContext['paced'];
  signal?: AbortSignal;
  /**
   * Certificates ACM reports in use per load balancer ARN. A listener's SNI certificates are read
   * (DescribeListenerCertificates, one call per listener) only on load balancers that use a
   * certificate the listeners' defaults do not account for; null: read them on every TLS listener.
   */
  inUseByLoadBalancer: ReadonlyMap<string, ReadonlySet<string>> | null;
}

/** The stage's read: every listener of the region's load balancers. */
export async function read(context: StageContext): Promise<ListenerRecord[]> {
  const certs = context.certificates;
  // InUseBy is known once every certificate is described; until then every TLS listener's SNI list is read.
  const described = certs.length > 0 && certs.every((c) => c.detail.state === 'complete');
  const inUse = new Map<string, Set<string>>();
  if (described)
    for (const c of certs)
      for (const arn of c.inUseBy) if (arn.includes(':loadbalancer/')) inUse.set(arn, (inUse.get(arn) ?? new Set()).add(c.arn));
  return readLoadBalancers({
    client: context.client('elasticloadbalancing', ElasticLoadBalancingV2Client),
    accountId: context.accountId ?? '',
    region: context.region,
    paced: context.paced,
    signal: context.signal,
    inUseByLoadBalancer: described ? inUse : null,
  });
}

const pace = (read: LoadBalancerRead, operation: string) => <T>(call: () => Promise<T>) => read.paced(`elasticloadbalancing:${operation}`, call);

/** Every listener of every load balancer in the region, with its certificates, policy protocols and backend protocols. */
export async function readLoadBalancers(read: LoadBalancerRead): Promise<ListenerRecord[]> {
  const { client, region, signal } = read;
  const opts = { abortSignal: signal };
  const balancers: LoadBalancer[] = [];
  for await (const page of guardedPages(
    paginateDescribeLoadBalancers({ client, pageSize: 400 }, {}, opts),
    { run: pace(read, 'DescribeLoadBalancers') },
    new PageGuard('DescribeLoadBalancers', region),
    (p) => p.NextMarker,
    signal,
  ))
    balancers.push(...(page.LoadBalancers ?? []));

  const targetProtocol = new Map<string, string>();
  const targetGroups = (async () => {
    if (balancers.length === 0) return;
    for await (const page of guardedPages(
      paginateDescribeTargetGroups({ client, pageSize: 400 }, {}, opts),
      { run: pace(read, 'DescribeTargetGroups') },
      new PageGuard('DescribeTargetGroups', region),
      (p) => p.NextMarker,
      signal,
    ))
      for (const t of page.TargetGroups ?? []) if (t.TargetGroupArn && t.Protocol) targetProtocol.set(t.TargetGroupArn, t.Protocol);
  })();

  const perBalancer = await Promise.all(
    balancers.map(async (lb) => {
      const listeners: Listener[] = [];
      for await (const page of guardedPages(
        paginateDescribeListeners({ client, pageSize: 400 }, { LoadBalancerArn: lb.LoadBalancerArn }, opts),
        { run: pace(read, 'DescribeListeners') },
        new PageGuard('DescribeListeners', region),
        (p) => p.NextMarker,
        signal,
      ))
        listeners.push(...(page.Listeners ?? []));
      const defaults = new Set(listeners.flatMap((l) => (l.Certificates ?? []).map((c) => c.CertificateArn ?? '')));
      const used = read.inUseByLoadBalancer?.get(lb.LoadBalancerArn ?? '');
      const needSni = read.inUseByLoadBalancer === null || [...(used ?? [])].some((arn) => !defaults.has(arn));
      const certificates = await Promise.all(
        listeners.map((l) => (needSni && TLS_LISTENER.has(l.Protocol ?? '') ? listenerCertificates(read, l.ListenerArn ?? '') : Promise.resolve(null))),
      );
      return { lb, listeners, certificates };
    }),
  );
  await targetGroups;

  const policies = new Set(perBalancer.flatMap((b) => b.listeners.map((l) => l.SslPolicy).filter((p): p is string => !!p)));
  const protocols = await policyProtocols(read, [...policies]);

  return perBalancer.flatMap(({ lb, listeners, certificates }) =>
    listeners.map((l, i): ListenerRecord => {
      const defaults = (l.Certificates ?? []).map((c) => c.CertificateArn).filter((a): a is string => !!a);
      const all = [...new Set([...defaults, ...(certificates[i] ?? [])])];
      const forwards = (l.DefaultActions ?? []).flatMap((a) => [
        ...(a.TargetGroupArn ? [a.TargetGroupArn] : []),
        ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn ?? ''),
      ]);
      return {
        accountId: read.accountId,
        region,
        loadBalancerArn: lb.LoadBalancerArn ?? '',
        loadBalancerName: lb.LoadBalancerName ?? '',
        loadBalancerType: lb.Type ?? 'application',
        dnsName: (lb.DNSName ?? '').toLowerCase(),
        listenerArn: l.ListenerArn ?? '',
        port: l.Port ?? 0,
        protocol: l.Protocol ?? '',
        certificateArns: all,
        sslPolicy: l.SslPolicy ?? null,
        policyProtocols: l.SslPolicy ? (protocols.get(l.SslPolicy) ?? null) : null,
        backendProtocols: [...new Set(forwards.map((arn) => targetProtocol.get(arn)).filter((p): p is string => !!p))],
      };
    }),
  );
}

async function listenerCertificates(read: LoadBalancerRead, listenerArn: string): Promise<string[]> {
  const out: string[] = [];
  const guard = new PageGuard('DescribeListenerCertificates', read.region);
  let marker: string | undefined;
  do {
    const page = await pace(read, 'DescribeListenerCertificates')(() =>
      read.client.send(new DescribeListenerCertificatesCommand({ ListenerArn: listenerArn, Marker: marker, PageSize: 400 }), { abortSignal: read.signal }),
    );
    for (const c of page.Certificates ?? []) if (c.CertificateArn) out.push(c.CertificateArn);
    marker = page.NextMarker || undefined;
    guard.check(marker);
  } while (marker);
  return out;
}

/** Each policy's own protocol list: the minimum protocol comes from here, never from the policy's name. */
async function policyProtocols(read: LoadBalancerRead, names: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (names.length === 0) return out;
  const guard = new PageGuard('DescribeSSLPolicies', read.region);
  let marker: string | undefined;
  do {
    const page = await pace(read, 'DescribeSSLPolicies')(() =>
      read.client.send(new DescribeSSLPoliciesCommand({ Names: names, Marker: marker, PageSize: 400 }), { abortSignal: read.signal }),
    );
    for (const p of page.SslPolicies ?? []) if (p.Name) out.set(p.Name, p.SslProtocols ?? []);
    marker = page.NextMarker || undefined;
    guard.check(marker);
  } while (marker);
  return out;
}
