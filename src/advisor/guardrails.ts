/**
 * The guardrails the plan pastes: the request SCP and the CloudTrail event patterns, generated from the
 * inventory and checked against AWS's size limits before they are offered.
 *
 * Domains come from the Public Suffix List (tldts), never from "the last two labels": for
 * `shop.example.com.au` the registrable domain is `example.com.au`, and allowing `*.com.au` would let anyone
 * in the account request a certificate for any Australian company. The list's private section is used too, so
 * a platform's shared suffix (`github.io`, `s3.amazonaws.com`) is a suffix, never a company domain. Every
 * allowed domain is anchored on a dot, with the apex listed separately, so `notexample.com` never passes as
 * `example.com`. Only certificates that prove the account controls a name count: ISSUED, not self-signed.
 *
 * How the statements read (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * a key missing from the request makes a positive operator false and a negated one true, and `…IfExists`
 * makes any operator true when the key is missing. A request that leaves out KeyAlgorithm or ValidationMethod
 * carries no such key, so a Deny written with `…IfExists` (or a bare negated operator) would refuse the
 * default request. Each Deny here says with a `Null` condition whether it means the key to be present.
 * The keys ACME issuance carries are ACM's documented values
 * (https://docs.aws.amazon.com/acm/latest/userguide/acm-conditions-acme.html): origin ACME, export ENABLED,
 * validation DNS.
 */
import { parse } from 'tldts';
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import { sanitiseForTerminal } from '../domain/text.js';
import type { ProductionTag } from '../domain/thresholds.js';
import { issuerOf, trustBasisClause, type TrustFacts } from '../domain/issuer-trust.js';

/** Limits of what the snippets become (content/aws-references.yaml names the sources). */
export interface SizeLimits {
  scpCharacters: number;
  eventPatternCharacters: number;
}

export interface GuardrailInput {
  inventory: Inventory;
  productionTag: ProductionTag;
  limits: SizeLimits;
  /** The team issues over ACME (answered, or ACME certificates exist): govern that key-pair origin too. */
  acme: boolean;
  /** Accounts whose certificates could not be read (organisation mode): the allow list misses their domains. */
  unreadAccounts?: number;
  /** The trust read's facts: which imports sign themselves (by issuer name where they were not read). */
  trust?: TrustFacts;
}

export interface GeneratedDocument {
  /** JSON text, pretty when that fits the limit, compact otherwise. */
  json: string;
  /** Characters, as AWS counts them (whitespace included). */
  size: number;
  limit: number;
  fits: boolean;
}

/** One allowed domain and the certificates that earned it a place, so a reviewer can prune the list. */
export interface AllowedDomain {
  domain: string;
  certificates: { arn: string; name: string }[];
}

/** A name left out of the allow list, and why. */
export interface LeftOutName {
  name: string;
  arn: string;
  reason: string;
}

export interface Guardrails {
  /** Every registrable domain the account's issued certificates use (names and SANs), most used first. */
  domains: string[];
  /** The same domains with the certificates each came from. */
  sources: AllowedDomain[];
  /** Names on issued certificates that are not allowed (shared platform or wildcard-DNS services). */
  leftOut: LeftOutName[];
  /** The same, as IAM/EventBridge patterns: apex and `*.apex` for each. */
  allowedPatterns: string[];
  /** One or more SCPs, each within the SCP size limit. */
  scps: GeneratedDocument[];
  /** RequestCertificate for a name (primary or SAN) outside the allowed domains. */
  foreignRequestPattern: GeneratedDocument;
  /** Deletes, revocations, exports and re-imports over an existing ARN: each worth a person's look. */
  sensitiveChangePattern: GeneratedDocument;
  /** Plain-language notes about what did not fit, was left out or replaced by a placeholder. */
  notes: string[];
}

/** Placeholder roles the reader replaces; kept recognisable so nobody pastes them unchanged by accident. */
export const PLACEHOLDER_ROLES = {
  breakGlass: 'arn:aws:iam::*:role/REPLACE-certificate-admin',
  export: 'arn:aws:iam::*:role/REPLACE-certificate-export',
  acme: 'arn:aws:iam::*:role/REPLACE-acme-issuer',
  rotation: 'arn:aws:iam::*:role/REPLACE-certificate-rotation',
};

/** The key algorithms RequestCertificate accepts (its KeyAlgorithm parameter); leaving it out means RSA_2048. */
export const REQUESTABLE_KEY_ALGORITHMS = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'];

/**
 * Services whose names resolve to any address for anyone (`10.0.0.1.nip.io`): a name under them proves
 * nothing about who owns it, and the Public Suffix List does not list them.
 */
export const WILDCARD_DNS_SERVICES = ['nip.io', 'sslip.io', 'xip.io', 'traefik.me', 'localtest.me', 'lvh.me', 'vcap.me', 'localhost.direct'];

type Registrable = { domain: string } | { domain: null; reason: string };

function classify(name: string): Registrable {
  const host = name.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  if (!host || host.includes('*')) return { domain: null, reason: 'not a DNS name' };
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp) return { domain: null, reason: 'an IP address' };
  const service = WILDCARD_DNS_SERVICES.find((s) => host === s || host.endsWith(`.${s}`));
  if (service) return { domain: null, reason: `under ${service}, a wildcard-DNS service anyone can use` };
  if (parsed.isPrivate) return { domain: null, reason: `under ${parsed.publicSuffix}, a shared platform domain` };
  if (!parsed.domain || !parsed.isIcann) return { domain: null, reason: 'no public registrable domain' };
  return { domain: parsed.domain };
}

/** The registrable domain of a certificate name, or null (IP address, single label, platform or wildcard-DNS service). */
export function registrableDomain(name: string): string | null {
  return classify(name).domain;
}

function names(c: Certificate): string[] {
  return [...new Set([c.domainName, ...c.subjectAlternativeNames].filter((n): n is string => typeof n === 'string' && n.length > 0))];
}

/**
 * A certificate whose names the account has shown it controls: issued, and not self-signed (an import that signs
 * itself proves nothing about its names). Self-signed from the trust read, by issuer name where it was not read.
 */
export function vouchesForItsNames(c: Certificate, trust?: TrustFacts): boolean {
  return c.status === 'ISSUED' && !issuerOf(c, trust).selfSigned;
}

/**
 * Every allowed domain with the certificates it came from (most names first, then by name), what was left out,
 * and the self-signed imports whose registrable names were not allowed for that reason alone.
 */
export function allowedDomains(inventory: Inventory, trust?: TrustFacts): { sources: AllowedDomain[]; leftOut: LeftOutName[]; selfSigned: Certificate[] } {
  const byDomain = new Map<string, { count: number; certificates: Map<string, string> }>();
  const leftOut = new Map<string, LeftOutName>();
  const counted = new Set<string>();
  const selfSigned: Certificate[] = [];
  for (const c of inventory.certificates) {
    if (!vouchesForItsNames(c, trust)) {
      if (c.status === 'ISSUED' && names(c).some((n) => classify(n).domain !== null)) selfSigned.push(c);
      continue;
    }
    for (const n of names(c)) {
      const r = classify(n);
      if (r.domain === null) {
        if (r.reason.startsWith('under') && !leftOut.has(n.toLowerCase())) leftOut.set(n.toLowerCase(), { name: n, arn: c.arn, reason: r.reason });
        continue;
      }
      const entry = byDomain.get(r.domain) ?? { count: 0, certificates: new Map<string, string>() };
      const key = n.toLowerCase();
      if (!counted.has(key)) {
        counted.add(key);
        entry.count += 1;
      }
      if (!entry.certificates.has(c.arn)) entry.certificates.set(c.arn, c.domainName ?? n);
      byDomain.set(r.domain, entry);
    }
  }
  const sources = [...byDomain]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([domain, e]) => ({ domain, certificates: [...e.certificates].map(([arn, name]) => ({ arn, name })) }));
  // Only those whose names no other certificate vouches for change the list.
  const unvouched = selfSigned.filter((c) => names(c).some((n) => {
    const d = classify(n).domain;
    return d !== null && !byDomain.has(d);
  }));
  return { sources, leftOut: [...leftOut.values()], selfSigned: unvouched };
}

/** Every registrable domain the inventory's issued certificates use, most names first, then by name. */
export function registrableDomains(inventory: Inventory): string[] {
  return allowedDomains(inventory).sources.map((s) => s.domain);
}

/** apex and `*.apex`: the dot anchors the suffix so a look-alike registrable domain never matches. */
export function allowedPatterns(domains: string[]): string[] {
  return domains.flatMap((d) => [d, `*.${d}`]);
}

function documentOf(value: unknown, limit: number): GeneratedDocument {
  const pretty = JSON.stringify(value, null, 2);
  const json = pretty.length <= limit ? pretty : JSON.stringify(value);
  return { json, size: json.length, limit, fits: json.length <= limit };
}

type Statement = Record<string, unknown>;

const PUBLIC_REQUEST = { Null: { 'acm:CertificateAuthority': 'true' } };
const NOT_ACME = { 'acm:CertificateKeyPairOrigin': 'ACME' };

function statements(input: GuardrailInput, patterns: string[]): { domain: Statement; rest: Statement[] } {
  const tag = input.productionTag;
  // Tag values compare ignoring case, as the audit does: `Production` is as much production as `production`.
  const production = { StringEqualsIgnoreCase: { [`aws:ResourceTag/${tag.key}`]: tag.values } };
  const outside = (...roles: string[]) => ({ ArnNotLike: { 'aws:PrincipalArn': roles.length === 1 ? roles[0] : roles } });
  const domain: Statement = {
    // Public requests only (ACME included): a private CA's own policy governs the names it signs.
    Sid: 'DenyPublicNamesOutsideCompanyDomains',
    Effect: 'Deny',
    Action: 'acm:RequestCertificate',
    Resource: '*',
    Condition: { 'ForAnyValue:StringNotLike': { 'acm:DomainNames': patterns }, ...PUBLIC_REQUEST },
  };
  const rest: Statement[] = [
    {
      // A public request that leaves out ValidationMethod is email-validated, so anything but DNS is refused
      // (HTTP is CloudFront's own method for the certificates it manages). No key means "not DNS" here, on purpose.
      Sid: 'DenyPublicRequestsNotValidatedByDns',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringNotEquals: { 'acm:ValidationMethod': ['DNS', 'HTTP'] }, ...PUBLIC_REQUEST },
    },
    {
      // Only a stated algorithm is checked: a request without one gets RSA_2048, which is approved.
      Sid: 'DenyUnapprovedKeyAlgorithms',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringNotEquals: { 'acm:KeyAlgorithm': REQUESTABLE_KEY_ALGORITHMS }, Null: { 'acm:KeyAlgorithm': 'false' } },
    },
    {
      // ACME orders always carry Export=ENABLED (the client holds the key); the ACME statement governs those.
      Sid: 'DenyPaidExportableRequestsOutsideExportRole',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringEquals: { 'acm:Export': 'ENABLED' }, StringNotEquals: NOT_ACME, ...outside(PLACEHOLDER_ROLES.export) },
    },
    {
      Sid: 'DenyKeyExportOutsideExportRole',
      Effect: 'Deny',
      Action: 'acm:ExportCertificate',
      Resource: '*',
      Condition: outside(PLACEHOLDER_ROLES.export),
    },
    ...(input.acme
      ? [
          {
            Sid: 'DenyAcmeIssuanceOutsideIssuerRole',
            Effect: 'Deny',
            Action: 'acm:RequestCertificate',
            Resource: '*',
            Condition: { StringEquals: NOT_ACME, ...outside(PLACEHOLDER_ROLES.acme) },
          },
        ]
      : []),
    {
      // Revocation breaks every endpoint using the certificate at once and cannot be undone.
      Sid: 'DenyRevocationOutsideBreakGlassRole',
      Effect: 'Deny',
      Action: 'acm:RevokeCertificate',
      Resource: '*',
      Condition: { StringNotEquals: NOT_ACME, ...outside(PLACEHOLDER_ROLES.breakGlass) },
    },
    {
      // An ACME client revokes its own certificates through the endpoint, authorised as its issuer role.
      Sid: 'DenyAcmeRevocationOutsideIssuerRoles',
      Effect: 'Deny',
      Action: 'acm:RevokeCertificate',
      Resource: '*',
      Condition: { StringEquals: NOT_ACME, ...outside(PLACEHOLDER_ROLES.acme, PLACEHOLDER_ROLES.breakGlass) },
    },
    {
      // Tag-based, so it covers every production certificate today and tomorrow, with no ARN list to go stale.
      Sid: 'DenyDeletingProductionCertificates',
      Effect: 'Deny',
      Action: 'acm:DeleteCertificate',
      Resource: '*',
      Condition: { ...production, ...outside(PLACEHOLDER_ROLES.breakGlass) },
    },
    {
      // Re-importing into a production ARN swaps the key every attached endpoint serves.
      Sid: 'DenyReimportOverProductionCertificates',
      Effect: 'Deny',
      Action: 'acm:ImportCertificate',
      Resource: '*',
      Condition: { ...production, ...outside(PLACEHOLDER_ROLES.rotation, PLACEHOLDER_ROLES.breakGlass) },
    },
    {
      // Without this, changing or removing the tag first would lift the protections above.
      Sid: 'DenyRetaggingProductionCertificates',
      Effect: 'Deny',
      Action: ['acm:RemoveTagsFromCertificate', 'acm:AddTagsToCertificate'],
      Resource: '*',
      Condition: {
        ...production,
        'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [tag.key] },
        ...outside(PLACEHOLDER_ROLES.breakGlass),
      },
    },
  ];
  return { domain, rest };
}

const policy = (st: Statement[]) => ({ Version: '2012-10-17', Statement: st });

const CLOUDTRAIL = { source: ['aws.acm'], 'detail-type': ['AWS API Call via CloudTrail'] };

/** The guardrails for this inventory, each document checked against its size limit. Pure. */
export function buildGuardrails(input: GuardrailInput): Guardrails {
  const { sources, leftOut, selfSigned } = allowedDomains(input.inventory, input.trust);
  const domains = sources.map((s) => s.domain);
  const notes: string[] = [];
  const placeholder = domains.length === 0;
  if (placeholder) notes.push('No registrable domain was found on an issued certificate; example.com stands in and must be replaced.');
  if (input.unreadAccounts)
    notes.push(
      `The allow list is incomplete: ${input.unreadAccounts} account${input.unreadAccounts === 1 ? '' : 's'} could not be read, so the domains ${input.unreadAccounts === 1 ? 'it uses are' : 'they use are'} missing; add them before attaching the SCP, or their certificate requests will be refused.`,
    );
  if (leftOut.length > 0)
    notes.push(
      `Left out of the allow list: ${leftOut
        .slice(0, 5)
        .map((l) => `${l.name} (${l.reason})`)
        .join('; ')}${leftOut.length > 5 ? ` and ${leftOut.length - 5} more` : ''}.`,
    );
  if (selfSigned.length > 0)
    notes.push(
      `Self-signed imports prove nothing about their names, so these add no domain to the allow list: ${selfSigned
        .slice(0, 5)
        .map((c) => sanitiseForTerminal(c.domainName ?? c.arn))
        .join(', ')}${selfSigned.length > 5 ? ` and ${selfSigned.length - 5} more` : ''}; ${trustBasisClause(selfSigned, input.trust)}.`,
    );
  const used = placeholder ? ['example.com'] : domains;
  const patterns = allowedPatterns(used);
  const { limits } = input;

  const { domain, rest } = statements(input, patterns);
  let scps = [documentOf(policy([domain, ...rest]), limits.scpCharacters)];
  if (!scps[0].fits) {
    // The domain statement cannot be split (each part would deny the other part's names), so it moves to its own SCP.
    scps = [documentOf(policy([domain]), limits.scpCharacters), documentOf(policy(rest), limits.scpCharacters)];
    notes.push('The guardrails did not fit one SCP, so the domain allow list is a second SCP (up to five attach to each account or OU).');
    if (!scps[0].fits)
      notes.push(
        `${used.length} registrable domains do not fit one SCP (${limits.scpCharacters.toLocaleString('en-US')} characters); attach per-OU SCPs, each listing the domains that OU uses.`,
      );
  }

  const outsidePatterns = [{ 'anything-but': { wildcard: patterns } }];
  let foreignRequestPattern = documentOf(
    { ...CLOUDTRAIL, detail: { eventSource: ['acm.amazonaws.com'], eventName: ['RequestCertificate'], requestParameters: { $or: [{ domainName: outsidePatterns }, { subjectAlternativeNames: outsidePatterns }] } } },
    limits.eventPatternCharacters,
  );
  if (!foreignRequestPattern.fits) {
    notes.push(
      `The allow list of ${used.length} domains does not fit one event pattern (${limits.eventPatternCharacters.toLocaleString('en-US')} characters), so the rule matches every RequestCertificate; compare the names in its target.`,
    );
    foreignRequestPattern = documentOf({ ...CLOUDTRAIL, detail: { eventSource: ['acm.amazonaws.com'], eventName: ['RequestCertificate'] } }, limits.eventPatternCharacters);
  }
  const sensitiveChangePattern = documentOf(
    {
      ...CLOUDTRAIL,
      detail: {
        eventSource: ['acm.amazonaws.com'],
        $or: [
          { eventName: ['DeleteCertificate', 'RevokeCertificate', 'ExportCertificate'] },
          // An import naming an existing ARN replaces that certificate's key; a first import names none.
          { eventName: ['ImportCertificate'], requestParameters: { certificateArn: [{ exists: true }] } },
        ],
      },
    },
    limits.eventPatternCharacters,
  );
  return { domains, sources, leftOut, allowedPatterns: patterns, scps, foreignRequestPattern, sensitiveChangePattern, notes };
}
