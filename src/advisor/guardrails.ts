/**
 * The guardrails the plan pastes: the request SCP and the CloudTrail event patterns, generated from the
 * inventory and checked against AWS's size limits before they are offered.
 *
 * Domains come from the Public Suffix List (tldts), never from "the last two labels": for
 * `shop.example.com.au` the registrable domain is `example.com.au`, and allowing `*.com.au` would let anyone
 * in the account request a certificate for any Australian company. Every allowed domain is anchored on a
 * dot, with the apex listed separately, so `notexample.com` never passes as `example.com`.
 */
import { getDomain } from 'tldts';
import type { Certificate } from '../domain/certificate.js';
import type { Inventory } from '../domain/inventory.js';
import type { ProductionTag } from '../domain/thresholds.js';

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
}

export interface GeneratedDocument {
  /** JSON text, pretty when that fits the limit, compact otherwise. */
  json: string;
  /** Characters, as AWS counts them (whitespace included). */
  size: number;
  limit: number;
  fits: boolean;
}

export interface Guardrails {
  /** Every registrable domain the inventory uses (names and SANs), most used first. */
  domains: string[];
  /** The same, as IAM/EventBridge patterns: apex and `*.apex` for each. */
  allowedPatterns: string[];
  /** One or more SCPs, each within the SCP size limit. */
  scps: GeneratedDocument[];
  /** RequestCertificate for a name (primary or SAN) outside the allowed domains. */
  foreignRequestPattern: GeneratedDocument;
  /** Every DeleteCertificate: the SCP stops production deletes, this pattern tells someone a delete happened. */
  deletePattern: GeneratedDocument;
  /** Plain-language notes about what did not fit or was replaced by a placeholder. */
  notes: string[];
}

/** Placeholder roles the reader replaces; kept recognisable so nobody pastes them unchanged by accident. */
export const PLACEHOLDER_ROLES = {
  breakGlass: 'arn:aws:iam::*:role/REPLACE-certificate-admin',
  export: 'arn:aws:iam::*:role/REPLACE-certificate-export',
  acme: 'arn:aws:iam::*:role/REPLACE-acme-issuer',
};

/** The registrable domain of a certificate name, or null (IP address, single label, unknown suffix). */
export function registrableDomain(name: string): string | null {
  const host = name.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  if (!host || host.includes('*')) return null;
  return getDomain(host) ?? null;
}

function names(c: Certificate): string[] {
  return [c.domainName, ...c.subjectAlternativeNames].filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/** Every registrable domain used by any name or SAN in the inventory, most names first, then by name. */
export function registrableDomains(inventory: Inventory): string[] {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const c of inventory.certificates)
    for (const n of names(c)) {
      const key = n.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const d = registrableDomain(n);
      if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
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

function statements(input: GuardrailInput, patterns: string[]): { domain: Statement; rest: Statement[] } {
  const tag = input.productionTag;
  const resourceTag = `aws:ResourceTag/${tag.key}`;
  const domain: Statement = {
    Sid: 'DenyNamesOutsideCompanyDomains',
    Effect: 'Deny',
    Action: 'acm:RequestCertificate',
    Resource: '*',
    Condition: { 'ForAnyValue:StringNotLike': { 'acm:DomainNames': patterns } },
  };
  const rest: Statement[] = [
    {
      Sid: 'DenyEmailValidation',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringEquals: { 'acm:ValidationMethod': 'EMAIL' } },
    },
    {
      // IfExists: a request without KeyAlgorithm gets RSA_2048, which is allowed.
      Sid: 'DenyUnapprovedKeyAlgorithms',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'acm:KeyAlgorithm': ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] } },
    },
    {
      Sid: 'DenyPaidExportableRequestsOutsideExportRole',
      Effect: 'Deny',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: { StringEquals: { 'acm:Export': 'ENABLED' }, ArnNotLike: { 'aws:PrincipalArn': PLACEHOLDER_ROLES.export } },
    },
    {
      Sid: 'DenyKeyExportOutsideExportRole',
      Effect: 'Deny',
      Action: 'acm:ExportCertificate',
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': PLACEHOLDER_ROLES.export } },
    },
    ...(input.acme
      ? [
          {
            Sid: 'DenyAcmeIssuanceOutsideIssuerRole',
            Effect: 'Deny',
            Action: 'acm:RequestCertificate',
            Resource: '*',
            Condition: { StringEquals: { 'acm:CertificateKeyPairOrigin': 'ACME' }, ArnNotLike: { 'aws:PrincipalArn': PLACEHOLDER_ROLES.acme } },
          },
        ]
      : []),
    {
      // Tag-based, so it covers every production certificate today and tomorrow, with no ARN list to go stale.
      Sid: 'DenyDeletingProductionCertificates',
      Effect: 'Deny',
      Action: 'acm:DeleteCertificate',
      Resource: '*',
      Condition: { StringEquals: { [resourceTag]: tag.values }, ArnNotLike: { 'aws:PrincipalArn': PLACEHOLDER_ROLES.breakGlass } },
    },
    {
      // Without this, removing the tag first would lift the protection above.
      Sid: 'DenyUntaggingProductionCertificates',
      Effect: 'Deny',
      Action: ['acm:RemoveTagsFromCertificate', 'acm:AddTagsToCertificate'],
      Resource: '*',
      Condition: {
        StringEquals: { [resourceTag]: tag.values },
        'ForAnyValue:StringEquals': { 'aws:TagKeys': [tag.key] },
        ArnNotLike: { 'aws:PrincipalArn': PLACEHOLDER_ROLES.breakGlass },
      },
    },
  ];
  return { domain, rest };
}

const policy = (st: Statement[]) => ({ Version: '2012-10-17', Statement: st });

const CLOUDTRAIL = { source: ['aws.acm'], 'detail-type': ['AWS API Call via CloudTrail'] };

/** The guardrails for this inventory, each document checked against its size limit. Pure. */
export function buildGuardrails(input: GuardrailInput): Guardrails {
  const domains = registrableDomains(input.inventory);
  const notes: string[] = [];
  const placeholder = domains.length === 0;
  if (placeholder) notes.push('No registrable domain was found in the inventory; example.com stands in and must be replaced.');
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

  const outside = [{ 'anything-but': { wildcard: patterns } }];
  let foreignRequestPattern = documentOf(
    { ...CLOUDTRAIL, detail: { eventSource: ['acm.amazonaws.com'], eventName: ['RequestCertificate'], requestParameters: { $or: [{ domainName: outside }, { subjectAlternativeNames: outside }] } } },
    limits.eventPatternCharacters,
  );
  if (!foreignRequestPattern.fits) {
    notes.push(
      `The allow list of ${used.length} domains does not fit one event pattern (${limits.eventPatternCharacters.toLocaleString('en-US')} characters), so the rule matches every RequestCertificate; compare the names in its target.`,
    );
    foreignRequestPattern = documentOf({ ...CLOUDTRAIL, detail: { eventSource: ['acm.amazonaws.com'], eventName: ['RequestCertificate'] } }, limits.eventPatternCharacters);
  }
  const deletePattern = documentOf(
    { ...CLOUDTRAIL, detail: { eventSource: ['acm.amazonaws.com'], eventName: ['DeleteCertificate'] } },
    limits.eventPatternCharacters,
  );
  return { domains, allowedPatterns: patterns, scps, foreignRequestPattern, deletePattern, notes };
}
