import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentPath } from '../../src/platform/content-dir.js';
import { loadDemoAccount, parseAccountFile, materialiseAccount } from '../../src/endpoint/index.js';
import { KEY_ALGORITHMS, RENEWAL_STATUSES, STATUSES, TYPES } from '../../src/endpoint/types.js';

const now = new Date('2026-11-27T12:00:00Z');
const account = loadDemoAccount(now);
const certs = account.certificates;
const DAY = 86_400_000;
const daysLeft = (d: Date | undefined) => (d ? (d.getTime() - now.getTime()) / DAY : NaN);
const tagMap = (c: (typeof certs)[number]) => Object.fromEntries(c.tags.map((t) => [t.key, t.value]));

describe('demo account', () => {
  it('is a company-sized account: at least 60 certificates in at least 4 regions', () => {
    expect(account.accountId).toBe('111122223333');
    expect(certs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(certs.map((c) => c.region)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(certs.map((c) => c.arn)).size).toBe(certs.length);
    for (const c of certs) expect(c.arn).toMatch(new RegExp(`^arn:aws:acm:${c.region}:111122223333:certificate/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
  });

  it('has every status, type, key algorithm, validation method and renewal status', () => {
    for (const s of STATUSES) expect(certs.some((c) => c.status === s), s).toBe(true);
    for (const t of TYPES) expect(certs.some((c) => c.type === t), t).toBe(true);
    for (const k of KEY_ALGORITHMS) expect(certs.some((c) => c.keyAlgorithm === k), k).toBe(true);
    for (const v of ['DNS', 'EMAIL', 'HTTP']) expect(certs.some((c) => c.validationMethod === v), v).toBe(true);
    for (const r of RENEWAL_STATUSES) expect(certs.some((c) => c.renewalSummary?.renewalStatus === r), r).toBe(true);
  });

  it('covers the situations the audit and advisor look for', () => {
    // Stale pending validation (> 72 h) and a fresh one.
    const pending = certs.filter((c) => c.status === 'PENDING_VALIDATION');
    expect(pending.some((c) => now.getTime() - c.createdAt!.getTime() > 72 * 3600_000)).toBe(true);
    expect(pending.some((c) => now.getTime() - c.createdAt!.getTime() < 72 * 3600_000)).toBe(true);
    // Expired but still in use.
    expect(certs.some((c) => c.status === 'EXPIRED' && c.inUseBy.length > 0)).toBe(true);
    // Failed with a reason; revoked with a reason.
    expect(certs.some((c) => c.status === 'FAILED' && c.failureReason)).toBe(true);
    expect(certs.some((c) => c.status === 'REVOKED' && c.revocationReason && c.revokedAt)).toBe(true);
    // HTTP validation only on CloudFront-managed certificates.
    for (const c of certs.filter((x) => x.validationMethod === 'HTTP')) expect(c.managedBy).toBe('CLOUDFRONT');
    // Private certificates name their CA.
    for (const c of certs.filter((x) => x.type === 'PRIVATE')) expect(c.certificateAuthorityArn).toMatch(/^arn:aws:acm-pca:/);
    // Imported certificates close to expiry: within 15 days and within 45 days.
    const imported = certs.filter((c) => c.type === 'IMPORTED' && c.status === 'ISSUED');
    expect(imported.some((c) => daysLeft(c.notAfter) > 0 && daysLeft(c.notAfter) <= 15)).toBe(true);
    expect(imported.some((c) => daysLeft(c.notAfter) > 30 && daysLeft(c.notAfter) <= 45)).toBe(true);
    // Unused issued certificates.
    expect(certs.filter((c) => c.status === 'ISSUED' && c.inUseBy.length === 0).length).toBeGreaterThanOrEqual(3);
    // Wildcard tagged production.
    expect(certs.some((c) => c.domainName.startsWith('*.') && tagMap(c).environment === 'production')).toBe(true);
    // CT logging off on a couple; exportable and exported.
    expect(certs.filter((c) => c.transparencyLogging === 'DISABLED').length).toBeGreaterThanOrEqual(2);
    expect(certs.some((c) => c.exportOption === 'ENABLED' && c.exported)).toBe(true);
    expect(certs.some((c) => c.exportOption === 'ENABLED' && !c.exported)).toBe(true);
    // ACME-issued.
    expect(certs.filter((c) => c.keyPairOrigin === 'ACME').length).toBeGreaterThanOrEqual(1);
    // Names that are not FQDNs.
    expect(certs.some((c) => !c.domainName.includes('.'))).toBe(true);
    // Weak key.
    expect(certs.some((c) => c.keyAlgorithm === 'RSA_1024' && c.type === 'IMPORTED')).toBe(true);
  });

  it('is in use by the services people actually attach certificates to', () => {
    const users = certs.flatMap((c) => c.inUseBy);
    expect(users.some((a) => /^arn:aws:elasticloadbalancing:[a-z0-9-]+:111122223333:loadbalancer\/app\//.test(a))).toBe(true);
    expect(users.some((a) => /^arn:aws:elasticloadbalancing:[a-z0-9-]+:111122223333:loadbalancer\/net\//.test(a))).toBe(true);
    expect(users.some((a) => /^arn:aws:cloudfront::111122223333:distribution\/[A-Z0-9]+$/.test(a))).toBe(true);
    expect(users.some((a) => /^arn:aws:apigateway:[a-z0-9-]+::\/domainnames\/.+/.test(a))).toBe(true);
    expect(users.some((a) => /loadbalancer\/app\/awseb-/.test(a))).toBe(true);
    // CloudFront only uses certificates from us-east-1.
    for (const c of certs.filter((x) => x.inUseBy.some((a) => a.includes(':cloudfront::')))) expect(c.region).toBe('us-east-1');
  });

  it('has complete, partial and missing tags, and hostile values sneaked in', () => {
    const required = ['owner', 'environment', 'application'];
    const complete = certs.filter((c) => required.every((k) => k in tagMap(c)));
    const partial = certs.filter((c) => c.tags.length > 0 && !required.every((k) => k in tagMap(c)));
    const none = certs.filter((c) => c.tags.length === 0);
    expect(complete.length).toBeGreaterThan(partial.length);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(none.length).toBeGreaterThanOrEqual(2);
    const values = certs.flatMap((c) => c.tags.map((t) => t.value));
    expect(values).toContain('<script>alert(1)</script>');
    expect(values.some((v) => v.includes('|') && v.includes('`'))).toBe(true);
    expect(values.some((v) => v.includes('[click](http://evil.example)'))).toBe(true);
    expect(values.some((v) => v.includes('\n'))).toBe(true);
    expect(values.some((v) => v.includes('\u001b]0;pwned\u0007') && v.includes('\u001b[31m'))).toBe(true);
  });

  it('dates everything relative to now, so the demo never goes stale', () => {
    const later = loadDemoAccount(new Date(now.getTime() + 400 * DAY));
    const a = certs.find((c) => c.domainName === 'shop-legacy.northwind-outfitters.com')!;
    const b = later.certificates.find((c) => c.domainName === 'shop-legacy.northwind-outfitters.com')!;
    expect(b.notAfter!.getTime() - a.notAfter!.getTime()).toBe(400 * DAY);
    expect(b.arn).toBe(a.arn);
    expect(Math.round(daysLeft(a.notAfter))).toBe(12);
  });

  it('rejects a bad entry with an error naming it', () => {
    const raw = JSON.parse(readFileSync(contentPath('demo-account.json'), 'utf8'));
    raw.certificates[3].status = 'ALMOST_ISSUED';
    expect(() => parseAccountFile(raw, 'demo-account.json')).toThrow(/demo-account\.json: invalid account data:\n {2}certificates\[3\] \(id "cf-blog-http"\)\.status/);
    const raw2 = JSON.parse(readFileSync(contentPath('demo-account.json'), 'utf8'));
    raw2.certificates[0].validation = 'HTTP';
    expect(() => parseAccountFile(raw2, 'x.json')).toThrow(/certificates\[0\] \(id "cf-www"\)\.managedBy: HTTP validation exists only/);
    const raw3 = JSON.parse(readFileSync(contentPath('demo-account.json'), 'utf8'));
    raw3.certificates[1].id = raw3.certificates[0].id;
    expect(() => parseAccountFile(raw3, 'x.json')).toThrow(/certificates\[1\] \(id "cf-www"\): duplicate id/);
    // And the file as shipped parses to the same account loadDemoAccount gives.
    expect(materialiseAccount(parseAccountFile(JSON.parse(readFileSync(contentPath('demo-account.json'), 'utf8'))), now)).toEqual(account);
  });
});
