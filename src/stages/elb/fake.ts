import { AwsError, offsetPage } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';
import { element, escapeXml, queryResponse, textElement } from '../../endpoint/xml.js';

/** An Elastic Load Balancing v2 listener as the service stores it. */
export interface StoredListener {
  arn: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP';
  sslPolicy?: string;
  /** The default certificate first, then SNI certificates (DescribeListenerCertificates). */
  certificateArns: string[];
  /** Where the default action forwards. */
  targetGroupArns: string[];
}

export interface StoredLoadBalancer {
  arn: string;
  name: string;
  region: string;
  type: 'application' | 'network' | 'gateway';
  scheme: 'internet-facing' | 'internal';
  dnsName: string;
  listeners: StoredListener[];
}

export interface StoredTargetGroup {
  arn: string;
  name: string;
  region: string;
  protocol: string;
  port: number;
  loadBalancerArns: string[];
}

/** `AccountData.services.elasticloadbalancing`. */
export interface LoadBalancerData {
  loadBalancers: StoredLoadBalancer[];
  targetGroups: StoredTargetGroup[];
}

/**
 * Elastic Load Balancing v2 speaks awsQuery: a form-encoded request (`Action=DescribeListeners&
 * Version=2015-12-01&LoadBalancerArn=…&Marker=…`), an XML answer wrapped in
 * <ActionResponse><ActionResult>, lists as <member> elements, pages by Marker/NextMarker.
 */

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/**
 * The protocols of the predefined policies the fake serves, as DescribeSSLPolicies lists them
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
 */
const SSL_POLICIES: Record<string, string[]> = {
  'ELBSecurityPolicy-2016-08': ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
  'ELBSecurityPolicy-TLS-1-0-2015-04': ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
  'ELBSecurityPolicy-TLS-1-1-2017-01': ['TLSv1.1', 'TLSv1.2'],
  'ELBSecurityPolicy-TLS-1-2-2017-01': ['TLSv1.2'],
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': ['TLSv1.2'],
  'ELBSecurityPolicy-FS-2018-06': ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': ['TLSv1.2'],
  'ELBSecurityPolicy-TLS13-1-0-2021-06': ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-2-2021-06': ['TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': ['TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-3-2021-06': ['TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': ['TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': ['TLSv1.2', 'TLSv1.3'],
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': ['TLSv1.3'],
};

const members = (items: string[]) => items.map((i) => element('member', i)).join('');

function listParam(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const [k, v] of params) if (k.startsWith(`${name}.member.`)) out.push(v);
  return out;
}

/** One page from `items` after `Marker`, at most min(PageSize, cap) long. */
function page<T>(items: readonly T[], params: URLSearchParams, pageSize: (n: number) => number, max = 400): { items: T[]; next?: string } {
  const asked = Number(params.get('PageSize') ?? max);
  if (!Number.isInteger(asked) || asked < 1 || asked > max)
    throw new AwsError('ValidationError', 400, `PageSize must be between 1 and ${max}`);
  return offsetPage(items, params.get('Marker') || undefined, pageSize(asked), () => new AwsError('ValidationError', 400, 'Invalid Marker'));
}

const respond = (action: string, result: string, requestId: string) => queryResponse(NS, action, result, requestId);

const nextMarker = (next: string | undefined) => (next ? textElement('NextMarker', next) : '');

function answer(request: ServiceRequest): string | null {
  const { operation, params, region, requestId, pageSize } = request;
  const { loadBalancers = [], targetGroups = [] } = (request.account.data ?? {}) as Partial<LoadBalancerData>;
  const here = loadBalancers.filter((lb) => lb.region === region);
  switch (operation) {
    case 'DescribeLoadBalancers': {
      const arns = listParam(params, 'LoadBalancerArns');
      const picked = arns.length ? here.filter((lb) => arns.includes(lb.arn)) : here;
      const p = page(picked, params, pageSize);
      const lb = (b: (typeof here)[number]) =>
        element(
          'member',
          textElement('LoadBalancerArn', b.arn) +
            textElement('LoadBalancerName', b.name) +
            textElement('DNSName', b.dnsName) +
            textElement('CanonicalHostedZoneId', 'Z32O12XQLNTSW2') +
            textElement('Scheme', b.scheme) +
            textElement('Type', b.type) +
            element('State', textElement('Code', 'active')),
        );
      return respond(operation, element('LoadBalancers', p.items.map(lb).join('')) + nextMarker(p.next), requestId);
    }
    case 'DescribeListeners': {
      const lbArn = params.get('LoadBalancerArn');
      const arns = listParam(params, 'ListenerArns');
      if (!lbArn && arns.length === 0) throw new AwsError('ValidationError', 400, 'A load balancer ARN or listener ARNs must be specified');
      let listeners = here.flatMap((b) => b.listeners.map((l) => ({ b, l })));
      if (lbArn) {
        if (!here.some((b) => b.arn === lbArn)) throw new AwsError('LoadBalancerNotFound', 400, `Load balancer '${lbArn}' not found`);
        listeners = listeners.filter((x) => x.b.arn === lbArn);
      }
      if (arns.length) listeners = listeners.filter((x) => arns.includes(x.l.arn));
      const p = page(listeners, params, pageSize);
      const one = ({ b, l }: (typeof listeners)[number]) =>
        element(
          'member',
          textElement('ListenerArn', l.arn) +
            textElement('LoadBalancerArn', b.arn) +
            textElement('Port', String(l.port)) +
            textElement('Protocol', l.protocol) +
            (l.sslPolicy ? textElement('SslPolicy', l.sslPolicy) : '') +
            (l.certificateArns[0] ? element('Certificates', element('member', textElement('CertificateArn', l.certificateArns[0]))) : '') +
            element(
              'DefaultActions',
              l.targetGroupArns.length
                ? element(
                    'member',
                    textElement('Type', 'forward') +
                      textElement('TargetGroupArn', l.targetGroupArns[0]) +
                      element(
                        'ForwardConfig',
                        element('TargetGroups', members(l.targetGroupArns.map((arn) => textElement('TargetGroupArn', arn) + textElement('Weight', '1')))),
                      ),
                  )
                : element('member', textElement('Type', 'redirect') + element('RedirectConfig', textElement('Protocol', 'HTTPS') + textElement('Port', '443') + textElement('StatusCode', 'HTTP_301'))),
            ),
        );
      return respond(operation, element('Listeners', p.items.map(one).join('')) + nextMarker(p.next), requestId);
    }
    case 'DescribeListenerCertificates': {
      const arn = params.get('ListenerArn');
      const found = here.flatMap((b) => b.listeners).find((l) => l.arn === arn);
      if (!found) throw new AwsError('ListenerNotFound', 400, `Listener '${arn ?? ''}' not found`);
      const p = page(
        found.certificateArns.map((c, i) => ({ c, isDefault: i === 0 })),
        params,
        pageSize,
      );
      const one = (x: { c: string; isDefault: boolean }) => element('member', textElement('CertificateArn', x.c) + textElement('IsDefault', String(x.isDefault)));
      return respond(operation, element('Certificates', p.items.map(one).join('')) + nextMarker(p.next), requestId);
    }
    case 'DescribeTargetGroups': {
      const lbArn = params.get('LoadBalancerArn');
      const arns = listParam(params, 'TargetGroupArns');
      let groups = targetGroups.filter((t) => t.region === region);
      if (lbArn) groups = groups.filter((t) => t.loadBalancerArns.includes(lbArn));
      if (arns.length) groups = groups.filter((t) => arns.includes(t.arn));
      const p = page(groups, params, pageSize);
      const one = (t: (typeof groups)[number]) =>
        element(
          'member',
          textElement('TargetGroupArn', t.arn) +
            textElement('TargetGroupName', t.name) +
            textElement('Protocol', t.protocol) +
            textElement('Port', String(t.port)) +
            textElement('TargetType', 'instance') +
            element('LoadBalancerArns', members(t.loadBalancerArns.map((a) => escapeXml(a)))),
        );
      return respond(operation, element('TargetGroups', p.items.map(one).join('')) + nextMarker(p.next), requestId);
    }
    case 'DescribeSSLPolicies': {
      const names = listParam(params, 'Names');
      const unknown = names.find((n) => !SSL_POLICIES[n]);
      if (unknown) throw new AwsError('SSLPolicyNotFound', 400, `SSL policy '${unknown}' not found`);
      const picked = (names.length ? names : Object.keys(SSL_POLICIES)).map((n) => [n, SSL_POLICIES[n]] as const);
      const p = page(picked, params, pageSize);
      const one = ([n, protocols]: (typeof picked)[number]) =>
        element(
          'member',
          textElement('Name', n) +
            element('SslProtocols', members(protocols.map(escapeXml))) +
            element('Ciphers', element('member', textElement('Name', 'ECDHE-RSA-AES128-GCM-SHA256') + textElement('Priority', '1'))) +
            element('SupportedLoadBalancerTypes', members(['application', 'network'])),
        );
      return respond(operation, element('SslPolicies', p.items.map(one).join('')) + nextMarker(p.next), requestId);
    }
    default:
      return null;
  }
}

/**
 * Elastic Load Balancing documents one token bucket for every Describe* call of an account and Region
 * (10 a second, https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html);
 * the endpoint's buckets are per operation, each at that rate.
 */
const DESCRIBE_PER_SECOND = 10;

export const fake: FakeService = {
  service: 'elasticloadbalancing',
  protocol: 'query',
  quotas: Object.fromEntries(
    ['DescribeLoadBalancers', 'DescribeListeners', 'DescribeListenerCertificates', 'DescribeTargetGroups', 'DescribeSSLPolicies'].map((o) => [o, DESCRIBE_PER_SECOND]),
  ),
  handle(request) {
    const body = answer(request);
    return body === null ? null : { body, contentType: 'text/xml' };
  },
};
