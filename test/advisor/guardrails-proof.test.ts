/**
 * The guardrails the report offers, proven: every policy document passes AWS's service authorization data, and
 * the generated SCP (and the same statements as an identity policy) gives the intended decision for each request
 * an architect would try, with the exact statements that deny it. The evaluator is @cloud-copilot/iam-simulate,
 * an independent implementation of IAM's evaluation logic; it is AGPL-3.0, so it is a dev dependency used by tests
 * only and never shipped (src/ must not import it; test/architecture checks that).
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import { PLACEHOLDER_ROLES } from '../../src/advisor/guardrails.js';
import type { PlanStep } from '../../src/domain/advice.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { checkPolicy, type PolicyDocument } from '../support/iam-policy-check.js';
import { NOW, cert, inventory } from './helpers.js';

const kb = loadKnowledgeBase();
const ACCOUNT = '111122223333';
const SCP_LIMIT = { characters: kb.references.limits.scpCharacters.value, countWhitespace: true };
/** IAM quotas: a customer managed policy holds 6,144 characters, whitespace not counted. */
const MANAGED_POLICY_LIMIT = { characters: 6144, countWhitespace: false };

const issued = (over: Parameters<typeof cert>[0]) => cert({ status: 'ISSUED', ...over });
/** An estate with company domains, ACME, and names that must never reach the allow list. */
const estate = inventory([
  issued({ domainName: 'www.example.com', subjectAlternativeNames: ['www.example.com', 'example.com'], tags: { environment: 'production' }, inUse: true }),
  issued({ domainName: 'shop.example.co.uk', tags: { Environment: 'Production' } }),
  issued({ domainName: 'edge.example.com', keyPairOrigin: 'ACME' }),
  issued({ domainName: 'site.github.io', type: 'IMPORTED', issuer: 'DigiCert Inc', subject: 'CN=site.github.io' }),
  issued({ domainName: 'bucket.s3.amazonaws.com', type: 'IMPORTED', issuer: 'Amazon', subject: 'CN=bucket.s3.amazonaws.com' }),
  issued({ domainName: 'localhost', subjectAlternativeNames: ['localhost', '127.0.0.1.nip.io'], type: 'IMPORTED', issuer: 'localhost', subject: 'CN=localhost' }),
  issued({ domainName: 'dev.10.0.0.1.nip.io', type: 'IMPORTED', issuer: 'Let\u2019s Encrypt', subject: 'CN=dev.10.0.0.1.nip.io' }),
  cert({ domainName: 'www.failed-request.net', status: 'FAILED' }),
  cert({ domainName: 'old.revoked-brand.org', status: 'REVOKED' }),
]);

function plan(answers: Record<string, string>): PlanStep[] {
  return advise(kb, { workload: null, answers }, estate, [], DEFAULT_AUDIT_CONFIG, NOW).plan.steps;
}
const ANSWERS = { 'aws-integrated-endpoints': 'partly', 'certificate-pinning': 'none', 'private-key-export': 'yes', 'key-export-route': 'acme', 'infrastructure-as-code': 'cloudformation' };
const steps = plan(ANSWERS);
const scps = steps.find((s) => s.id === 'request-guardrails')!.snippets.filter((s) => s.language === 'json').map((s) => JSON.parse(s.code) as PolicyDocument);
const scpText = steps.find((s) => s.id === 'request-guardrails')!.snippets.filter((s) => s.language === 'json').map((s) => s.code);
const guardrailStatements = scps.flatMap((p) => p.Statement);

const cfnTags: (ScalarTag | CollectionTag)[] = ['Ref', 'Sub', 'GetAtt'].flatMap((name) => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (v: unknown) => ({ [key]: v }) } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => ({ [key]: v }) } as unknown as CollectionTag,
  ];
});

describe('every policy document the report offers passes the IAM service authorization data', () => {
  it('the SCPs: actions exist, keys belong to their actions, operators fit the key types, each within the SCP size limit', async () => {
    expect(scps.length).toBeGreaterThan(0);
    for (const [i, doc] of scps.entries()) expect(await checkPolicy(doc, SCP_LIMIT, scpText[i])).toEqual([]);
  });

  it('the same statements fit one customer managed policy, for accounts without AWS Organizations', async () => {
    const doc = { Version: '2012-10-17', Statement: guardrailStatements };
    expect(await checkPolicy(doc, MANAGED_POLICY_LIMIT)).toEqual([]);
  });

  it('the SNS topic policy in the expiry alert passes too, and limits publishing to this account\u2019s rules', async () => {
    const cfn = steps.find((s) => s.id === 'expiry-alerts')!.snippets.find((s) => s.language === 'yaml')!.code;
    const doc = parse(cfn, { customTags: cfnTags }).Resources.CertificateAlertsPolicy.Properties.PolicyDocument as PolicyDocument;
    expect(await checkPolicy(doc, MANAGED_POLICY_LIMIT)).toEqual([]);
    const conditionKeys = doc.Statement.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((b) => Object.keys(b)));
    expect(conditionKeys).toEqual(expect.arrayContaining(['aws:SourceAccount', 'aws:SourceArn']));
  });

  it('the checker itself catches the mistakes the issue found (it can fail)', async () => {
    const bad: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Deny', Action: 'acm:RequestCertificate', Resource: '*', Condition: { StringNotEqualsIfExists: { 'acm:KeyAlgorithm': ['RSA_2048'] } } },
        { Sid: 'B', Effect: 'Deny', Action: 'acm:DeleteCertificate', Resource: '*', Condition: { StringEquals: { 'acm:DomainNames': 'x' } } },
        { Sid: 'C', Effect: 'Deny', Action: 'acm:RequestCertificate', Resource: '*', Condition: { NumericEquals: { 'acm:KeyAlgorithm': '1' } } },
        { Sid: 'D', Effect: 'Deny', Action: 'acm:MakeCertificate', Resource: '*' },
      ],
    };
    const problems = (await checkPolicy(bad, SCP_LIMIT)).join('\n');
    for (const p of [/A: StringNotEqualsIfExists in a Deny/, /B: acm:DeleteCertificate does not support acm:DomainNames/, /C: NumericEquals does not fit/, /D: no action acm:MakeCertificate/])
      expect(problems).toMatch(p);
  });
});

const role = (arnPattern: string) => arnPattern.replace('::*:', `::${ACCOUNT}:`);
const ORDINARY = `arn:aws:iam::${ACCOUNT}:role/app-deployer`;
const BREAK_GLASS = role(PLACEHOLDER_ROLES.breakGlass);
const EXPORTER = role(PLACEHOLDER_ROLES.export);
const ACME_ROLE = role(PLACEHOLDER_ROLES.acme);
const ROTATION = role(PLACEHOLDER_ROLES.rotation);
const CERT = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/00000000-0000-0000-0000-00000000abcd`;
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

interface Case {
  name: string;
  principal: string;
  action: string;
  resource?: string;
  context: Record<string, string | string[]>;
  /** The Sids that deny it; empty means allowed. */
  deniedBy: string[];
}

const dns = { 'acm:ValidationMethod': 'DNS' };
const request = (names: string[], extra: Record<string, string | string[]> = dns) => ({ 'acm:DomainNames': names, ...extra });
const acmeOrder = (names: string[]) => ({
  'acm:DomainNames': names,
  'acm:CertificateKeyPairOrigin': 'ACME',
  'acm:Export': 'ENABLED',
  'acm:ValidationMethod': 'DNS',
  'acm:CertificateTransparencyLogging': 'ENABLED',
  'acm:KeyAlgorithm': 'EC_prime256v1',
});
const tagged = (key: string, value: string) => ({ [`aws:ResourceTag/${key}`]: value });

const CASES: Case[] = [
  { name: 'ACME issuance by the issuer role', principal: ACME_ROLE, action: 'acm:RequestCertificate', context: acmeOrder(['host.example.com']), deniedBy: [] },
  { name: 'ACME issuance by another role', principal: ORDINARY, action: 'acm:RequestCertificate', context: acmeOrder(['host.example.com']), deniedBy: ['DenyAcmeIssuanceOutsideIssuerRole'] },
  { name: 'ACME issuance for a foreign domain', principal: ACME_ROLE, action: 'acm:RequestCertificate', context: acmeOrder(['host.example.org']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'DNS request omitting the key algorithm', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.com']), deniedBy: [] },
  { name: 'request omitting key algorithm and validation method (ACM validates it by email)', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.com'], {}), deniedBy: ['DenyPublicRequestsNotValidatedByDns'] },
  { name: 'email validation', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.com'], { 'acm:ValidationMethod': 'EMAIL' }), deniedBy: ['DenyPublicRequestsNotValidatedByDns'] },
  { name: 'an approved ECDSA key', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.co.uk'], { ...dns, 'acm:KeyAlgorithm': 'EC_secp384r1' }), deniedBy: [] },
  { name: 'a key algorithm ACM does not issue', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.com'], { ...dns, 'acm:KeyAlgorithm': 'RSA_1024' }), deniedBy: ['DenyUnapprovedKeyAlgorithms'] },
  { name: 'a domain outside the list', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['www.example.org']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a SAN outside the list', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['www.example.com', 'login.evil.io']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a look-alike domain', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['notexample.com']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a public suffix', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['*.co.uk']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a platform domain (github.io)', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['other.github.io']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'the platform name an import used (site.github.io)', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['site.github.io']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a platform domain (s3.amazonaws.com)', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['bucket.s3.amazonaws.com']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a wildcard-DNS service (nip.io)', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['10.0.0.1.nip.io']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a name seen only on a FAILED request', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['www.failed-request.net']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a name seen only on a REVOKED certificate', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['old.revoked-brand.org']), deniedBy: ['DenyPublicNamesOutsideCompanyDomains'] },
  { name: 'a private certificate from a private CA (its own policy governs names)', principal: ORDINARY, action: 'acm:RequestCertificate', context: { 'acm:DomainNames': ['api.corp.internal'], 'acm:CertificateAuthority': `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555` }, deniedBy: [] },
  { name: 'a paid exportable request by an ordinary role', principal: ORDINARY, action: 'acm:RequestCertificate', context: request(['app.example.com'], { ...dns, 'acm:Export': 'ENABLED' }), deniedBy: ['DenyPaidExportableRequestsOutsideExportRole'] },
  { name: 'a paid exportable request by the export role', principal: EXPORTER, action: 'acm:RequestCertificate', context: request(['app.example.com'], { ...dns, 'acm:Export': 'ENABLED' }), deniedBy: [] },
  ...(['production', 'Production', 'PRODUCTION', 'prod', 'Prod', 'PROD'] as const).flatMap((value): Case[] => [
    { name: `deleting a certificate tagged environment=${value} (ordinary role)`, principal: ORDINARY, action: 'acm:DeleteCertificate', resource: CERT, context: tagged('environment', value), deniedBy: ['DenyDeletingProductionCertificates'] },
    { name: `deleting a certificate tagged Environment=${value} (ordinary role)`, principal: ORDINARY, action: 'acm:DeleteCertificate', resource: CERT, context: tagged('Environment', value), deniedBy: ['DenyDeletingProductionCertificates'] },
    { name: `deleting a certificate tagged environment=${value} (break-glass role)`, principal: BREAK_GLASS, action: 'acm:DeleteCertificate', resource: CERT, context: tagged('environment', value), deniedBy: [] },
  ]),
  { name: 'deleting a staging certificate', principal: ORDINARY, action: 'acm:DeleteCertificate', resource: CERT, context: tagged('environment', 'staging'), deniedBy: [] },
  { name: 'deleting an untagged certificate', principal: ORDINARY, action: 'acm:DeleteCertificate', resource: CERT, context: {}, deniedBy: [] },
  { name: 'removing the production tag (ordinary role)', principal: ORDINARY, action: 'acm:RemoveTagsFromCertificate', resource: CERT, context: { ...tagged('environment', 'Production'), 'aws:TagKeys': ['environment'] }, deniedBy: ['DenyRetaggingProductionCertificates'] },
  { name: 'adding an owner tag to a production certificate', principal: ORDINARY, action: 'acm:AddTagsToCertificate', resource: CERT, context: { ...tagged('environment', 'production'), 'aws:TagKeys': ['owner'] }, deniedBy: [] },
  { name: 'revoking a certificate (ordinary role)', principal: ORDINARY, action: 'acm:RevokeCertificate', resource: CERT, context: { 'acm:CertificateKeyPairOrigin': 'AWS_MANAGED' }, deniedBy: ['DenyRevocationOutsideBreakGlassRole'] },
  { name: 'revoking a certificate (break-glass role)', principal: BREAK_GLASS, action: 'acm:RevokeCertificate', resource: CERT, context: { 'acm:CertificateKeyPairOrigin': 'AWS_MANAGED' }, deniedBy: [] },
  { name: 'revoking an ACME certificate (ACME issuer role)', principal: ACME_ROLE, action: 'acm:RevokeCertificate', resource: CERT, context: { 'acm:CertificateKeyPairOrigin': 'ACME' }, deniedBy: [] },
  { name: 'revoking an ACME certificate (ordinary role)', principal: ORDINARY, action: 'acm:RevokeCertificate', resource: CERT, context: { 'acm:CertificateKeyPairOrigin': 'ACME' }, deniedBy: ['DenyAcmeRevocationOutsideIssuerRoles'] },
  { name: 're-importing over a production certificate (ordinary role)', principal: ORDINARY, action: 'acm:ImportCertificate', resource: CERT, context: tagged('environment', 'PRODUCTION'), deniedBy: ['DenyReimportOverProductionCertificates'] },
  { name: 're-importing over a production certificate (rotation role)', principal: ROTATION, action: 'acm:ImportCertificate', resource: CERT, context: tagged('environment', 'production'), deniedBy: [] },
  { name: 'a first import (no existing certificate)', principal: ORDINARY, action: 'acm:ImportCertificate', resource: CERT, context: {}, deniedBy: [] },
  { name: 'exporting a private key (ordinary role)', principal: ORDINARY, action: 'acm:ExportCertificate', resource: CERT, context: {}, deniedBy: ['DenyKeyExportOutsideExportRole'] },
  { name: 'exporting a private key (export role)', principal: EXPORTER, action: 'acm:ExportCertificate', resource: CERT, context: {}, deniedBy: [] },
];

type Mode = 'scp' | 'identity';

async function simulate(c: Case, mode: Mode): Promise<{ result: string; deniedBy: string[] }> {
  const guard = { Version: '2012-10-17', Statement: guardrailStatements };
  const sim: Simulation = {
    request: { principal: c.principal, action: c.action, resource: { resource: c.resource ?? '*', accountId: ACCOUNT }, contextVariables: { 'aws:PrincipalArn': c.principal, ...c.context } },
    identityPolicies: mode === 'scp' ? [{ name: 'admin', policy: ALLOW_ALL }] : [{ name: 'admin', policy: ALLOW_ALL }, { name: 'guardrails', policy: guard }],
    serviceControlPolicies:
      mode === 'scp'
        ? [{ orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }, ...scps.map((policy, i) => ({ name: `guardrails-${i + 1}`, policy }))] }]
        : [{ orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: ALLOW_ALL }] }],
    resourceControlPolicies: [],
  };
  const out = await runSimulation(sim, {});
  if (out.resultType !== 'single') throw new Error(`simulation did not run: ${JSON.stringify(out).slice(0, 400)}`);
  const a = out.result.analysis;
  const denies = mode === 'scp' ? (a.scpAnalysis?.ouAnalysis ?? []).flatMap((o) => o.denyStatements ?? []) : (a.identityAnalysis?.denyStatements ?? []);
  return { result: out.overallResult, deniedBy: [...new Set(denies.map((d) => (d.statement as { Sid?: string }).Sid ?? d.explain?.identifier ?? '?'))].sort() };
}

describe.each(['scp', 'identity'] as const)('simulated requests against the generated guardrails (%s)', (mode) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = await simulate(c, mode);
    expect(got.deniedBy).toEqual([...c.deniedBy].sort());
    expect(got.result).toBe(c.deniedBy.length > 0 ? 'ExplicitlyDenied' : 'Allowed');
  });
});

describe('the cases cover the guardrails', () => {
  it('every statement the SCP holds is the one that denies some case, so weakening any statement fails a case', () => {
    const sids = guardrailStatements.map((s) => s.Sid);
    const denying = new Set(CASES.flatMap((c) => c.deniedBy));
    for (const sid of sids) expect(denying, `${sid} is exercised`).toContain(sid);
  });

  it('no statement uses an …IfExists operator, and the production tag is matched ignoring case', () => {
    for (const st of guardrailStatements) for (const op of Object.keys(st.Condition ?? {})) expect(op, st.Sid).not.toMatch(/IfExists$/);
    expect(JSON.stringify(guardrailStatements)).not.toMatch(/"StringEquals":\{"aws:ResourceTag/);
  });

  it('the allow list holds only domains of ISSUED, CA-signed certificates, and the plan names the certificates each came from', () => {
    const how = steps.find((s) => s.id === 'request-guardrails')!.how.join('\n');
    const allowed = guardrailStatements.find((s) => s.Sid === 'DenyPublicNamesOutsideCompanyDomains')!.Condition!['ForAnyValue:StringNotLike']['acm:DomainNames'];
    expect(allowed).toEqual(['example.com', '*.example.com', 'example.co.uk', '*.example.co.uk']);
    expect(how).toMatch(/^example\.com: www\.example\.com \(arn:aws:acm:[^)]+\), edge\.example\.com \(arn:aws:acm:[^)]+\)\.$/m);
    expect(how).toMatch(/^example\.co\.uk: shop\.example\.co\.uk \(arn:aws:acm:[^)]+\)\.$/m);
    expect(how).toMatch(/site\.github\.io \(under github\.io, a shared platform domain\)/);
    expect(how).toMatch(/nip\.io, a wildcard-DNS service/);
    expect(how).toMatch(/SCPs never apply to the organisation's management account/);
    expect(how).not.toMatch(/or as a permissions boundary/);
  });
});
