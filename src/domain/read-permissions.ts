/**
 * The read actions acm-advisor makes, grouped by what they are for: the one list every
 * policy is built from — the member policy `acm-advisor policy` prints (and
 * policy/iam-policy.json holds), the session policy passed on every AssumeRole, and the role
 * the StackSet template deploys. The core reads are below; each read stage adds the actions it
 * declares (src/stages/read-permissions.ts), so a new stage grows every policy at once.
 *
 * Only List/Describe/Get/Search/Lookup actions belong here (a test holds every entry to that).
 * `sts:GetCallerIdentity` needs no permission and is not listed.
 */
export interface ReadPermission {
  /** The statement id in the printed policy. */
  sid: string;
  actions: readonly string[];
}

export const CORE_READ_PERMISSIONS: readonly ReadPermission[] = [
  {
    sid: 'AcmAdvisorReadCertificates',
    actions: ['acm:ListCertificates', 'acm:SearchCertificates', 'acm:DescribeCertificate', 'acm:ListTagsForCertificate'],
  },
  { sid: 'AcmAdvisorReadTagsInBulk', actions: ['tag:GetResources'] },
  { sid: 'AcmAdvisorFindEnabledRegions', actions: ['ec2:DescribeRegions'] },
  // The public certificate and chain of imported certificates (never a key), and the alerts already set up.
  { sid: 'AcmAdvisorReadIssuersAndAlerts', actions: ['acm:GetCertificate', 'acm:GetAccountConfiguration', 'acm:ListAcmeEndpoints', 'events:ListRules', 'events:ListTargetsByRule'] },
  { sid: 'AcmAdvisorReadCertificateHistory', actions: ['cloudtrail:LookupEvents'] },
  {
    sid: 'AcmAdvisorReadPrivateCas',
    actions: ['acm-pca:ListCertificateAuthorities', 'acm-pca:ListPermissions', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicyStatus'],
  },
  // What each certificate serves: the endpoints presenting it and the DNS names reaching them.
  {
    sid: 'AcmAdvisorReadLoadBalancers',
    actions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeListeners',
      'elasticloadbalancing:DescribeListenerCertificates',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeSSLPolicies',
    ],
  },
  { sid: 'AcmAdvisorReadDistributions', actions: ['cloudfront:ListDistributions'] },
  // API Gateway's IAM action for every management read is its HTTP method (GetDomainNames of REST and HTTP APIs).
  { sid: 'AcmAdvisorReadApiDomains', actions: ['apigateway:GET'] },
  { sid: 'AcmAdvisorReadHostedZones', actions: ['route53:ListHostedZones', 'route53:ListResourceRecordSets'] },
];

/** Every read action, each once, in the order listed. */
export function readActions(permissions: readonly ReadPermission[]): string[] {
  return [...new Set(permissions.flatMap((p) => p.actions))];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid?: string; Effect: 'Allow' | 'Deny'; Action: string[] | string; Resource?: string | string[]; Principal?: unknown; Condition?: unknown }>;
}

/** The member policy: one statement per purpose, so a reader sees why each action is there. */
export function memberPolicy(permissions: readonly ReadPermission[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: permissions.map((p) => ({ Sid: p.sid, Effect: 'Allow', Action: [...p.actions], Resource: '*' })),
  };
}

/**
 * STS limits an inline session policy to 2,048 characters of plain text, and then to what its
 * packed (compressed) form fits in (AWS STS API Reference, AssumeRole, `Policy`). The session
 * policy is written as small as it can be, and a test holds the real document to this limit.
 */
export const SESSION_POLICY_MAX_CHARS = 2048;

/**
 * The inline session policy sent with every AssumeRole: the session's permissions are the
 * intersection of the role's policies and this one, so whatever the role may do (the default
 * OrganizationAccountAccessRole is an administrator), the credentials acm-advisor holds can only
 * make the reads listed here. One statement, no ids, no whitespace: the fewest characters.
 */
export function sessionPolicy(permissions: readonly ReadPermission[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: readActions(permissions), Resource: '*' }] });
}
