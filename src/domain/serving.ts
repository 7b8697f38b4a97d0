import { cdnOfTarget, isAwsTarget } from './hosting-suffixes.js';
import { POLICY_LOOKUP, type TlsProtocol } from './tls-policies.js';

/**
 * What a certificate serves: the endpoints (load balancer listeners, CloudFront distributions, API
 * Gateway custom domains) that present it, and the DNS names that reach them. The resource reads
 * produce `ServingResources`; `joinServing` ties them to certificates. Pure.
 */

export type EndpointService = 'elasticloadbalancing' | 'cloudfront' | 'apigateway';
export type BackendProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';

export interface EndpointTls {
  policy: string;
  /** From the policy's own protocol list (load balancers) or the documented policy table; null for a policy not known. */
  minimumProtocol: TlsProtocol | null;
  postQuantum: boolean;
}

/** One endpoint presenting a certificate (the inventory JSON's `endpoints[]`). */
export interface Endpoint {
  arn: string;
  service: EndpointService;
  /** What a person calls it: "ALB shop :443", "CloudFront E2QWRUHAPOMQZL", "API Gateway api.example.com". */
  label: string;
  accountId: string | null;
  region: string | null;
  /** DNS names that reach it: its own aliases or custom domain name, and Route 53 records pointing at it. */
  names: string[];
  tls: EndpointTls | null;
  /** How it talks to its backend; null when not known (API Gateway integrations are not read). */
  backendProtocol: BackendProtocol | null;
  /** Passes TLS through to the backend (a TCP listener): the certificate is not on this endpoint. */
  passthrough: boolean;
}

/** A load balancer listener as read (every protocol: TCP listeners are evidence of passthrough). */
export interface ListenerRecord {
  accountId: string;
  region: string;
  loadBalancerArn: string;
  loadBalancerName: string;
  /** application | network | gateway */
  loadBalancerType: string;
  /** The load balancer's own DNS name (what records point at). */
  dnsName: string;
  listenerArn: string;
  port: number;
  /** HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE */
  protocol: string;
  /** Default certificate first, then the SNI certificates. */
  certificateArns: string[];
  sslPolicy: string | null;
  /** The policy's protocols from DescribeSSLPolicies; null when the policy was not described. */
  policyProtocols: string[] | null;
  /** Protocols of the target groups the listener's default action forwards to. */
  backendProtocols: string[];
}

export interface DistributionRecord {
  accountId: string;
  id: string;
  arn: string;
  /** dxxxx.cloudfront.net */
  domainName: string;
  aliases: string[];
  certificateArn: string | null;
  minimumProtocolVersion: string | null;
  /** Per origin: http-only | https-only | match-viewer, or `s3` for an S3 REST origin. */
  originProtocols: string[];
}

export interface ApiDomainRecord {
  accountId: string;
  region: string;
  /** 1 (REST APIs, GetDomainNames) or 2 (HTTP/WebSocket APIs, apigatewayv2 GetDomainNames). */
  apiVersion: 1 | 2;
  domainName: string;
  arn: string;
  certificateArns: string[];
  securityPolicy: string | null;
  endpointTypes: string[];
  /** The AWS names the custom domain is served at (regional or CloudFront target names). */
  targets: string[];
}

/** A Route 53 record that points a name somewhere (a CNAME or an alias), or a CAA record (`target` holds its value). */
export interface DnsRecord {
  accountId: string;
  zoneId: string;
  zoneName: string;
  privateZone: boolean;
  name: string;
  type: string;
  /** The CNAME value or the alias target's DNS name, lower case without the final dot. */
  target: string;
  alias: boolean;
}

/** What the Route 53 stage read in an account. */
export interface ZoneRead {
  zones: Array<{ id: string; name: string; privateZone: boolean }>;
  /** CNAME, alias and CAA records: what points a name somewhere, and who may issue for it. */
  records: DnsRecord[];
}

/** Route 53 writes characters outside letters, digits and - _ . as \\ooo octal escapes in names. */
export function decodeRoute53Name(name: string): string {
  return name.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

export interface ServingResources {
  listeners: ListenerRecord[];
  distributions: DistributionRecord[];
  apiDomains: ApiDomainRecord[];
  records: DnsRecord[];
}

/** Which reads completed, to tell "found nothing" from "did not look". Keys: `service@account/region`. */
export interface ServingCoverage {
  /** `elasticloadbalancing` and `apigateway` per account and region; `cloudfront` per account (region `global`). */
  read: ReadonlySet<string>;
  /**
   * Every zone read, and none failed: a zone of any account (often a central networking account) can
   * point at any account's endpoints, so Route 53 is known for all or for none. Defaults to
   * `read` holding a `route53` key for the certificate's account.
   */
  zonesRead?: boolean;
}

export function coverageKey(service: 'elasticloadbalancing' | 'apigateway' | 'cloudfront' | 'route53', accountId: string, region: string): string {
  return `${service}@${accountId}/${service === 'cloudfront' || service === 'route53' ? 'global' : region}`;
}

/** A certificate name that, in a zone read, points at a host outside AWS. */
export interface ServedElsewhere {
  name: string;
  target: string;
  /** The CDN's name when the target is a known CDN suffix; null for another host. */
  cdn: string | null;
}

export interface CertificateServing {
  hostnames: string[] | null;
  endpoints: Endpoint[] | null;
  servedElsewhere: ServedElsewhere[] | null;
}

/** DNS names compare case-insensitively and without the root dot. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** ALB aliases point at `dualstack.NAME`; the load balancer answers to both. */
function bareTarget(target: string): string {
  return target.startsWith('dualstack.') ? target.slice('dualstack.'.length) : target;
}

/**
 * Every name that reaches `start` through the records, following CNAME and alias chains
 * (www → shop → the load balancer), bounded so a loop in hostile zone data cannot spin.
 */
function namesReaching(start: readonly string[], pointingAt: ReadonlyMap<string, string[]>): string[] {
  const seen = new Set<string>();
  let frontier = start.map(normaliseName);
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const t of frontier) {
      for (const n of pointingAt.get(t) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return [...seen];
}

function weakestBackend(protocols: readonly string[]): BackendProtocol | null {
  const known = protocols.map((p) => p.toUpperCase());
  for (const p of ['HTTP', 'TCP', 'HTTPS', 'TLS'] as const) if (known.includes(p)) return p;
  return null;
}

function originBackend(originProtocols: readonly string[]): BackendProtocol | null {
  if (originProtocols.length === 0) return null;
  // match-viewer sends HTTP to the origin whenever the viewer came over HTTP.
  if (originProtocols.some((p) => p === 'http-only' || p === 'match-viewer')) return 'HTTP';
  return 'HTTPS';
}

const LB_KIND: Record<string, string> = { application: 'ALB', network: 'NLB', gateway: 'GWLB' };

export interface PolicyLookup {
  cloudfront(policy: string): { minimumProtocol: TlsProtocol; postQuantum: boolean } | null;
  apiGateway(policy: string): { minimumProtocol: TlsProtocol; postQuantum: boolean } | null;
  loadBalancer(policy: string, protocols: readonly string[] | null): { minimumProtocol: TlsProtocol | null; postQuantum: boolean };
}

export function listenerEndpoint(l: ListenerRecord, names: string[], policies: PolicyLookup): Endpoint {
  const tls =
    l.sslPolicy === null ? null : { policy: l.sslPolicy, ...policies.loadBalancer(l.sslPolicy, l.policyProtocols) };
  return {
    arn: l.listenerArn,
    service: 'elasticloadbalancing',
    label: `${LB_KIND[l.loadBalancerType] ?? 'load balancer'} ${l.loadBalancerName} :${l.port}`,
    accountId: l.accountId,
    region: l.region,
    names,
    tls,
    backendProtocol: weakestBackend(l.backendProtocols),
    passthrough: l.protocol === 'TCP',
  };
}

/**
 * Ties certificates to what serves them. `certificates` are (arn, accountId, region, names on the
 * certificate); the answer for a certificate whose account and region were not fully read is null
 * in each field it could not establish, never an empty list.
 */
export function joinServing(
  certificates: ReadonlyArray<{ arn: string; accountId: string | null; region: string; names: readonly string[] }>,
  resources: ServingResources,
  coverage: ServingCoverage,
  policies: PolicyLookup = POLICY_LOOKUP,
): Map<string, CertificateServing> {
  const join = prepareServing(resources, coverage, policies);
  return new Map(certificates.map((c) => [c.arn, join(c)]));
}

/** The join with its indexes built once: then one certificate at a time. */
export function prepareServing(
  resources: ServingResources,
  coverage: ServingCoverage,
  policies: PolicyLookup = POLICY_LOOKUP,
): (c: { arn: string; accountId: string | null; region: string; names: readonly string[] }) => CertificateServing {
  // target name → names pointing at it
  const pointingAt = new Map<string, string[]>();
  const recordsByName = new Map<string, DnsRecord[]>();
  for (const r of resources.records) {
    if (r.type !== 'CNAME' && !r.alias) continue;
    const t = bareTarget(r.target);
    const from = normaliseName(r.name);
    pointingAt.set(t, [...(pointingAt.get(t) ?? []), from]);
    recordsByName.set(from, [...(recordsByName.get(from) ?? []), r]);
  }

  const byCert = new Map<string, Endpoint[]>();
  const add = (arn: string, e: Endpoint) => byCert.set(arn, [...(byCert.get(arn) ?? []), e]);

  for (const l of resources.listeners) {
    if (l.certificateArns.length === 0) continue;
    const e = listenerEndpoint(l, namesReaching([l.dnsName], pointingAt), policies);
    for (const arn of new Set(l.certificateArns)) add(arn, e);
  }
  for (const d of resources.distributions) {
    if (!d.certificateArn) continue;
    const own = d.aliases.map(normaliseName);
    const names = [...new Set([...own, ...namesReaching([d.domainName, ...own], pointingAt)])];
    const facts = d.minimumProtocolVersion ? policies.cloudfront(d.minimumProtocolVersion) : null;
    add(d.certificateArn, {
      arn: d.arn,
      service: 'cloudfront',
      label: `CloudFront ${d.id}`,
      accountId: d.accountId,
      region: null,
      names,
      tls: d.minimumProtocolVersion
        ? { policy: d.minimumProtocolVersion, minimumProtocol: facts?.minimumProtocol ?? null, postQuantum: facts?.postQuantum ?? false }
        : null,
      backendProtocol: originBackend(d.originProtocols),
      passthrough: false,
    });
  }
  for (const a of resources.apiDomains) {
    const own = normaliseName(a.domainName);
    const names = [...new Set([own, ...namesReaching([own, ...a.targets], pointingAt)])];
    const facts = a.securityPolicy ? policies.apiGateway(a.securityPolicy) : null;
    const e: Endpoint = {
      arn: a.arn,
      service: 'apigateway',
      label: `API Gateway${a.apiVersion === 2 ? ' v2' : ''} ${a.domainName}`,
      accountId: a.accountId,
      region: a.region,
      names,
      tls: a.securityPolicy
        ? { policy: a.securityPolicy, minimumProtocol: facts?.minimumProtocol ?? null, postQuantum: facts?.postQuantum ?? false }
        : null,
      backendProtocol: null,
      passthrough: false,
    };
    for (const arn of new Set(a.certificateArns)) add(arn, e);
  }

  return (c) => {
    const account = c.accountId ?? '';
    const has = (service: Parameters<typeof coverageKey>[0]) => coverage.read.has(coverageKey(service, account, c.region));
    // CloudFront uses certificates from us-east-1 only: elsewhere it cannot be an endpoint.
    const endpointsKnown = has('elasticloadbalancing') && has('apigateway') && (c.region !== 'us-east-1' || has('cloudfront'));
    const zonesKnown = coverage.zonesRead ?? has('route53');
    const endpoints = byCert.get(c.arn) ?? [];
    const hostnames = [...new Set(endpoints.flatMap((e) => e.names))].sort();
    return {
      endpoints: endpointsKnown ? endpoints : null,
      hostnames: endpointsKnown && zonesKnown ? hostnames : null,
      servedElsewhere: zonesKnown ? servedElsewhere(c.names, recordsByName) : null,
    };
  };
}

/** The certificate's names (wildcards cover one label) that a zone points at a target outside AWS. */
function servedElsewhere(
  certNames: readonly string[],
  recordsByName: ReadonlyMap<string, DnsRecord[]>,
): ServedElsewhere[] {
  const out: ServedElsewhere[] = [];
  const seen = new Set<string>();
  const consider = (name: string) => {
    for (const r of recordsByName.get(name) ?? []) {
      if (r.type !== 'CNAME' || r.alias || isAwsTarget(r.target)) continue;
      // A CNAME to another name of the zones read is followed there, not judged here (unless it is a CDN's).
      const cdn = cdnOfTarget(r.target);
      if (cdn === null && recordsByName.has(r.target)) continue;
      const key = `${name}\u0000${r.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, target: r.target, cdn });
    }
  };
  for (const raw of certNames) {
    const n = normaliseName(raw);
    if (n.startsWith('*.')) {
      const parent = n.slice(2);
      for (const name of recordsByName.keys()) if (name.endsWith(`.${parent}`) && !name.slice(0, -parent.length - 1).includes('.')) consider(name);
    } else consider(n);
  }
  return out;
}

/** The read stages (src/stages/) whose data the join reads, by their ids. */
export const SERVING_STAGE_IDS = { elb: 'elb', cloudfront: 'cloudfront', apigateway: 'apigateway', route53: 'route53' } as const;

/** Ports TLS is served on: a TCP listener on one passes TLS through to its targets. */
const TLS_PORTS = new Set([443, 8443, 9443, 465, 587, 636, 853, 993, 995, 5061, 5671, 6514, 8883]);

interface StageReadLike {
  stage: string;
  accountId?: string;
  region: string;
  status: 'ok' | 'failed';
  data?: unknown;
}

interface InventoryLike<C> {
  account: { id: string } | null;
  certificates: C[];
  stages?: StageReadLike[];
}

/** Certificate fields the join fills. */
export interface ServedCertificate {
  arn: string;
  accountId: string | null;
  region: string;
  domainName: string | null;
  subjectAlternativeNames: string[];
  hostnames: string[] | null;
  endpoints: Endpoint[] | null;
  servedElsewhere: ServedElsewhere[] | null;
}

export interface ServingIndex {
  /** False when no serving stage has read anything: certificates keep what they hold. */
  active: boolean;
  /** The certificate with its serving fields joined (the same object when nothing changed). */
  apply<C extends ServedCertificate>(cert: C): C;
  passthrough: Endpoint[];
}

const indexes = new WeakMap<readonly StageReadLike[], Map<string, ServingIndex>>();

/**
 * The join over the stages' reads, built once per list of reads (and caller account): the fold applies
 * it to each certificate that arrives, and to all of them when a read arrives.
 */
export function servingIndex(stages: readonly StageReadLike[] | undefined, homeAccount: string): ServingIndex {
  const list = stages ?? [];
  const byHome = indexes.get(list) ?? new Map<string, ServingIndex>();
  const hit = byHome.get(homeAccount);
  if (hit) return hit;
  const reads = list.filter((r) => (Object.values(SERVING_STAGE_IDS) as string[]).includes(r.stage));
  const resources: ServingResources = { listeners: [], distributions: [], apiDomains: [], records: [] };
  const read = new Set<string>();
  let zonesOk = false;
  let zonesFailed = false;
  for (const r of reads) {
    if (r.stage === SERVING_STAGE_IDS.route53) {
      if (r.status === 'ok') zonesOk = true;
      else zonesFailed = true;
    }
    if (r.status !== 'ok' || r.data === undefined) continue;
    const account = r.accountId ?? homeAccount;
    if (r.stage === SERVING_STAGE_IDS.elb) {
      resources.listeners.push(...(r.data as ListenerRecord[]));
      read.add(coverageKey('elasticloadbalancing', account, r.region));
    } else if (r.stage === SERVING_STAGE_IDS.apigateway) {
      resources.apiDomains.push(...(r.data as ApiDomainRecord[]));
      read.add(coverageKey('apigateway', account, r.region));
    } else if (r.stage === SERVING_STAGE_IDS.cloudfront) {
      resources.distributions.push(...(r.data as DistributionRecord[]));
      read.add(coverageKey('cloudfront', account, r.region));
    } else if (r.stage === SERVING_STAGE_IDS.route53) {
      resources.records.push(...(r.data as ZoneRead).records);
    }
  }
  const join = prepareServing(resources, { read, zonesRead: zonesOk && !zonesFailed });
  const index: ServingIndex = {
    active: reads.length > 0,
    apply(cert) {
      if (reads.length === 0) return cert;
      const s = join({
        arn: cert.arn,
        accountId: cert.accountId ?? homeAccount,
        region: cert.region,
        names: [...new Set([cert.domainName ?? '', ...cert.subjectAlternativeNames].filter(Boolean))],
      });
      if (sameServing(cert, s)) return cert;
      return { ...cert, ...s };
    },
    passthrough: resources.listeners
      .filter((l) => l.protocol === 'TCP' && TLS_PORTS.has(l.port))
      .map((l) => listenerEndpoint(l, namesFor(l.dnsName, resources.records), POLICY_LOOKUP)),
  };
  byHome.set(homeAccount, index);
  indexes.set(list, byHome);
  return index;
}

function sameServing(cert: ServedCertificate, s: CertificateServing): boolean {
  return JSON.stringify([cert.hostnames, cert.endpoints, cert.servedElsewhere]) === JSON.stringify([s.hostnames, s.endpoints, s.servedElsewhere]);
}

const joined = new WeakMap<object, unknown>();

/**
 * The inventory with each certificate's `hostnames`, `endpoints` and `servedElsewhere` joined from the
 * stages' reads (every account's: zones of a central networking account count for all), and the
 * passthrough listeners. Certificates whose services were not read keep null. Memoised per inventory.
 */
export function withServing<C extends ServedCertificate, I extends InventoryLike<C>>(inventory: I): I & { serving?: { passthrough: Endpoint[] } } {
  const hit = joined.get(inventory);
  if (hit) return hit as I & { serving?: { passthrough: Endpoint[] } };
  const index = servingIndex(inventory.stages, inventory.account?.id ?? '');
  if (!index.active) {
    joined.set(inventory, inventory);
    return inventory;
  }
  const out = { ...inventory, certificates: inventory.certificates.map((c) => index.apply(c)), serving: { passthrough: index.passthrough } };
  joined.set(inventory, out);
  joined.set(out, out);
  return out;
}

function namesFor(dnsName: string, records: readonly DnsRecord[]): string[] {
  const target = normaliseName(dnsName);
  return records.filter((r) => (r.type === 'CNAME' || r.alias) && bareTarget(r.target) === target).map((r) => r.name);
}
