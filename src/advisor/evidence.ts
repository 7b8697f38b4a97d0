import { serviceOfArn } from '../domain/arn.js';
import { accountIdFromArn, daysUntilExpiry, type Certificate } from '../domain/certificate.js';
import { isInUse } from '../domain/certificate-facts.js';
import type { Finding } from '../domain/finding.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import { accountsOf, type Inventory } from '../domain/inventory.js';
import type { Endpoint } from '../domain/serving.js';
import { safe } from '../domain/text.js';
import { isLegacyProtocol } from '../domain/tls-policies.js';
import { cloudTrailEvidence } from './trail-evidence.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { issuerOf, trustBasisClause } from '../domain/issuer-trust.js';

/** What the inventory says about one question. A proposal is shown for the user to confirm, never applied. */
export interface Evidence {
  lines: string[];
  /** How many accounts the inventory spans, when more than one: the lines speak for all of them… */
  accounts?: number;
  /** …but those that could not be read, when some could not. */
  accountsRead?: number;
  proposed?: { value: string; because: string };
}

export interface EvidenceInput {
  inventory: Inventory;
  findings: Finding[];
  /** The audit's settings: the production tag, expiry thresholds and quotas the account is judged by. */
  config: AuditConfig;
  now: Date;
  /** What the read stages found (src/stages/evidence.ts): the imports' trust, CAA. Absent parts were not read. */
  readEvidence?: ReadEvidence;
}

export interface EvidenceResult {
  lines: string[];
  /** Proposed answers keyed by question id: one function can inform several questions. */
  proposals?: Record<string, { value: string; because: string }>;
}

export type EvidenceFunction = (input: EvidenceInput) => EvidenceResult;

const DAY = 86_400_000;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Agreement for a count: verb(1, 'is', 'are') → 'is'. */
function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function countBy<T>(items: T[], key: (t: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return new Map([...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function listCounts(m: Map<string, number>, limit = 4): string {
  const entries = [...m];
  const shown = entries.slice(0, limit).map(([k, n]) => `${safe(k)} (${n})`);
  if (entries.length > limit) shown.push(`${entries.length - limit} more`);
  return shown.join(', ');
}

/**
 * The accounts of the estate: `all` (the ones asked for, failed ones too, and any a certificate names) and
 * `read` (all but the failed ones nothing was read from): evidence counts out of the accounts read, as
 * nothing is known of the others.
 */
export interface Estate {
  all: Set<string>;
  read: Set<string>;
}
const estates = new WeakMap<Inventory, Estate>();
export function estateOf(inventory: Inventory): Estate {
  const hit = estates.get(inventory);
  if (hit) return hit;
  const all = new Set<string>();
  if (inventory.accounts) for (const a of accountsOf(inventory)) all.add(a.id);
  else if (inventory.account) all.add(inventory.account.id);
  const holding = new Set<string>();
  for (const c of inventory.certificates) if (c.accountId) holding.add(c.accountId);
  for (const id of holding) all.add(id);
  const failed = new Set((inventory.accounts ?? []).filter((a) => a.status === 'error' && !holding.has(a.id)).map((a) => a.id));
  const estate = { all, read: new Set([...all].filter((id) => !failed.has(id))) };
  estates.set(inventory, estate);
  return estate;
}

/** How many different accounts hold these certificates (a certificate with no account is the caller's). */
function accountsHolding(certs: Iterable<Pick<Certificate, 'accountId'>>, inventory: Inventory): number {
  const ids = new Set<string>();
  for (const c of certs) ids.add(c.accountId ?? inventory.account?.id ?? '');
  return ids.size;
}

/**
 * Where evidence comes from, across an estate: "in 3 of 5 accounts", "in all 5 accounts". For one account
 * it is `single` (a sentence reads the same without it), so a single-account run carries no noise.
 */
function where(certs: Iterable<Pick<Certificate, 'accountId'>>, inventory: Inventory, single = ''): string {
  const { all, read } = estateOf(inventory);
  if (all.size <= 1) return single;
  const total = read.size;
  // When some accounts could not be read the count says it is out of the others.
  const of = total < all.size ? ' read' : '';
  const n = accountsHolding(certs, inventory);
  if (n >= total) return total === 1 ? `in the one account read` : `in all ${total} accounts${of}`;
  return `in ${n} of ${plural(total, 'account')}${of}`;
}

/** The same, as a parenthesis closing a counted line: " (in 3 of 5 accounts)", or nothing for one account. */
function spread(certs: Iterable<Pick<Certificate, 'accountId'>>, inventory: Inventory): string {
  const w = where(certs, inventory);
  return w ? ` (${w})` : '';
}

/** An account's name when the organisation gave one, else its id. */
function accountName(inventory: Inventory, id: string): string {
  return inventory.accounts?.find((a) => a.id === id)?.name ?? inventory.certificates.find((c) => c.accountId === id && c.accountName)?.accountName ?? id;
}

/** Organisation name out of an issuer DN, for display: "CN=R3, O=Let's Encrypt, C=US" → "Let's Encrypt". */
function issuerName(issuer: string): string {
  const o = /(?:^|,\s*)O=([^,]+)/.exec(issuer);
  if (o) return o[1].trim();
  const cn = /(?:^|,\s*)CN=([^,]+)/.exec(issuer);
  return (cn ? cn[1] : issuer).trim();
}

const imported = (c: Certificate) => c.type === 'IMPORTED';

function createdTime(c: Certificate): number | null {
  for (const v of [c.createdAt, c.importedAt, c.issuedAt, c.notBefore]) {
    if (!v) continue;
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return null;
}

/**
 * What the reads of load balancers, distributions, API domains and zones say about where TLS ends:
 * names served by integrated endpoints, names sent to hosts or CDNs outside AWS, and TCP listeners that
 * pass TLS through to instances. Silent when those services were not read.
 */
function servingEvidence(inventory: Inventory): EvidenceResult {
  const certs = inventory.certificates;
  if (!certs.some((c) => c.endpoints !== null || c.servedElsewhere !== null) && !inventory.serving) return { lines: [] };
  const lines: string[] = [];
  const proposals: NonNullable<EvidenceResult['proposals']> = {};
  const onAws = new Set(certs.flatMap((c) => c.hostnames ?? []));
  const elsewhere = new Map<string, { target: string; cdn: string | null }>();
  for (const c of certs) for (const o of c.servedElsewhere ?? []) elsewhere.set(o.name, o);
  const endpoints = new Set(certs.flatMap((c) => (c.endpoints ?? []).map((e) => e.arn)));
  if (endpoints.size > 0) lines.push(`${plural(endpoints.size, 'listener, distribution or API domain', 'listeners, distributions and API domains')} present ACM certificates, reached by ${plural(onAws.size, 'name')}`);
  if (elsewhere.size > 0) {
    const cdns = countBy([...elsewhere.values()], (o) => o.cdn ?? 'a host outside AWS');
    lines.push(`${plural(elsewhere.size, 'certificate name')} ${verb(elsewhere.size, 'points', 'point')} outside AWS in the zones read: ${listCounts(cdns)}`);
  }
  const passthrough = inventory.serving?.passthrough ?? [];
  if (passthrough.length > 0)
    lines.push(
      `${plural(passthrough.length, 'TCP listener')} on TLS ports ${verb(passthrough.length, 'passes', 'pass')} TLS through to the instances: ${passthrough
        .slice(0, 3)
        .map((e) => safe(e.label))
        .join(', ')}${passthrough.length > 3 ? ` and ${passthrough.length - 3} more` : ''}`,
    );

  if (elsewhere.size > 0 || endpoints.size > 0) {
    const value = elsewhere.size === 0 ? null : endpoints.size === 0 ? 'none' : 'partly';
    if (value)
      proposals['aws-integrated-endpoints'] = {
        value,
        because: `${plural(endpoints.size, 'endpoint')} on integrated services, ${plural(elsewhere.size, 'certificate name')} served from outside AWS`,
      };
  }
  const viaCdn = [...elsewhere.values()].filter((o) => o.cdn !== null);
  if (viaCdn.length > 0)
    proposals['non-aws-cdn'] = {
      value: 'yes',
      because: `${plural(viaCdn.length, 'certificate name')} ${verb(viaCdn.length, 'is', 'are')} CNAMEd to ${[...new Set(viaCdn.map((o) => o.cdn))].join(', ')}`,
    };
  if (passthrough.length > 0)
    proposals['pci-passthrough'] = {
      value: 'yes',
      because: `some endpoints already pass TLS through: ${plural(passthrough.length, 'TCP listener')} on TLS ports`,
    };
  return { lines, proposals };
}

const NON_TLS_EKUS = new Set(['CODE_SIGNING', 'EMAIL_PROTECTION', 'TIME_STAMPING', 'IPSEC_END_SYSTEM', 'IPSEC_TUNNEL', 'IPSEC_USER', 'OCSP_SIGNING']);

export const EVIDENCE_FUNCTIONS: Record<string, EvidenceFunction> = {
  none: () => ({ lines: [] }),

  'integrated-usage': ({ inventory }) => {
    const certs = inventory.certificates;
    const inUse = certs.filter((c) => c.inUse === true || c.inUseBy.length > 0);
    const lines: string[] = [];
    // A certificate used by two services counts once per service.
    const byService = new Map<string, Certificate[]>();
    for (const c of inUse) for (const s of new Set(c.inUseBy.map(serviceOfArn))) byService.set(s, [...(byService.get(s) ?? []), c]);
    for (const [service, held] of [...byService].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])))
      lines.push(`${plural(held.length, 'certificate')} in use by ${service}${spread(held, inventory)}`);
    const unknownUse = inUse.filter((c) => c.inUseBy.length === 0);
    if (unknownUse.length > 0) lines.push(`${plural(unknownUse.length, 'certificate')} in use by resources not listed yet${spread(unknownUse, inventory)}`);
    const idle = certs.filter((c) => c.status === 'ISSUED' && c.inUse === false);
    if (idle.length > 0) lines.push(`${plural(idle.length, 'issued certificate')} not attached to anything${spread(idle, inventory)}`);
    if (certs.length > 0 && inUse.length === 0) lines.push('No certificate in this inventory is attached to an integrated service');
    const proposals: EvidenceResult['proposals'] = {};
    if (inUse.length > 0)
      proposals['aws-integrated-endpoints'] = {
        value: 'yes',
        because: `${plural(inUse.length, 'certificate')} already ${verb(inUse.length, 'serves', 'serve')} integrated services ${where(inUse, inventory, 'in this account')}`,
      };
    const served = servingEvidence(inventory);
    lines.push(...served.lines);
    return { lines, proposals: { ...proposals, ...served.proposals } };
  },

  'existing-issuers': ({ inventory, readEvidence }) => {
    const imp = inventory.certificates.filter(imported);
    const priv = inventory.certificates.filter((c) => c.type === 'PRIVATE');
    const lines: string[] = [];
    const withIssuer = imp.filter((c) => c.issuer);
    if (imp.length > 0) {
      const issuers = countBy(withIssuer, (c) => issuerName(c.issuer!));
      lines.push(`${plural(imp.length, 'imported certificate')}${spread(imp, inventory)}${issuers.size ? ` from ${plural(issuers.size, 'issuer')}: ${listCounts(issuers)}` : ''}`);
    }
    if (priv.length > 0) lines.push(`${plural(priv.length, 'private certificate')} issued through AWS Private CA${spread(priv, inventory)}`);
    // Public or private from the chain where it was read; by issuer name (only those naming one) where it was not.
    const trust = readEvidence?.trust;
    const judged = imp.filter((c) => c.issuer || issuerOf(c, trust).basis === 'chain');
    const publicCount = judged.filter((c) => issuerOf(c, trust).publiclyTrusted).length;
    const internalCount = judged.length - publicCount + priv.length;
    const proposals: EvidenceResult['proposals'] = {};
    if (publicCount > 0 || internalCount > 0) {
      const value = publicCount > 0 && internalCount > 0 ? 'both' : publicCount > 0 ? 'public-ca' : 'internal-ca';
      const basis = trustBasisClause(judged, trust);
      proposals['existing-ca'] = {
        value,
        because: `${plural(publicCount, 'certificate')} ${verb(publicCount, 'comes', 'come')} from publicly trusted CAs and ${internalCount} from private or internal CAs${basis ? `; imports ${basis}` : ''}`,
      };
    }
    return { lines, proposals };
  },

  'imported-certificates': ({ inventory, config, now }) => {
    const imp = inventory.certificates.filter(imported);
    if (imp.length === 0) return { lines: ['No imported certificates'] };
    const within = config.expiryDays.medium;
    const expired = imp.filter((c) => (daysUntilExpiry(c, now) ?? 0) < 0);
    const soon = imp.filter((c) => {
      const d = daysUntilExpiry(c, now);
      return d !== null && d >= 0 && d <= within;
    });
    const lines = [`${plural(imp.length, 'imported certificate')}${spread(imp, inventory)}, ${soon.length} expire within ${within} days${soon.length ? spread(soon, inventory) : ''}`];
    if (expired.length > 0) lines.push(`${plural(expired.length, 'imported certificate')} already expired${spread(expired, inventory)}`);
    const inUse = imp.filter((c) => c.inUse === true || c.inUseBy.length > 0);
    if (inUse.length > 0) lines.push(`${inUse.length} of them attached to integrated services${spread(inUse, inventory)}: ACM will not renew them`);
    return {
      lines,
      proposals: {
        'import-prerequisites': {
          value: 'yes',
          because: `${plural(imp.length, 'certificate')} ${verb(imp.length, 'has', 'have')} already been imported, so your certificates can meet the format`,
        },
      },
    };
  },

  'renewal-managed': ({ inventory }) => {
    const eligible = inventory.certificates.filter((c) => c.type === 'AMAZON_ISSUED' && c.renewalEligibility === 'ELIGIBLE');
    const n = eligible.length;
    const lines: string[] = [];
    if (n > 0) lines.push(`${plural(n, 'certificate')} ${verb(n, 'is', 'are')} renewed automatically by ACM, each renewal with a new key${spread(eligible, inventory)}`);
    return { lines };
  },

  'organisation-subjects': ({ inventory, readEvidence }) => {
    const trust = readEvidence?.trust;
    const org = inventory.certificates.filter((c) => imported(c) && issuerOf(c, trust).organisationValidated);
    if (org.length === 0) return { lines: [] };
    const byPolicy = org.filter((c) => issuerOf(c, trust).basis === 'chain');
    const byName = org.filter((c) => issuerOf(c, trust).basis !== 'chain');
    const lines: string[] = [];
    if (byPolicy.length > 0)
      lines.push(`${plural(byPolicy.length, 'imported certificate')} ${verb(byPolicy.length, 'carries', 'carry')} an OV or EV policy (GetCertificate)${spread(byPolicy, inventory)}`);
    if (byName.length > 0)
      lines.push(`${plural(byName.length, 'imported certificate')} ${verb(byName.length, 'names', 'name')} an organisation (O=) in the subject, as OV and EV certificates do (not read with GetCertificate)${spread(byName, inventory)}`);
    // Only certificates in use show a need today; an unused OV import proposes nothing.
    const inUse = org.filter((c) => isInUse(c) === true);
    if (inUse.length === 0) return { lines };
    const named = inUse.map((c) => {
      const level = issuerOf(c, trust).validation;
      return `${safe(c.domainName ?? c.arn)} (${level === 'OV' || level === 'EV' ? level : 'O= in the subject'})`;
    });
    const shown = named.slice(0, 4).join(', ') + (named.length > 4 ? ` and ${named.length - 4} more` : '');
    return {
      lines,
      proposals: {
        'ev-ov-required': {
          value: 'yes',
          because: `${plural(inUse.length, 'imported certificate')} in use ${verb(inUse.length, 'is', 'are')} organisation- or extended-validated: ${shown}`,
        },
      },
    };
  },

  'exported-keys': ({ inventory, findings }) => {
    const certs = inventory.certificates;
    const exportableCerts = certs.filter((c) => c.exportOption === 'ENABLED');
    const exportable = exportableCerts.length;
    const exportedArns = new Set(certs.filter((c) => c.exported === true).map((c) => c.arn));
    for (const f of findings) if (f.ruleId === 'exported-private-key' && f.certificateArn) exportedArns.add(f.certificateArn);
    // The audit may name a certificate this inventory no longer holds: its account is read from its ARN.
    const byArn = new Map(certs.map((c) => [c.arn, c]));
    const exported = [...exportedArns].map((arn) => byArn.get(arn) ?? { accountId: accountIdFromArn(arn) });
    const acmeCerts = certs.filter((c) => c.keyPairOrigin === 'ACME');
    const acme = acmeCerts.length;
    const lines: string[] = [];
    if (exportable > 0) lines.push(`${plural(exportable, 'certificate')} requested as exportable${spread(exportableCerts, inventory)}`);
    if (exported.length > 0) lines.push(`${plural(exported.length, 'certificate')} had the private key exported${spread(exported, inventory)}`);
    if (acme > 0) lines.push(`${plural(acme, 'certificate')} issued over ACME${spread(acmeCerts, inventory)}: the client holds the key`);
    const proposals: EvidenceResult['proposals'] = {};
    if (exportable + exported.length + acme > 0) {
      const keyed = [...exportableCerts, ...exported, ...acmeCerts];
      proposals['private-key-export'] = { value: 'yes', because: `keys are already used outside integrated services ${where(keyed, inventory, 'in this account')}` };
      proposals['key-export-route'] =
        acme >= exportable
          ? { value: 'acme', because: `${plural(acme, 'certificate')} already ${verb(acme, 'comes', 'come')} from ACME` }
          : { value: 'exportable', because: `${plural(exportable, 'certificate')} ${verb(exportable, 'is', 'are')} already exportable` };
    }
    return { lines, proposals };
  },

  'key-algorithms': ({ inventory }) => {
    const algs = countBy(inventory.certificates, (c) => c.keyAlgorithm);
    const lines: string[] = [];
    // Listeners still allowing TLS 1.0/1.1 inform the question without answering it: a policy allows, it does not prove a client needs.
    const legacy = new Map<string, Endpoint>();
    for (const c of inventory.certificates)
      for (const e of c.endpoints ?? []) if (e.tls?.minimumProtocol && isLegacyProtocol(e.tls.minimumProtocol)) legacy.set(e.arn, e);
    if (legacy.size > 0)
      lines.push(
        `${plural(legacy.size, 'endpoint')} still ${verb(legacy.size, 'accepts', 'accept')} TLS 1.0 or 1.1 (${listCounts(countBy([...legacy.values()], (e) => e.tls!.policy))}): check their access logs for clients that still use them before tightening`,
      );
    if (algs.size > 0) lines.push(`Key algorithms in use: ${[...algs].map(([k, n]) => `${n} ${safe(k)}`).join(', ')}`);
    const weakCerts = inventory.certificates.filter((c) => c.keyAlgorithm === 'RSA_1024');
    const weak = weakCerts.length;
    if (weak > 0) lines.push(`${plural(weak, 'certificate')} still ${verb(weak, 'uses', 'use')} RSA_1024${spread(weakCerts, inventory)}: something may depend on weak keys`);
    return { lines };
  },

  'non-tls-usages': ({ inventory }) => {
    const other = inventory.certificates.filter((c) => c.extendedKeyUsages.some((e) => NON_TLS_EKUS.has(e)));
    const clientAuthCerts = inventory.certificates.filter((c) => c.extendedKeyUsages.includes('TLS_WEB_CLIENT_AUTHENTICATION'));
    const clientAuth = clientAuthCerts.length;
    const lines: string[] = [];
    if (other.length > 0) {
      const usages = countBy(other.flatMap((c) => c.extendedKeyUsages.filter((e) => NON_TLS_EKUS.has(e))), (e) => e);
      lines.push(`${plural(other.length, 'certificate')} ${verb(other.length, 'carries', 'carry')} non-TLS usages${spread(other, inventory)}: ${listCounts(usages)}`);
    }
    if (clientAuth > 0) lines.push(`${plural(clientAuth, 'certificate')} ${verb(clientAuth, 'allows', 'allow')} TLS client authentication${spread(clientAuthCerts, inventory)}`);
    return {
      lines,
      proposals:
        other.length > 0
          ? { 'non-tls-use': { value: 'yes', because: `${plural(other.length, 'certificate')} ${where(other, inventory, 'in this account')} ${verb(other.length, 'is', 'are')} not only for TLS servers` } }
          : undefined,
    };
  },

  'email-protection': ({ inventory }) => {
    const mailCerts = inventory.certificates.filter((c) => c.extendedKeyUsages.includes('EMAIL_PROTECTION'));
    const mail = mailCerts.length;
    if (mail === 0) return { lines: [] };
    return {
      lines: [`${plural(mail, 'certificate')} ${verb(mail, 'carries', 'carry')} the email-protection (S/MIME) usage${spread(mailCerts, inventory)}`],
      proposals: { 'email-encryption': { value: 'yes', because: `${plural(mail, 'certificate')} ${verb(mail, 'is', 'are')} already used for email` } },
    };
  },

  'private-cas': ({ inventory }) => {
    const priv = inventory.certificates.filter((c) => c.type === 'PRIVATE');
    if (priv.length === 0) return { lines: ['No private certificates from AWS Private CA'] };
    const cas = new Set(priv.map((c) => c.certificateAuthorityArn).filter((a): a is string => !!a));
    return { lines: [`${plural(priv.length, 'private certificate')} from ${plural(cas.size, 'AWS Private CA')}${spread(priv, inventory)}`] };
  },

  'request-volume': ({ inventory, config, now }) => {
    const { issuedPer365Days, held: heldQuota } = config.quotas;
    const yearAgo = now.getTime() - 365 * DAY;
    const issuedByAcm = inventory.certificates.filter((c) => c.type !== 'PRIVATE' && c.type !== 'IMPORTED');
    if (inventory.certificates.length === 0) return { lines: [] };
    // ACM's quotas are per account and Region, so across an estate each account-Region is judged on its own.
    const several = estateOf(inventory).all.size > 1;
    const place = (c: Certificate) => (several ? `${c.accountId ?? inventory.account?.id ?? ''}\u0000${c.region}` : c.region);
    const requested = countBy(
      issuedByAcm.filter((c) => (createdTime(c) ?? -Infinity) >= yearAgo),
      place,
    );
    // Private-CA certificates do not count against the held quota; imported ones have their own.
    const held = countBy(issuedByAcm, place);
    const places = new Set([...requested.keys(), ...held.keys()]);
    let worst = { place: '', requested: 0, held: 0, ratio: 0 };
    for (const key of places) {
      const r = requested.get(key) ?? 0;
      const h = held.get(key) ?? 0;
      const ratio = Math.max(r / issuedPer365Days, h / heldQuota);
      if (ratio > worst.ratio || worst.place === '') worst = { place: key, requested: r, held: h, ratio };
    }
    if (worst.place === '') return { lines: ['No ACM-issued certificates yet'] };
    const [accountId, region] = several ? worst.place.split('\u0000') : [null, worst.place];
    const busiest = accountId === null ? `Busiest Region ${safe(region)}` : `Busiest account and Region ${safe(accountName(inventory, accountId))} ${safe(region)}`;
    const line = `${busiest}: ${plural(worst.requested, 'certificate')} requested in the last 365 days (quota ${issuedPer365Days.toLocaleString('en-US')}), ${worst.held.toLocaleString('en-US')} held (quota ${heldQuota.toLocaleString('en-US')})`;
    const value = worst.ratio >= 1 ? 'over' : worst.ratio >= 0.5 ? 'high' : 'low';
    return {
      lines: [line],
      proposals: {
        'certificate-volume': { value, because: `today's busiest ${accountId === null ? 'Region' : 'account and Region'} uses ${Math.round(worst.ratio * 100)}% of its quota` },
      },
    };
  },

  'rebuild-churn': ({ inventory, now, readEvidence }) => {
    const monthAgo = now.getTime() - 30 * DAY;
    const recent = inventory.certificates.filter((c) => (createdTime(c) ?? -Infinity) >= monthAgo);
    const names = countBy(inventory.certificates, (c) => c.domainName);
    const repeated = [...names.values()].filter((n) => n > 1).length;
    const lines = [`${plural(recent.length, 'certificate')} requested or imported in the last 30 days${recent.length ? spread(recent, inventory) : ''}`];
    if (repeated > 0) {
      const onRepeated = inventory.certificates.filter((c) => c.domainName !== null && (names.get(c.domainName) ?? 0) > 1);
      lines.push(`${plural(repeated, 'name')} ${verb(repeated, 'appears', 'appear')} on more than one certificate (re-requested on rebuilds?)${spread(onRepeated, inventory)}`);
    }
    // CloudTrail's 90 days of requests propose the answer; whether a trail keeps them longer is said beside.
    const trail = cloudTrailEvidence(readEvidence, now);
    return { lines: [...lines, ...trail.lines], proposals: trail.proposals };
  },

  'iac-tags': ({ inventory }) => {
    const cfnCerts = inventory.certificates.filter((c) => 'aws:cloudformation:stack-name' in (c.tags ?? {}));
    const tfCerts = inventory.certificates.filter((c) =>
      Object.entries(c.tags ?? {}).some(([k, v]) => /terraform|opentofu/i.test(k) || /^(terraform|opentofu)$/i.test(v)),
    );
    const cfn = cfnCerts.length;
    const tf = tfCerts.length;
    const lines: string[] = [];
    if (cfn > 0) lines.push(`${plural(cfn, 'certificate')} created by CloudFormation stacks${spread(cfnCerts, inventory)}`);
    if (tf > 0) lines.push(`${plural(tf, 'certificate')} tagged as managed by Terraform${spread(tfCerts, inventory)}`);
    if (inventory.certificates.length > 0 && cfn + tf === 0) lines.push('No certificate carries tags left by an IaC tool');
    const proposals: EvidenceResult['proposals'] = {};
    if (cfn + tf > 0)
      proposals['infrastructure-as-code'] =
        cfn >= tf
          ? { value: 'cloudformation', because: `${plural(cfn, 'certificate')} ${verb(cfn, 'comes', 'come')} from CloudFormation stacks` }
          : { value: 'terraform', because: `${plural(tf, 'certificate')} ${verb(tf, 'is', 'are')} tagged as Terraform-managed` };
    return { lines, proposals };
  },

  accounts: ({ inventory }) => {
    const ids = new Set(inventory.certificates.map((c) => c.accountId).filter((a): a is string => !!a));
    if (inventory.account) ids.add(inventory.account.id);
    if (ids.size === 0) return { lines: [] };
    const regions = new Set(inventory.certificates.map((c) => c.region));
    const lines = [`Certificates from ${plural(ids.size, 'account')} in ${plural(regions.size, 'Region')}`];
    const failed = (inventory.accounts ?? []).filter((a) => a.status === 'error');
    if (failed.length > 0) {
      const total = estateOf(inventory).all.size;
      lines.push(
        `${plural(failed.length, 'account')} could not be read in full (${failed.map((a) => safe(a.name ?? a.id)).join(', ')}): this evidence covers what ${verb(failed.length, 'it', 'they')} allowed and the other ${total - failed.length}`,
      );
    }
    return {
      lines,
      proposals: ids.size > 1 ? { 'multi-account': { value: 'several', because: `this inventory spans ${ids.size} accounts` } } : undefined,
    };
  },
};
