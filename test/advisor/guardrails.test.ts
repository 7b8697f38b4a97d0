import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import { buildGuardrails, registrableDomain, registrableDomains, type GuardrailInput } from '../../src/advisor/guardrails.js';
import { limitsOf } from '../../src/advisor/plan.js';
import { NOW, cert as anyCert, inventory } from './helpers.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

const kb = loadKnowledgeBase();
const limits = limitsOf(kb);
const PROD = { key: 'environment', values: ['prod', 'production'] };
/** Only issued certificates vouch for their names; these tests are about the names. */
const cert = (over: Parameters<typeof anyCert>[0] = {}) => anyCert({ status: 'ISSUED', ...over });

function guardrails(names: string[][], over: Partial<GuardrailInput> = {}) {
  const inv = inventory(names.map(([domainName, ...sans]) => cert({ domainName, subjectAlternativeNames: [domainName, ...sans] })));
  return buildGuardrails({ inventory: inv, productionTag: PROD, limits, acme: false, ...over });
}

type Policy = { Statement: { Sid: string; Action: string | string[]; Condition: Record<string, Record<string, unknown>> }[] };
const statement = (g: ReturnType<typeof guardrails>, sid: string) =>
  g.scps.flatMap((s) => (JSON.parse(s.json) as Policy).Statement).find((s) => s.Sid === sid)!;
const allowedInScp = (g: ReturnType<typeof guardrails>) =>
  statement(g, 'DenyPublicNamesOutsideCompanyDomains').Condition['ForAnyValue:StringNotLike']['acm:DomainNames'] as string[];

/** IAM StringLike and EventBridge wildcard: `*` matches any run of characters (dots included). */
function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}
/** Would the SCP refuse a request for these names? (deny when any name matches no allowed pattern) */
const scpDenies = (allowed: string[], names: string[]) => names.some((n) => !allowed.some((p) => wildcardMatch(p, n)));
/** Would the EventBridge rule fire for this request? */
function patternFires(g: ReturnType<typeof guardrails>, domainName: string, sans: string[]): boolean {
  const p = JSON.parse(g.foreignRequestPattern.json);
  const branches = p.detail.requestParameters?.$or as Record<string, { 'anything-but': { wildcard: string[] } }[]>[] | undefined;
  if (!branches) return true;
  const outside = (v: string, ab: { wildcard: string[] }) => !ab.wildcard.some((w) => wildcardMatch(w, v));
  return branches.some((b) =>
    Object.entries(b).some(([field, [m]]) => (field === 'domainName' ? [domainName] : sans).some((v) => outside(v, m['anything-but']))),
  );
}

describe('registrable domains', () => {
  it('come from the Public Suffix List, never the last two labels', () => {
    expect(registrableDomain('shop.example.com.au')).toBe('example.com.au');
    expect(registrableDomain('*.api.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('www.example.com')).toBe('example.com');
    expect(registrableDomain('10.0.0.1')).toBeNull();
    expect(registrableDomain('intranet')).toBeNull();
  });

  it('a .com.au account allows example.com.au and its subdomains, never *.com.au', () => {
    const g = guardrails([['shop.example.com.au', 'www.example.com.au'], ['api.example.com.au']]);
    expect(g.domains).toEqual(['example.com.au']);
    const allowed = allowedInScp(g);
    expect(allowed).toEqual(['example.com.au', '*.example.com.au']);
    expect(allowed.join(' ')).not.toMatch(/(^| )\*\.com\.au/);
    expect(scpDenies(allowed, ['shop.example.com.au'])).toBe(false);
    expect(scpDenies(allowed, ['bank.com.au'])).toBe(true);
    expect(scpDenies(allowed, ['shop.othercompany.com.au'])).toBe(true);
  });

  it('a .co.uk account with SAN-only domains lists every registrable domain the account uses', () => {
    const g = guardrails([['www.example.co.uk', 'example.co.uk', 'shop.example-brand.de'], ['api.example.co.uk'], ['status.example.io']]);
    expect(new Set(g.domains)).toEqual(new Set(['example.co.uk', 'example-brand.de', 'example.io']));
    expect(g.domains[0]).toBe('example.co.uk');
    const allowed = allowedInScp(g);
    for (const d of g.domains) expect(allowed).toEqual(expect.arrayContaining([d, `*.${d}`]));
    expect(allowed.some((a) => a === '*.co.uk' || a === 'co.uk')).toBe(false);
  });

  it('a look-alike domain is outside the SCP and fires the EventBridge rule; real names and deep subdomains do not', () => {
    const g = guardrails([['www.example.com'], ['shop.example.co.uk']]);
    const allowed = allowedInScp(g);
    for (const lookalike of ['notexample.com', 'example.com.evil.io', 'evil-example.co.uk', 'example.co.uk.attacker.net']) {
      expect(scpDenies(allowed, [lookalike]), lookalike).toBe(true);
      expect(patternFires(g, lookalike, [lookalike]), lookalike).toBe(true);
    }
    for (const ok of ['example.com', 'a.b.example.com', '*.example.co.uk']) {
      expect(scpDenies(allowed, [ok]), ok).toBe(false);
      expect(patternFires(g, ok, [ok]), ok).toBe(false);
    }
  });

  it('SANs are checked, not just the primary name', () => {
    const g = guardrails([['www.example.com']]);
    expect(scpDenies(allowedInScp(g), ['www.example.com', 'login.evil.io'])).toBe(true);
    expect(patternFires(g, 'www.example.com', ['www.example.com', 'login.evil.io'])).toBe(true);
    expect(patternFires(g, 'www.example.com', ['www.example.com', 'api.example.com'])).toBe(false);
  });
});

describe('production protection and size limits', () => {
  it('60 production certificates: deletion is denied by tag, with no ARN list, and every document fits its limit', () => {
    const certs = Array.from({ length: 60 }, (_, i) => cert({ domainName: `svc${i}.example.com`, tags: { environment: 'production' } }));
    const g = buildGuardrails({ inventory: inventory(certs), productionTag: PROD, limits, acme: false });
    const all = g.scps.map((s) => s.json).join('\n');
    expect(all).not.toContain('arn:aws:acm');
    const del = statement(g, 'DenyDeletingProductionCertificates');
    expect(del.Action).toBe('acm:DeleteCertificate');
    expect(del.Condition.StringEqualsIgnoreCase).toEqual({ 'aws:ResourceTag/environment': ['prod', 'production'] });
    const untag = statement(g, 'DenyRetaggingProductionCertificates');
    expect(untag.Condition['ForAnyValue:StringEqualsIgnoreCase']).toEqual({ 'aws:TagKeys': ['environment'] });
    expect(g.scps).toHaveLength(1);
    for (const d of [...g.scps, g.foreignRequestPattern, g.sensitiveChangePattern]) {
      expect(d.fits).toBe(true);
      expect(d.json.length).toBeLessThanOrEqual(d.limit);
    }
    expect(JSON.parse(g.sensitiveChangePattern.json).detail.$or[0].eventName).toEqual(['DeleteCertificate', 'RevokeCertificate', 'ExportCertificate']);
  });

  it('the production tag follows the audit configuration', () => {
    const g = buildGuardrails({ inventory: inventory([cert({ domainName: 'a.example.com' })]), productionTag: { key: 'stage', values: ['live'] }, limits, acme: false });
    expect(statement(g, 'DenyDeletingProductionCertificates').Condition.StringEqualsIgnoreCase).toEqual({ 'aws:ResourceTag/stage': ['live'] });
  });

  it('too many domains: the allow list moves to its own SCP and the event rule widens, each said in a note, nothing truncated', () => {
    const names = Array.from({ length: 300 }, (_, i) => [`www.brand${i}.com`]);
    const g = guardrails(names);
    expect(g.domains).toHaveLength(300);
    expect(g.scps.length).toBe(2);
    expect(allowedInScp(g)).toHaveLength(600);
    expect(g.scps[1].fits).toBe(true);
    expect(g.scps[0].fits).toBe(false);
    expect(g.notes.join(' ')).toMatch(/300 registrable domains do not fit one SCP/);
    expect(g.foreignRequestPattern.fits).toBe(true);
    expect(JSON.parse(g.foreignRequestPattern.json).detail.requestParameters).toBeUndefined();
    expect(g.notes.join(' ')).toMatch(/does not fit one event pattern/);
  });

  it('governs paid exportable requests with acm:Export, and ACME issuance with the key-pair origin when the team uses ACME', () => {
    const g = guardrails([['www.example.com']]);
    expect(statement(g, 'DenyPaidExportableRequestsOutsideExportRole').Condition.StringEquals).toEqual({ 'acm:Export': 'ENABLED' });
    expect(statement(g, 'DenyAcmeIssuanceOutsideIssuerRole')).toBeUndefined();
    const acme = guardrails([['www.example.com']], { acme: true });
    expect(statement(acme, 'DenyAcmeIssuanceOutsideIssuerRole').Condition.StringEquals).toEqual({ 'acm:CertificateKeyPairOrigin': 'ACME' });
  });

  it('the plan asks for the ACME key-pair origin when ACME is the chosen route or ACME certificates exist', () => {
    const scpOf = (answers: Record<string, string>, certs = [cert({ domainName: 'www.example.com' })]) =>
      advise(kb, { workload: null, answers }, inventory(certs), [], DEFAULT_AUDIT_CONFIG, NOW).plan.steps.find((s) => s.id === 'request-guardrails')!.snippets[0].code;
    const base = { 'certificate-pinning': 'none', 'aws-integrated-endpoints': 'partly' };
    expect(scpOf(base)).not.toContain('DenyAcmeIssuanceOutsideIssuerRole');
    expect(scpOf({ ...base, 'private-key-export': 'yes', 'key-export-route': 'acme' })).toContain('DenyAcmeIssuanceOutsideIssuerRole');
    expect(scpOf(base, [cert({ domainName: 'h.example.com', keyPairOrigin: 'ACME' })])).toContain('DenyAcmeIssuanceOutsideIssuerRole');
  });

  it('the plan protects production by the configured production tag', () => {
    const planText = (productionTag: { key: string; values: string[] }) =>
      JSON.stringify(
        advise(kb, { workload: null, answers: { 'certificate-pinning': 'none', 'aws-integrated-endpoints': 'partly' } }, inventory([cert({ domainName: 'www.example.com' })]), [], { ...DEFAULT_AUDIT_CONFIG, productionTag }, NOW).plan.steps,
      );
    expect(planText(DEFAULT_AUDIT_CONFIG.productionTag)).toContain('aws:ResourceTag/environment');
    const staged = planText({ key: 'stage', values: ['live'] });
    expect(staged).toContain('aws:ResourceTag/stage');
    expect(staged).not.toContain('aws:ResourceTag/environment');
  });

  it('with no usable name in the inventory, example.com stands in and the plan says so', () => {
    const g = buildGuardrails({ inventory: inventory([cert({ domainName: '10.1.2.3' })]), productionTag: PROD, limits, acme: false });
    expect(g.domains).toEqual([]);
    expect(allowedInScp(g)).toEqual(['example.com', '*.example.com']);
    expect(g.notes[0]).toMatch(/example\.com stands in/);
  });

  it('hostile names never become allow-list entries', () => {
    const g = guardrails([['evil`.example.com'], ['a\nb.example.org'], ['<script>.example.net'], ['\u001b]0;x\u0007.example.io'], ['www.example.com']]);
    for (const d of g.domains) expect(d).toMatch(/^[a-z0-9.-]+$/);
    expect(g.domains).toContain('example.com');
    expect(() => JSON.parse(g.scps[0].json)).not.toThrow();
  });

  it('counts each registrable domain once per distinct name', () => {
    const inv = inventory([cert({ domainName: 'a.x.com', subjectAlternativeNames: ['a.x.com', 'b.x.com'] }), cert({ domainName: 'c.y.com' })]);
    expect(registrableDomains(inv)).toEqual(['x.com', 'y.com']);
  });
});
