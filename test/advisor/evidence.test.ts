import { describe, expect, it } from 'vitest';
import { collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { AccountState, Inventory } from '../../src/domain/inventory.js';
import { NOW, cert, daysFromNow, finding, inventory } from './helpers.js';

const kb = loadKnowledgeBase();
const evidence = (certs: ReturnType<typeof cert>[], findings = [] as ReturnType<typeof finding>[]) => collectEvidence(kb, inventory(certs), findings, DEFAULT_AUDIT_CONFIG, NOW);

describe('collectEvidence', () => {
  it('gives every question some evidence lines', () => {
    const e = evidence([]);
    for (const q of kb.questions) expect(e[q.id].lines.length, q.id).toBeGreaterThan(0);
    expect(Object.values(e).some((x) => x.proposed)).toBe(false);
  });

  it('counts certificates per integrated service and proposes, never answers', () => {
    const cf = (n: number) => Array.from({ length: n }, (_, i) => cert({ inUse: true, inUseBy: [`arn:aws:cloudfront::111122223333:distribution/E${i}`] }));
    const alb = cert({ inUse: true, inUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1'] });
    const idle = cert({ status: 'ISSUED', inUse: false });
    const e = evidence([...cf(14), alb, idle]);
    expect(e['aws-integrated-endpoints'].lines).toEqual(
      expect.arrayContaining(['14 certificates in use by CloudFront', '1 certificate in use by Elastic Load Balancing', '1 issued certificate not attached to anything']),
    );
    expect(e['aws-integrated-endpoints'].proposed).toEqual({ value: 'yes', because: expect.stringContaining('15 certificates') });
    // Same function, but it proposes nothing for questions the inventory cannot decide.
    expect(e['pci-passthrough'].proposed).toBeUndefined();
  });

  it('reports imported certificates and how many expire within 60 days', () => {
    const imported = [10, 30, 59, 120, 200, 300, 300, 300, 300].map((d) => cert({ type: 'IMPORTED', notAfter: daysFromNow(d), issuer: 'CN=DigiCert TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US' }));
    const e = evidence(imported);
    expect(e['mature-process'].lines[0]).toBe('9 imported certificates, 3 expire within 60 days');
    expect(e['import-prerequisites'].proposed?.value).toBe('yes');
    expect(e['existing-ca'].proposed).toEqual({ value: 'public-ca', because: expect.any(String) });
    expect(e['existing-ca'].lines[0]).toContain('DigiCert Inc (9)');
  });

  it('proposes internal-ca or both from issuers and private certificates', () => {
    const internal = cert({ type: 'IMPORTED', issuer: 'CN=Corp Issuing CA 2, O=Example Corp' });
    expect(evidence([internal])['existing-ca'].proposed?.value).toBe('internal-ca');
    const pub = cert({ type: 'IMPORTED', issuer: "CN=R11, O=Let's Encrypt, C=US" });
    expect(evidence([internal, pub])['existing-ca'].proposed?.value).toBe('both');
  });

  it('reports exported private keys and ACME issuance', () => {
    const a = cert({ exportOption: 'ENABLED', exported: true });
    const b = cert({ exportOption: 'ENABLED', exported: true });
    const c = cert({ exportOption: 'ENABLED', exported: false });
    const e = evidence([a, b, c]);
    expect(e['private-key-export'].lines).toContain('2 certificates had the private key exported');
    expect(e['private-key-export'].proposed?.value).toBe('yes');
    expect(e['key-export-route'].proposed?.value).toBe('exportable');
    const acme = evidence([cert({ keyPairOrigin: 'ACME' }), cert({ keyPairOrigin: 'ACME' })]);
    expect(acme['key-export-route'].proposed?.value).toBe('acme');
  });

  it('counts exported keys reported by the audit too', () => {
    const a = cert({ exported: null });
    expect(evidence([a], [finding('exported-private-key', a.arn)])['private-key-export'].lines).toContain('1 certificate had the private key exported');
  });

  it('spots OV/EV subjects in use, non-TLS and S/MIME usages', () => {
    const ov = cert({ type: 'IMPORTED', subject: 'CN=shop.example.com, O=Example Ltd, C=GB', inUse: true });
    const mail = cert({ type: 'PRIVATE', extendedKeyUsages: ['EMAIL_PROTECTION'] });
    const e = evidence([ov, mail]);
    expect(e['ev-ov-required'].proposed?.value).toBe('yes');
    expect(e['non-tls-use'].proposed?.value).toBe('yes');
    expect(e['email-encryption'].proposed?.value).toBe('yes');
    expect(e['email-encryption'].lines[0]).toContain('email-protection');
  });

  it('compares requests in the last 365 days with the quotas', () => {
    const recent = Array.from({ length: 1300 }, () => cert({ type: 'AMAZON_ISSUED', createdAt: daysFromNow(-100) }, 'us-east-1'));
    const old = Array.from({ length: 20 }, () => cert({ type: 'AMAZON_ISSUED', createdAt: daysFromNow(-400) }, 'eu-west-1'));
    const e = evidence([...recent, ...old]);
    expect(e['certificate-volume'].lines[0]).toBe('Busiest Region us-east-1: 1,300 certificates requested in the last 365 days (quota 5,000), 1,300 held (quota 2,500)');
    expect(e['certificate-volume'].proposed?.value).toBe('high');
    expect(evidence(old)['certificate-volume'].proposed?.value).toBe('low');
  });

  it('judges volume by the configured quotas and "soon" by the configured medium threshold', () => {
    const config = { ...DEFAULT_AUDIT_CONFIG, expiryDays: { high: 20, medium: 40 }, quotas: { ...DEFAULT_AUDIT_CONFIG.quotas, issuedPer365Days: 1000, held: 1200 } };
    const recent = Array.from({ length: 1100 }, () => cert({ type: 'AMAZON_ISSUED', createdAt: daysFromNow(-100) }, 'us-east-1'));
    const e = collectEvidence(kb, inventory(recent), [], config, NOW);
    expect(e['certificate-volume'].lines[0]).toBe('Busiest Region us-east-1: 1,100 certificates requested in the last 365 days (quota 1,000), 1,100 held (quota 1,200)');
    expect(e['certificate-volume'].proposed?.value).toBe('over');
    const imported = [10, 30, 59].map((d) => cert({ type: 'IMPORTED', notAfter: daysFromNow(d) }));
    expect(collectEvidence(kb, inventory(imported), [], config, NOW)['mature-process'].lines[0]).toBe('3 imported certificates, 2 expire within 40 days');
  });

  it('reads IaC tags and account spread', () => {
    const cfn = cert({ tags: { 'aws:cloudformation:stack-name': 'web' } });
    const other = cert({}, 'eu-west-1', '444455556666');
    const e = evidence([cfn, other]);
    expect(e['infrastructure-as-code'].proposed?.value).toBe('cloudformation');
    expect(e['multi-account'].proposed?.value).toBe('several');
    expect(e['multi-account'].lines[0]).toBe('Certificates from 2 accounts in 1 Region');
  });

  it('shows hostile issuer names inert', () => {
    const evil = cert({ type: 'IMPORTED', issuer: 'CN=x, O=Evil\u001b]0;pwned\u0007 CA' });
    const line = evidence([evil])['existing-ca'].lines[0];
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\u0007');
  });
});

describe('collectEvidence across an estate', () => {
  const IDS = ['111122223333', '222233334444', '333344445555', '444455556666', '555566667777'];
  const NAMES = ['mgmt', 'shop-prod', 'data-staging', 'sandbox', 'payments'];
  /** A five-account estate; `failed` names accounts whose role was refused. */
  function estate(certs: ReturnType<typeof cert>[], failed: string[] = []): Inventory {
    const accounts: AccountState[] = IDS.map((id, i) => ({
      id,
      name: NAMES[i],
      status: failed.includes(id) ? 'error' : 'ok',
      ...(failed.includes(id) ? { error: { code: 'AccessDenied', message: 'could not assume role' } } : {}),
      regions: [],
    }));
    return { ...inventory(certs), accounts };
  }
  const inAccount = (i: number, over: Parameters<typeof cert>[0] = {}, region = 'eu-west-1') => ({ ...cert(over, region, IDS[i]), accountId: IDS[i], accountName: NAMES[i] });
  const collect = (inv: Inventory, findings = [] as ReturnType<typeof finding>[]) => collectEvidence(kb, inv, findings, DEFAULT_AUDIT_CONFIG, NOW);

  it('says how many of the accounts each count comes from', () => {
    const imp = { type: 'IMPORTED' as const, issuer: 'CN=R11, O=Example CA' };
    const certs = [...Array.from({ length: 10 }, () => inAccount(0, imp)), inAccount(1, imp), inAccount(1, imp), inAccount(2, imp), inAccount(2, imp)];
    const e = collect(estate(certs));
    expect(e['existing-ca'].lines[0]).toBe('14 imported certificates (in 3 of 5 accounts) from 1 issuer: Example CA (14)');
    expect(e['existing-ca'].accounts).toBe(5);
  });

  it('counts exported keys by account, from the inventory and the audit alike', () => {
    const a = inAccount(3, { exported: true });
    const b = inAccount(3, { exported: null });
    const e = collect(estate([a, b, inAccount(0)]), [finding('exported-private-key', b.arn)]);
    expect(e['private-key-export'].lines).toContain('2 certificates had the private key exported (in 1 of 5 accounts)');
    expect(e['private-key-export'].proposed?.because).toBe('keys are already used outside integrated services in 1 of 5 accounts');
  });

  it('says "all" when every account holds some, and proposes with the spread', () => {
    const cf = (i: number) => inAccount(i, { inUse: true, inUseBy: [`arn:aws:cloudfront::${IDS[i]}:distribution/E${i}`] });
    const e = collect(estate([0, 1, 2, 3, 4].map(cf)));
    expect(e['aws-integrated-endpoints'].lines[0]).toBe('5 certificates in use by CloudFront (in all 5 accounts)');
    expect(e['aws-integrated-endpoints'].proposed?.because).toBe('5 certificates already serve integrated services in all 5 accounts');
  });

  it('judges request volume per account and Region, as ACM counts its quotas', () => {
    // 1,500 held in us-east-1 across three accounts is 500 each: no account is near the 2,500 held quota.
    const spreadOut = [0, 1, 2].flatMap((i) => Array.from({ length: 500 }, () => inAccount(i, { type: 'AMAZON_ISSUED', createdAt: daysFromNow(-400) }, 'us-east-1')));
    const busy = Array.from({ length: 1300 }, () => inAccount(4, { type: 'AMAZON_ISSUED', createdAt: daysFromNow(-400) }, 'eu-west-1'));
    const e = collect(estate([...spreadOut, ...busy]));
    expect(e['certificate-volume'].lines[0]).toBe('Busiest account and Region payments eu-west-1: 0 certificates requested in the last 365 days (quota 5,000), 1,300 held (quota 2,500)');
    expect(e['certificate-volume'].proposed?.value).toBe('high');
    expect(collect(estate(spreadOut))['certificate-volume'].proposed?.value).toBe('low');
  });

  it('names the accounts that could not be read, and counts out of the others', () => {
    const e = collect(estate([inAccount(0, { type: 'IMPORTED' }), inAccount(1)], [IDS[3]]));
    expect(e['mature-process'].lines[0]).toMatch(/^1 imported certificate \(in 1 of 4 accounts read\), /);
    expect(e['mature-process'].accounts).toBe(5);
    expect(e['mature-process'].accountsRead).toBe(4);
    expect(e['multi-account'].lines).toEqual([
      'Certificates from 2 accounts in 1 Region',
      '1 account could not be read in full (sandbox): this evidence covers what it allowed and the other 4',
    ]);
  });

  it('adds nothing for a single account', () => {
    const imp = [cert({ type: 'IMPORTED', exported: true, keyAlgorithm: 'RSA_1024' })];
    const single: Inventory = { ...inventory(imp), accounts: [{ id: '111122223333', name: 'only', status: 'ok', regions: [] }] };
    for (const inv of [inventory(imp), single]) {
      const e = collect(inv);
      const all = Object.values(e).flatMap((x) => [...x.lines, x.proposed?.because ?? '']);
      expect(all.filter((l) => /\baccounts?\)|of 1 account|all 1 account/.test(l))).toEqual([]);
      expect(Object.values(e).some((x) => x.accounts !== undefined)).toBe(false);
      expect(e['private-key-export'].proposed?.because).toBe('keys are already used outside integrated services in this account');
    }
  });
});
