import { buildCertificate, type CertificateSpec } from './account.js';
import { seededRandom } from './faults.js';
import type { AccountData, CertificateStatus, KeyAlgorithm, OrganizationData, OrgAccount } from './types.js';

/**
 * A large, varied, deterministic account for benchmarks and scale tests: the same
 * seed gives the same certificates, and 50,000 of them build in well under a second
 * or two (one pass, no cross-certificate work).
 */
export interface SyntheticOptions {
  count: number;
  regions?: string[];
  seed?: number;
  now?: Date;
  accountId?: string;
}

const WORDS = [
  'shop', 'api', 'auth', 'cdn', 'static', 'admin', 'billing', 'search', 'orders', 'cart', 'media', 'status',
  'docs', 'help', 'mail', 'vpn', 'grafana', 'jenkins', 'kibana', 'partners', 'b2b', 'mobile', 'edge', 'gw',
];
const ZONES = ['example-retail.com', 'example-retail.eu', 'example-retail.de', 'corp.example.internal', 'example-gear.co.uk', 'example-outdoor.com.au'];
const ENVS = ['production', 'staging', 'development', 'qa'];
const TEAMS = ['web', 'payments', 'identity', 'data', 'sre', 'platform', 'marketing', 'retail'];

function weighted<T>(random: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1][0];
}

export function syntheticAccount(options: SyntheticOptions): AccountData {
  const { count } = options;
  const regions = options.regions?.length ? options.regions : ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
  const random = seededRandom(options.seed ?? 42);
  const now = options.now ?? new Date();
  const accountId = options.accountId ?? '444455556666';
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const certificates = new Array(count);

  for (let n = 0; n < count; n++) {
    const region = regions[n % regions.length];
    const type = weighted(random, [['AMAZON_ISSUED', 70], ['IMPORTED', 20], ['PRIVATE', 10]] as const);
    const status: CertificateStatus =
      type === 'IMPORTED'
        ? weighted(random, [['ISSUED', 90], ['EXPIRED', 10]] as const)
        : weighted(random, [
            ['ISSUED', 78], ['PENDING_VALIDATION', 5], ['EXPIRED', 5], ['INACTIVE', 3],
            ['VALIDATION_TIMED_OUT', 3], ['REVOKED', 3], ['FAILED', 3],
          ] as const);
    const key: KeyAlgorithm =
      type === 'IMPORTED'
        ? weighted(random, [['RSA_1024', 3], ['RSA_2048', 50], ['RSA_3072', 10], ['RSA_4096', 15], ['EC_prime256v1', 12], ['EC_secp384r1', 7], ['EC_secp521r1', 3]] as const)
        : weighted(random, [['RSA_2048', 70], ['EC_prime256v1', 20], ['EC_secp384r1', 10]] as const);
    const zone = type === 'PRIVATE' ? 'corp.example.internal' : pick(ZONES.filter((z) => !z.endsWith('internal')));
    const base = `${pick(WORDS)}-${n.toString(36)}.${zone}`;
    const wildcard = random() < 0.1;
    const domainName = wildcard ? `*.${base}` : base;
    const sanCount = Math.floor(random() * random() * 11);
    const sans = Array.from({ length: sanCount }, (_, i) => `${pick(WORDS)}${i}.${base}`);
    const acme = type === 'AMAZON_ISSUED' && random() < 0.03;
    const cloudfront = type === 'AMAZON_ISSUED' && !acme && region === 'us-east-1' && random() < 0.05;
    const validation = type !== 'AMAZON_ISSUED' || acme ? undefined : cloudfront ? 'HTTP' : random() < 0.9 ? 'DNS' : 'EMAIL';
    const material = status === 'ISSUED' || status === 'EXPIRED' || status === 'INACTIVE' || status === 'REVOKED';
    const age = 1 + Math.floor(random() * 400);
    const validity = type === 'IMPORTED' ? 365 : acme ? 45 : 198;
    const notAfterDays = status === 'EXPIRED' ? -1 - Math.floor(random() * 200) : validity - (age % validity);
    const inUse = status === 'ISSUED' || status === 'EXPIRED' ? random() < 0.7 : false;
    const env = pick(ENVS);
    const tagShape = random();
    const tags: Record<string, string> =
      tagShape < 0.6
        ? { owner: pick(TEAMS), environment: env, application: pick(WORDS) }
        : tagShape < 0.85
          ? { environment: env }
          : {};
    const exportable = type === 'AMAZON_ISSUED' && !acme && random() < 0.05;

    const spec: CertificateSpec = {
      id: `synthetic-${n}`,
      region,
      domainName,
      sans,
      type,
      status,
      keyAlgorithm: key,
      validation,
      managedBy: cloudfront ? 'CLOUDFRONT' : undefined,
      keyPairOrigin: acme ? 'ACME' : undefined,
      createdDays: -age - random(),
      notAfterDays: material ? notAfterDays : undefined,
      // Renewed certificates start a new validity period; CreatedAt stays at the first request.
      notBeforeDays: material ? notAfterDays - validity : undefined,
      issuedDays: material && type !== 'IMPORTED' ? Math.max(notAfterDays - validity, -age) : undefined,
      revokedDays: status === 'REVOKED' ? -Math.floor(random() * age) : undefined,
      revocationReason: status === 'REVOKED' ? 'SUPERSEDED' : undefined,
      failureReason: status === 'FAILED' ? pick(['CAA_ERROR', 'NO_AVAILABLE_CONTACTS', 'ADDITIONAL_VERIFICATION_REQUIRED', 'INVALID_PUBLIC_DOMAIN']) : undefined,
      inUseBy: inUse
        ? [
            cloudfront
              ? `arn:aws:cloudfront::${accountId}:distribution/E${n.toString(36).toUpperCase().padStart(12, 'X')}`
              : `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/lb-${n.toString(36)}/${n.toString(16).padStart(16, '0')}`,
          ]
        : undefined,
      renewal:
        status === 'ISSUED' && type !== 'IMPORTED' && !acme && notAfterDays < 60
          ? { status: weighted(random, [['PENDING_AUTO_RENEWAL', 70], ['PENDING_VALIDATION', 15], ['FAILED', 10], ['SUCCESS', 5]] as const), updatedDays: -1 }
          : undefined,
      transparencyLogging: random() < 0.03 ? 'DISABLED' : undefined,
      exportOption: exportable ? 'ENABLED' : undefined,
      exported: exportable ? random() < 0.5 : undefined,
      certificateAuthorityArn:
        type === 'PRIVATE' ? `arn:aws:acm-pca:${region}:${accountId}:certificate-authority/00000000-0000-4000-8000-00000000000${n % 3}` : undefined,
      issuer: type === 'IMPORTED' ? pick(['DigiCert Inc', 'Sectigo Limited', 'GlobalSign nv-sa', "Let's Encrypt"]) : undefined,
      acmeEndpointArn: acme ? `arn:aws:acm:${region}:${accountId}:acme-endpoint/00000000-0000-4000-8000-000000000001` : undefined,
      tags,
    };
    certificates[n] = buildCertificate(spec, accountId, now);
  }
  return { accountId, enabledRegions: [...regions], certificates };
}

export interface SyntheticOrganizationOptions {
  /** Accounts in all, the management account (the caller's) first. */
  accounts: number;
  regions: string[];
  certificatesPerRegion: number;
  seed?: number;
  now?: Date;
  /** Config aggregator to offer, recorded `capturedMinutesAgo` before `now`. */
  aggregator?: { name: string; capturedMinutesAgo: number };
}

/** An organisation of synthetic accounts with ids 100000000000, 100000000001, … and names member-00, member-01, … */
export function syntheticOrganization(options: SyntheticOrganizationOptions): { account: AccountData; organization: OrganizationData } {
  const now = options.now ?? new Date();
  const accounts: OrgAccount[] = Array.from({ length: options.accounts }, (_, i) => {
    const accountId = String(100_000_000_000 + i);
    return {
      name: i === 0 ? 'management' : `member-${String(i).padStart(2, '0')}`,
      account: syntheticAccount({
        count: options.certificatesPerRegion * options.regions.length,
        regions: options.regions,
        seed: (options.seed ?? 42) + i,
        now,
        accountId,
      }),
    };
  });
  const aggregators = options.aggregator
    ? [{ name: options.aggregator.name, capturedAt: new Date(now.getTime() - options.aggregator.capturedMinutesAgo * 60_000) }]
    : [];
  return { account: accounts[0].account, organization: { accounts, aggregators } };
}
