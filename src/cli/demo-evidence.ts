import type { AccountData, DnsRecord, StoredCertificate } from './demo.js';

/**
 * The services' data follows the shapes their fakes declare (src/stages/<id>/fake.ts), which the CLI
 * may not import; test/stages reads it through those fakes.
 *
 * What the demo account holds beyond ACM, built from its certificates so it always agrees with them:
 * the DNS zones its loopback DNS server answers (every validation record in place but one, one CAA
 * set that names another CA, and one that would refuse the ACM certificate the plan proposes for an
 * import), CloudTrail's record of who made what (one request for a domain the company does not use, a
 * preview environment rebuilt every week) and a multi-Region trail keeping it, its private CAs (one
 * with a public CRL bucket) and an expiry alert already set up.
 */

const DAY = 86_400_000;

/**
 * The demo's issuers that play publicly trusted CAs. Its endpoint signs every import with a made-up CA of
 * the issuer's name, which no real root store holds; the trust read takes these CAs' certificates as roots
 * beside Node's Mozilla store (src/stages/trust/settings.ts), so the demo's other issuers, its legacy root
 * and its self-signed imports, read as private exactly as a real account's would.
 */
const DEMO_PUBLIC_CAS = new Set(['DigiCert Inc', 'GlobalSign nv-sa', 'Sectigo Limited', 'Entrust, Inc.', 'D-TRUST GmbH', "Let's Encrypt"]);

/** The demo's imports whose made-up CA stands in for a public root: one per issuer. */
export function demoPublicIssuers(accounts: readonly AccountData[]): StoredCertificate[] {
  const byIssuer = new Map<string, StoredCertificate>();
  for (const c of accounts.flatMap((a) => a.certificates))
    if (c.type === 'IMPORTED' && c.issuer && DEMO_PUBLIC_CAS.has(c.issuer) && !byIssuer.has(c.issuer)) byIssuer.set(c.issuer, c);
  return [...byIssuer.values()];
}
/** The certificate whose validation record was deleted in a zone clean-up. */
const MISSING_RECORD_FOR = 'analytics.northwind-outfitters.com';
/** The zone whose CAA set names only another CA. */
const CAA_BLOCKED_ZONE = 'northwind-outfitters.eu';
/** An imported certificate's name whose own CAA set allows only its CA: the plan's ACM replacement would be refused. */
const CAA_IMPORT_NAME = 'as2.northwind-outfitters.de';

export function demoDnsRecords(account: AccountData): DnsRecord[] {
  const records: DnsRecord[] = [
    { name: 'northwind-outfitters.com', type: 'CAA', tag: 'issue', value: 'amazon.com' },
    { name: 'northwind-outfitters.com', type: 'CAA', tag: 'iodef', value: 'mailto:security@northwind-outfitters.com' },
    { name: CAA_BLOCKED_ZONE, type: 'CAA', tag: 'issue', value: 'letsencrypt.org' },
    { name: CAA_IMPORT_NAME, type: 'CAA', tag: 'issue', value: 'd-trust.net' },
  ];
  for (const c of account.certificates) {
    if (c.domainName === MISSING_RECORD_FOR) continue;
    for (const dv of c.domainValidationOptions) if (dv.resourceRecord) records.push({ name: dv.resourceRecord.name, type: 'CNAME', value: dv.resourceRecord.value });
  }
  return records;
}

const ROLE = (account: AccountData, name: string) => `arn:aws:sts::${account.accountId}:assumed-role/${name}/session-1`;

export function demoServices(account: AccountData, now: Date): Record<string, unknown> {
  const events: Array<Record<string, unknown>> = [];
  const recent = (c: StoredCertificate) => c.createdAt && now.getTime() - c.createdAt.getTime() < 89 * DAY;
  for (const c of account.certificates) {
    if (!recent(c) || c.status !== 'ISSUED') continue;
    const imported = c.type === 'IMPORTED';
    events.push({
      id: `demo-${c.arn.split('/').pop()}`,
      region: c.region,
      name: imported ? 'ImportCertificate' : 'RequestCertificate',
      time: c.createdAt!,
      principalArn: ROLE(account, imported ? 'ops-admin' : 'ci-deploy'),
      requestParameters: imported
        ? { tags: c.tags }
        : { domainName: c.domainName, subjectAlternativeNames: c.subjectAlternativeNames, validationMethod: c.validationMethod ?? 'DNS', tags: c.tags },
      responseElements: { certificateArn: c.arn },
    });
  }
  const arn = (region: string, id: string) => `arn:aws:acm:${region}:${account.accountId}:certificate/${id}`;
  const giveaway = arn('us-east-1', '5f0c2b7e-91d4-4a6b-8e3f-0d2a7c9b1e64');
  const checkoutOld = arn('eu-west-1', '9a3e6d21-4c8b-4f70-b25e-7e1d0c6a3f95');
  events.push(
    {
      id: 'demo-giveaway-request',
      region: 'us-east-1',
      name: 'RequestCertificate',
      time: new Date(now.getTime() - 9 * DAY),
      principalArn: `arn:aws:iam::${account.accountId}:user/contractor-mkt`,
      requestParameters: { domainName: 'win-a-jacket-giveaway.com', subjectAlternativeNames: ['www.win-a-jacket-giveaway.com'], validationMethod: 'DNS' },
      responseElements: { certificateArn: giveaway },
    },
    {
      id: 'demo-checkout-old-request',
      region: 'eu-west-1',
      name: 'RequestCertificate',
      time: new Date(now.getTime() - 80 * DAY),
      principalArn: ROLE(account, 'ci-deploy'),
      requestParameters: { domainName: 'checkout-old.northwind-outfitters.com', tags: [{ key: 'Environment', value: 'Production' }] },
      responseElements: { certificateArn: checkoutOld },
    },
    {
      id: 'demo-checkout-old-delete',
      region: 'eu-west-1',
      name: 'DeleteCertificate',
      time: new Date(now.getTime() - 3 * DAY),
      principalArn: ROLE(account, 'platform-cleanup'),
      requestParameters: { certificateArn: checkoutOld },
    },
  );
  // A preview environment rebuilt every week: each build requests the same names, each teardown deletes them.
  for (let week = 0; week < 13; week++) {
    const requested = new Date(now.getTime() - (2 + 7 * week) * DAY - 3 * 3_600_000);
    const preview = arn('us-east-1', `7e1f0c4a-2b6d-4e8f-9a1c-${String(week).padStart(12, '0')}`);
    events.push({
      id: `demo-preview-request-${week}`,
      region: 'us-east-1',
      name: 'RequestCertificate',
      time: requested,
      principalArn: ROLE(account, 'ci-deploy'),
      requestParameters: { domainName: 'preview.northwind-outfitters.com', subjectAlternativeNames: ['api.preview.northwind-outfitters.com'], validationMethod: 'DNS', tags: [{ key: 'Environment', value: 'preview' }] },
      responseElements: { certificateArn: preview },
    });
    const deleted = new Date(requested.getTime() + 6 * DAY);
    if (deleted < now) events.push({ id: `demo-preview-delete-${week}`, region: 'us-east-1', name: 'DeleteCertificate', time: deleted, principalArn: ROLE(account, 'ci-deploy'), requestParameters: { certificateArn: preview } });
  }
  const exported = account.certificates.find((c) => c.exported && c.region === 'us-east-1');
  if (exported)
    events.push({
      id: 'demo-vpn-export',
      region: exported.region,
      name: 'ExportCertificate',
      time: new Date(now.getTime() - 14 * DAY),
      principalArn: ROLE(account, 'vpn-admin'),
      requestParameters: { certificateArn: exported.arn },
    });
  const cloudtrail = { events, trails: [{ name: 'org-management-events', homeRegion: 'us-east-1', multiRegion: true, logging: true, s3BucketName: 'northwind-cloudtrail-logs' }] };

  const cas = new Map<string, string>();
  for (const c of account.certificates) if (c.certificateAuthorityArn) cas.set(c.certificateAuthorityArn, c.region);
  const pca = {
    authorities: [...cas].map(([caArn, region], i) => ({
      id: caArn.split('/').pop()!,
      region,
      type: 'SUBORDINATE' as const,
      status: 'ACTIVE' as const,
      commonName: `Northwind Issuing CA ${i + 1}`,
      notBefore: new Date(now.getTime() - 400 * DAY),
      notAfter: new Date(now.getTime() + (i === 2 ? 150 : 1400) * DAY),
      // eu-west-1's CA writes its CRL to a bucket anyone can read; the others are locked down.
      crl: { enabled: true, s3BucketName: region === 'eu-west-1' ? 'northwind-pki-crl-public' : `northwind-pki-crl-${region}` },
      ocsp: region === 'eu-central-1',
      acmCanRenew: true,
    })),
  };
  const s3 = {
    buckets: Object.fromEntries(
      [...cas.values()].map((region) =>
        region === 'eu-west-1'
          ? ['northwind-pki-crl-public', { policyPublic: true }]
          : [`northwind-pki-crl-${region}`, { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } }],
      ),
    ),
  };
  const eventsData = {
    rules: [
      {
        name: 'acm-expiry-alerts',
        region: 'us-east-1',
        eventPattern: JSON.stringify({ source: ['aws.acm'], 'detail-type': ['ACM Certificate Approaching Expiration'] }),
        description: 'Certificates about to expire page the platform team',
        targets: [{ id: 'sns', arn: `arn:aws:sns:us-east-1:${account.accountId}:acm-certificate-alerts` }],
      },
    ],
  };
  return { cloudtrail, 'acm-pca': pca, s3, events: eventsData };
}
