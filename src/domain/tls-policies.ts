/**
 * What each TLS security policy of the AWS services that terminate TLS with an ACM certificate
 * lets clients negotiate. Load balancers describe their own policies (DescribeSSLPolicies lists the
 * protocols), so only CloudFront's and API Gateway's documented tables are held here: the minimum
 * protocol comes from these tables, never from a policy name's pattern. Each table names its
 * source and when it was checked.
 */

export const TLS_PROTOCOLS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
/** SSLv3 is listed because CloudFront still offers a policy that allows it. */
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];

export interface PolicyFacts {
  minimumProtocol: TlsProtocol;
  /** Offers hybrid post-quantum (ML-KEM) key exchange. */
  postQuantum: boolean;
}

export interface PolicyTable {
  source: { title: string; url: string; checked: string };
  policies: Readonly<Record<string, PolicyFacts>>;
  /** The policy AWS recommends today for new endpoints, and its post-quantum variant where one exists. */
  recommended: string;
  recommendedPostQuantum: string | null;
}

const pf = (minimumProtocol: TlsProtocol, postQuantum = false): PolicyFacts => ({ minimumProtocol, postQuantum });

export const CLOUDFRONT_POLICIES: PolicyTable = {
  source: {
    title: 'Supported protocols and ciphers between viewers and CloudFront (Amazon CloudFront Developer Guide)',
    url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    checked: '2026-12-01',
  },
  policies: {
    SSLv3: pf('SSLv3'),
    TLSv1: pf('TLSv1'),
    TLSv1_2016: pf('TLSv1'),
    'TLSv1.1_2016': pf('TLSv1.1'),
    'TLSv1.2_2018': pf('TLSv1.2'),
    'TLSv1.2_2019': pf('TLSv1.2'),
    'TLSv1.2_2021': pf('TLSv1.2'),
    'TLSv1.2_2025': pf('TLSv1.2'),
    'TLSv1.3_2025': pf('TLSv1.3'),
  },
  recommended: 'TLSv1.2_2021',
  recommendedPostQuantum: null,
};

export const API_GATEWAY_POLICIES: PolicyTable = {
  source: {
    title: 'Supported security policies (Amazon API Gateway Developer Guide)',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html',
    checked: '2026-12-01',
  },
  policies: {
    // The legacy policies: TLS_1_0 accepts TLS 1.0 and later, TLS_1_2 rejects anything older than 1.2.
    TLS_1_0: pf('TLSv1'),
    TLS_1_2: pf('TLSv1.2'),
    SecurityPolicy_TLS12_2018_EDGE: pf('TLSv1.2'),
    SecurityPolicy_TLS12_PFS_2025_EDGE: pf('TLSv1.2'),
    SecurityPolicy_TLS13_2025_EDGE: pf('TLSv1.3'),
    SecurityPolicy_TLS13_1_2_2021_06: pf('TLSv1.2'),
    SecurityPolicy_TLS13_1_2_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_2_Ext2_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_2_Ext2_FIPS_PQ_2025_09: pf('TLSv1.2', true),
    SecurityPolicy_TLS13_1_3_2025_09: pf('TLSv1.3'),
    SecurityPolicy_TLS13_1_3_FIPS_2025_09: pf('TLSv1.3'),
  },
  recommended: 'TLS_1_2',
  recommendedPostQuantum: 'SecurityPolicy_TLS13_1_2_PQ_2025_09',
};

/** Load balancers: their policies are read (DescribeSSLPolicies); only the recommendation is held here. */
export const LOAD_BALANCER_RECOMMENDATION = {
  source: {
    title: 'Security policies for your Application Load Balancer (Elastic Load Balancing User Guide)',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    checked: '2026-12-01',
  },
  recommended: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  recommendedPostQuantum: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
} as const;

/**
 * ELB documents that policies with "PQ" in their name offer hybrid post-quantum key exchange, and
 * DescribeSSLPolicies does not list key-exchange groups: the name is the documented signal here.
 */
export function loadBalancerPolicyIsPostQuantum(policy: string): boolean {
  return /(^|-)PQ(-|$)/.test(policy);
}

/** The lowest protocol in a policy's own list (DescribeSSLPolicies' SslProtocols), or null when it names none we know. */
export function lowestProtocol(protocols: readonly string[]): TlsProtocol | null {
  for (const p of TLS_PROTOCOLS) if (protocols.includes(p)) return p;
  return null;
}

/** True when the protocol is older than TLS 1.2. */
export function isLegacyProtocol(p: TlsProtocol): boolean {
  return TLS_PROTOCOLS.indexOf(p) < TLS_PROTOCOLS.indexOf('TLSv1.2');
}

/** The documented tables and the load balancers' own protocol lists, as the join reads them. */
export const POLICY_LOOKUP = {
  cloudfront: (policy: string): PolicyFacts | null => CLOUDFRONT_POLICIES.policies[policy] ?? null,
  apiGateway: (policy: string): PolicyFacts | null => API_GATEWAY_POLICIES.policies[policy] ?? null,
  loadBalancer: (policy: string, protocols: readonly string[] | null) => ({
    minimumProtocol: protocols ? lowestProtocol(protocols) : null,
    postQuantum: loadBalancerPolicyIsPostQuantum(policy),
  }),
};
