import type { AwsError } from './errors.js';
import type { StoredCertificate } from './types.js';

/**
 * The registration point for one more AWS service in the fake endpoint: a read stage's fake
 * (src/stages/<id>/fake.ts) is one of these. The server finds the service a request is for the way
 * AWS's own front door does — by the SigV4 credential scope's service name, and by the wire
 * protocol's own marks (the `X-Amz-Target` prefix for JSON, `Action` for query) — and then applies
 * everything it applies to ACM: the read-only guard, denials, unknown operations, latency, injected
 * throttles and server errors, stalls, resets, malformed bodies and the per-operation quotas below.
 *
 * A fake models what the service *stores and returns* on the wire, never how acm-advisor reads it:
 * it imports nothing from src/domain/ (the layering test holds it to that).
 */

/**
 * The wire protocols AWS services speak (the Smithy protocol traits):
 * - `json`: JSON 1.0/1.1, POST /, `X-Amz-Target: Prefix.Operation` (ACM, Tagging, CloudTrail, ACM PCA, EventBridge);
 * - `query`: POST form `Action=…&Version=…`, XML answers (ELBv2, STS, EC2);
 * - `rest-xml`: the operation in the method and path, XML bodies (CloudFront, Route 53, S3);
 * - `rest-json`: the operation in the method and path, JSON bodies (API Gateway).
 */
export type WireProtocol = 'json' | 'query' | 'rest-xml' | 'rest-json';

/** One request to a registered service, already parsed. */
export interface ServiceRequest {
  /** The operation, as IAM names it (`DescribeListeners`, `ListDistributions`). */
  operation: string;
  /** The SigV4 scope's region (the signing region of a global service: us-east-1). */
  region: string;
  method: string;
  /** The path without the query string (REST protocols). */
  path: string;
  /** The URL's query string (REST protocols). */
  query: URLSearchParams;
  /** The JSON body (`json`, `rest-json`); `{}` when empty. */
  json: Record<string, unknown>;
  /** The form parameters (`query`). */
  params: URLSearchParams;
  /** The raw body (`rest-xml`). */
  body: string;
  headers: Record<string, string | undefined>;
  /** The account whose data answers: the caller's, or the one whose role was assumed. */
  account: ServiceAccount;
  /** The page size to use: what the client asked for (or the service default), never above the fault suite's cap. */
  pageSize(requested: number): number;
  /** The answer's request id, for bodies that carry one (query and REST-XML responses do). */
  requestId: string;
}

/** What a fake sees of the account it answers for. */
export interface ServiceAccount {
  accountId: string;
  /** This service's section of the account (`AccountData.services[service]`); undefined when the account has none. */
  data: unknown;
  /** The account's ACM certificates in a region, oldest first (what load balancers, distributions, … refer to). */
  certificates(region: string): readonly StoredCertificate[];
  /** Those of them that carry tags. */
  tagged(region: string): readonly StoredCertificate[];
}

/** A successful answer. `body` objects are serialised as JSON; strings are sent as they are. */
export interface ServiceReply {
  status?: number;
  contentType?: string;
  body: string | Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface FakeService {
  /** The SigV4 signing name (credential-scope service): `elasticloadbalancing`, `cloudfront`, `route53`, `apigateway`. */
  service: string;
  protocol: WireProtocol;
  /** `json` only: the `X-Amz-Target` prefix before the dot (`CloudTrail_20131101`). */
  targetPrefix?: string;
  /**
   * `json` only: the operations this fake answers when it shares its `targetPrefix` with another
   * answerer (the search stage's SearchCertificates beside the endpoint's ACM); the prefix's other
   * operations go on to that one. Absent: every operation of the prefix is this fake's.
   */
  operations?: readonly string[];
  /**
   * REST protocols only: the operation a method and path name (`GET /2020-05-31/distribution` →
   * `ListDistributions`), or null when none of this service's does.
   */
  operationOf?(method: string, path: string, query: URLSearchParams): string | null;
  /** IAM action names that differ from `service:Operation` (S3's GetPublicAccessBlock is s3:GetBucketPublicAccessBlock). */
  iamActions?: Readonly<Record<string, string>>;
  /** The service's documented per-second request quotas by operation, enforced (scaled by `rateScale`) like ACM's. */
  quotas?: Readonly<Record<string, number>>;
  /** Where a repeat-token fault puts the repeating token in a JSON answer (default `NextToken`). */
  tokenField?: string;
  /** The error code the service throttles with, when not its protocol's usual one (see the server's throttlingError). */
  throttleCode?: string;
  /**
   * The answer, or null when this fake does not offer the operation (answered as not authorised).
   * Throw an AwsError for a service error (`InvalidParameterException`, a bad token, …).
   */
  handle(request: ServiceRequest): ServiceReply | null;
  /** The body of an error answer, when the protocol's usual shape (see errorReply) is not this service's. */
  renderError?(error: AwsError, requestId: string): ServiceReply;
}
