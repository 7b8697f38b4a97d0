import type { FakeService } from './service.js';

/**
 * The fake AWS account the endpoint serves. Deliberately independent of src/domain:
 * this models what ACM *stores and returns*, not how acm-advisor normalises it, so a
 * bug in the domain model cannot hide itself by being mirrored here.
 */

export const STATUSES = [
  'PENDING_VALIDATION',
  'ISSUED',
  'INACTIVE',
  'EXPIRED',
  'VALIDATION_TIMED_OUT',
  'REVOKED',
  'FAILED',
] as const;
export const TYPES = ['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE'] as const;
export const KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;
export const KEY_PAIR_ORIGINS = ['AWS_MANAGED', 'ACME', 'CUSTOMER_PROVIDED'] as const;
export const VALIDATION_METHODS = ['DNS', 'EMAIL', 'HTTP'] as const;
export const RENEWAL_STATUSES = ['PENDING_AUTO_RENEWAL', 'PENDING_VALIDATION', 'SUCCESS', 'FAILED'] as const;

export type CertificateStatus = (typeof STATUSES)[number];
export type CertificateType = (typeof TYPES)[number];
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];
export type KeyPairOrigin = (typeof KEY_PAIR_ORIGINS)[number];
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];
export type EnabledDisabled = 'ENABLED' | 'DISABLED';

export interface StoredDomainValidation {
  domainName: string;
  validationDomain?: string;
  validationMethod?: ValidationMethod;
  validationStatus?: 'PENDING_VALIDATION' | 'SUCCESS' | 'FAILED';
  validationEmails?: string[];
  resourceRecord?: { name: string; type: 'CNAME'; value: string };
  httpRedirect?: { redirectFrom: string; redirectTo: string };
}

export interface StoredRenewalSummary {
  renewalStatus: RenewalStatus;
  renewalStatusReason?: string;
  updatedAt: Date;
  domainValidationOptions: StoredDomainValidation[];
}

/** One certificate as ACM holds it: absolute dates, optional fields absent when ACM would omit them. */
export interface StoredCertificate {
  arn: string;
  region: string;
  domainName: string;
  /** Includes domainName, as ACM returns it. */
  subjectAlternativeNames: string[];
  status: CertificateStatus;
  type: CertificateType;
  keyAlgorithm: KeyAlgorithm;
  signatureAlgorithm?: string;
  serial?: string;
  subject?: string;
  issuer?: string;
  createdAt?: Date;
  issuedAt?: Date;
  importedAt?: Date;
  revokedAt?: Date;
  revocationReason?: string;
  notBefore?: Date;
  notAfter?: Date;
  failureReason?: string;
  inUseBy: string[];
  renewalEligibility: 'ELIGIBLE' | 'INELIGIBLE';
  renewalSummary?: StoredRenewalSummary;
  domainValidationOptions: StoredDomainValidation[];
  keyUsages: string[];
  extendedKeyUsages: { name: string; oid: string }[];
  certificateAuthorityArn?: string;
  managedBy?: 'CLOUDFRONT';
  transparencyLogging: EnabledDisabled;
  exportOption: EnabledDisabled;
  exported: boolean;
  keyPairOrigin: KeyPairOrigin;
  validationMethod?: ValidationMethod;
  acmeEndpointArn?: string;
  acmeAccountId?: string;
  tags: { key: string; value: string }[];
}

export interface AccountData {
  accountId: string;
  enabledRegions: string[];
  certificates: StoredCertificate[];
  /** What STS GetCallerIdentity answers; defaults to a read-only assumed role in the account. */
  callerArn?: string;
  /**
   * What the account holds in the services the read stages' fakes serve, by signing name
   * (`elasticloadbalancing`, `cloudfront`, …): each fake defines and reads its own section.
   */
  services?: Record<string, unknown>;
}

/** One account of the organisation the endpoint plays, and how it answers a role assumption. */
export interface OrgAccount {
  account: AccountData;
  name: string;
  email?: string;
  /** Organizations' account status; the newer `State` field carries the same value. Default ACTIVE. */
  status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  /** The role's trust policy does not name the caller: AssumeRole is refused. */
  refusesRole?: boolean;
  /** Roles that exist in the account (default: OrganizationAccountAccessRole). */
  roleNames?: string[];
  /** Required by the role's trust policy when set. */
  externalId?: string;
  /** 'service:Operation' the assumed role may not call, e.g. 'acm:DescribeCertificate'. */
  deniedOperations?: string[];
}

/** An AWS Config aggregator owned by the caller's account, covering every account of the organisation. */
export interface AggregatorData {
  name: string;
  /** When Config last recorded the certificates; items spread up to `spreadMinutes` before it. */
  capturedAt: Date;
  spreadMinutes?: number;
}

export interface OrganizationData {
  /** Every account, the management account (the caller's, `EndpointOptions.account`) included. */
  accounts: OrgAccount[];
  aggregators?: AggregatorData[];
  /** Answer ListAccounts with `Status` only, as older Organizations models did. */
  statusOnly?: boolean;
}

/** The built-in services, or a registered one's signing name (see service.ts). */
export type EndpointService = 'acm' | 'tagging' | 'sts' | 'ec2' | 'organizations' | 'config' | 'unknown' | (string & {});

export interface RecordedCall {
  service: EndpointService;
  operation: string;
  region: string;
  /** The account whose data answered: the caller's own, or the one whose role was assumed. */
  accountId: string;
  /** The assumed role's name, or null for the caller's own credentials. */
  role: string | null;
  status: number;
  /** True when the operation would change state; always refused, recorded so tests can prove read-only use. */
  write: boolean;
}

/** The knobs that can change while the endpoint runs (see RunningEndpoint.setFaults). */
export interface FaultOptions {
  latencyMs?: number | { min: number; max: number };
  /** 0..1: share of acm/tagging calls answered with a throttling error. */
  throttleFraction?: number;
  /** 0..1: share of acm/tagging calls answered with 500 InternalFailure or 503 ServiceUnavailable. */
  serverErrorFraction?: number;
  /** Every call signed for one of these regions is denied. */
  deniedRegions?: string[];
  /** 'service:Operation', e.g. 'tagging:GetResources', 'ec2:DescribeRegions'. */
  deniedOperations?: string[];
  /**
   * 'service:Operation' answered as if this endpoint had never heard of it
   * (UnknownOperationException), like a region or partition that does not offer it yet,
   * e.g. 'acm:SearchCertificates'.
   */
  unknownOperations?: string[];
  /** Largest page any list operation returns, whatever the client asked for. */
  pageSizeCap?: number;
  /**
   * The fault suite's knobs. Each list holds operation selectors, 'service:Operation' or
   * 'service:Operation@region' (e.g. 'acm:DescribeCertificate@us-east-1').
   */
  /** Answered 200 with a body that is not valid JSON. */
  malformedOperations?: string[];
  /** Never answered (until the list changes or the endpoint closes), or answered after `stallMs`. */
  stalledOperations?: string[];
  stallMs?: number;
  /** ListCertificates / GetResources always hand back the same next-page token. */
  repeatTokenOperations?: string[];
  /** The connection is reset without an answer. */
  resetOperations?: string[];
  /**
   * SearchCertificates also answers these ARNs (copies of its first result under another
   * account's or region's ARN), as a confused or hostile stand-in might.
   */
  foreignSearchArns?: string[];
  /** SelectAggregateResourceConfig's first page also answers these result documents, as sent (malformed ones too). */
  extraConfigResults?: string[];
  /** SelectAggregateResourceConfig answers every result twice. */
  duplicateConfigResults?: boolean;
  /** Every signed call after the first N is refused with ExpiredTokenException, as when a session expires mid-run. */
  expireCredentialsAfter?: number;
  /** Default true: per-region per-operation token buckets at ACM's published quotas. */
  rateLimit?: boolean;
  /** Multiplies the quotas (e.g. 100 for fast tests). */
  rateScale?: number;
}

export interface EndpointOptions extends FaultOptions {
  /** The caller's account: any access key the endpoint has not issued belongs to it. */
  account: AccountData;
  /** Other accounts, reachable through sts:AssumeRole, and the Organizations and Config views of them. */
  organization?: OrganizationData;
  /** Seed for fault randomness, so a failing run can be replayed. */
  seed?: number;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** More services to serve beside the read stages' fakes (a test's own stage): see service.ts. */
  services?: FakeService[];
}

export interface RunningEndpoint {
  url: string;
  calls: RecordedCall[];
  resetCalls(): void;
  /** Holds every answer from now on until the returned function is called (tests that need an order). */
  pause(): () => void;
  setFaults(partial: FaultOptions): void;
  close(): Promise<void>;
}
