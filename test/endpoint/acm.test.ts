import {
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetAccountConfigurationCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  RequestCertificateCommand,
  AddTagsToCertificateCommand,
  SearchCertificatesCommand,
  paginateListCertificates,
  type CertificateSummary,
} from '@aws-sdk/client-acm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type AccountData, type RunningEndpoint } from '../../src/endpoint/index.js';
import { listEverything, clients, rejectionOf } from './helpers.js';

const now = new Date('2026-11-27T12:00:00Z');
let account: AccountData;
let endpoint: RunningEndpoint;

const inRegion = (region: string) => account.certificates.filter((c) => c.region === region);
const byDomain = (domain: string) => {
  const c = account.certificates.find((x) => x.domainName === domain);
  if (!c) throw new Error(`no demo certificate ${domain}`);
  return c;
};

beforeAll(async () => {
  account = loadDemoAccount(now);
  endpoint = await startEndpoint({ account, rateLimit: false });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.resetCalls();
  endpoint.setFaults({ pageSizeCap: undefined });
});

describe('ListCertificates', () => {
  it('applies ACM’s default filter: only RSA_1024/RSA_2048, no ACME-issued certificates', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const out = await acm.send(new ListCertificatesCommand({}));
    const listed = out.CertificateSummaryList ?? [];
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((s) => s.KeyAlgorithm))).toEqual(new Set(['RSA_2048']));
    expect(listed.some((s) => s.CertificateKeyPairOrigin === 'ACME')).toBe(false);
    const hidden = inRegion('us-east-1').filter(
      (c) => !['RSA_1024', 'RSA_2048'].includes(c.keyAlgorithm) || c.keyPairOrigin === 'ACME',
    );
    expect(hidden.length).toBeGreaterThan(0);
    expect(listed.length).toBe(inRegion('us-east-1').length - hidden.length);
  });

  it('shows EC, RSA_4096 and ACME certificates when asked for every key type and origin', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const out = await acm.send(new ListCertificatesCommand(listEverything()));
    const listed = out.CertificateSummaryList ?? [];
    expect(listed).toHaveLength(inRegion('us-east-1').length);
    const keys = new Set(listed.map((s) => s.KeyAlgorithm));
    expect(keys.has('EC_prime256v1')).toBe(true);
    expect(keys.has('RSA_4096')).toBe(true);
    expect(listed.some((s) => s.CertificateKeyPairOrigin === 'ACME')).toBe(true);
  });

  it('keyTypes alone still hides ACME; origins alone still hides EC keys', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const keysOnly = await acm.send(new ListCertificatesCommand({ Includes: listEverything().Includes }));
    expect(keysOnly.CertificateSummaryList!.some((s) => s.CertificateKeyPairOrigin === 'ACME')).toBe(false);
    const originsOnly = await acm.send(
      new ListCertificatesCommand({ CertificateKeyPairOrigins: listEverything().CertificateKeyPairOrigins }),
    );
    expect(originsOnly.CertificateSummaryList!.some((s) => s.KeyAlgorithm?.startsWith('EC_'))).toBe(false);
  });

  it('filters by CertificateStatuses', async () => {
    const { acm } = clients(endpoint, 'eu-west-1');
    const out = await acm.send(new ListCertificatesCommand({ ...listEverything(), CertificateStatuses: ['PENDING_VALIDATION', 'VALIDATION_TIMED_OUT'] }));
    const statuses = out.CertificateSummaryList!.map((s) => s.Status);
    expect(statuses.length).toBe(inRegion('eu-west-1').filter((c) => c.status === 'PENDING_VALIDATION' || c.status === 'VALIDATION_TIMED_OUT').length);
    expect(new Set(statuses)).toEqual(new Set(['PENDING_VALIDATION', 'VALIDATION_TIMED_OUT']));
  });

  it('paginates with a page cap of 1 and the SDK paginator still gets every certificate once', async () => {
    endpoint.setFaults({ pageSizeCap: 1 });
    const { acm } = clients(endpoint, 'eu-west-1');
    const seen: CertificateSummary[] = [];
    for await (const page of paginateListCertificates({ client: acm, pageSize: 100 }, listEverything())) {
      expect(page.CertificateSummaryList!.length).toBeLessThanOrEqual(1);
      seen.push(...page.CertificateSummaryList!);
    }
    const expected = inRegion('eu-west-1').map((c) => c.arn).sort();
    expect(seen.map((s) => s.CertificateArn).sort()).toEqual(expected);
    expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates')).toHaveLength(expected.length);
  });

  it('honours MaxItems and sorts by CreatedAt both ways', async () => {
    const { acm } = clients(endpoint, 'eu-west-1');
    const asc = await acm.send(new ListCertificatesCommand({ ...listEverything(), MaxItems: 3, SortBy: 'CREATED_AT', SortOrder: 'ASCENDING' }));
    expect(asc.CertificateSummaryList).toHaveLength(3);
    expect(asc.NextToken).toBeTruthy();
    const times = asc.CertificateSummaryList!.map((s) => s.CreatedAt!.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const desc = await acm.send(new ListCertificatesCommand({ ...listEverything(), MaxItems: 3, SortBy: 'CREATED_AT', SortOrder: 'DESCENDING' }));
    const dtimes = desc.CertificateSummaryList!.map((s) => s.CreatedAt!.getTime());
    expect([...dtimes].sort((a, b) => b - a)).toEqual(dtimes);
  });

  it('rejects MaxItems outside 1–1000, a lone SortBy and a forged NextToken', async () => {
    const { acm } = clients(endpoint, 'eu-west-1');
    expect((await rejectionOf(acm.send(new ListCertificatesCommand({ MaxItems: 1001 })))).name).toBe('ValidationException');
    expect((await rejectionOf(acm.send(new ListCertificatesCommand({ MaxItems: 0 })))).name).toBe('ValidationException');
    expect((await rejectionOf(acm.send(new ListCertificatesCommand({ SortBy: 'CREATED_AT' })))).name).toBe('ValidationException');
    expect((await rejectionOf(acm.send(new ListCertificatesCommand({ NextToken: 'not-a-token' })))).name).toBe('InvalidArgsException');
  });

  it('returns summary fields with ACM’s summary spelling', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const out = await acm.send(new ListCertificatesCommand(listEverything()));
    const vpn = out.CertificateSummaryList!.find((s) => s.DomainName === 'vpn.northwind-outfitters.com')!;
    expect(vpn).toMatchObject({ ExportOption: 'ENABLED', Exported: true, InUse: false, Type: 'AMAZON_ISSUED', HasAdditionalSubjectAlternativeNames: false });
    expect(vpn.KeyUsages).toEqual(['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT']);
    expect(vpn.ExtendedKeyUsages).toEqual(['TLS_WEB_SERVER_AUTHENTICATION']);
    expect(vpn.NotAfter).toBeInstanceOf(Date);
    const multi = out.CertificateSummaryList!.find((s) => s.DomainName === 'northwind-outfitters.com')!;
    expect(multi.SubjectAlternativeNameSummaries).toHaveLength(10);
    const blog = out.CertificateSummaryList!.find((s) => s.DomainName === 'blog.northwind-outfitters.com')!;
    expect(blog.ManagedBy).toBe('CLOUDFRONT');
  });
});

describe('DescribeCertificate', () => {
  it('returns the full detail shape the SDK parses: Dates, KeyUsages as objects, validation records', async () => {
    const cert = byDomain('stores.northwind-outfitters.com');
    const { acm } = clients(endpoint, cert.region);
    const { Certificate: d } = await acm.send(new DescribeCertificateCommand({ CertificateArn: cert.arn }));
    expect(d).toBeDefined();
    expect(d!.CertificateArn).toBe(cert.arn);
    expect(d!.NotAfter).toBeInstanceOf(Date);
    expect(d!.NotAfter!.getTime()).toBe(cert.notAfter!.getTime());
    expect(d!.CreatedAt).toBeInstanceOf(Date);
    expect(d!.KeyUsages).toEqual([{ Name: 'DIGITAL_SIGNATURE' }, { Name: 'KEY_ENCIPHERMENT' }]);
    expect(d!.ExtendedKeyUsages).toEqual([{ Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' }]);
    expect(d!.SubjectAlternativeNames).toEqual(['stores.northwind-outfitters.com', 'store-locator.northwind-outfitters.com']);
    expect(d!.DomainValidationOptions).toHaveLength(2);
    expect(d!.DomainValidationOptions![0]).toMatchObject({ ValidationMethod: 'DNS', ValidationStatus: 'SUCCESS' });
    expect(d!.DomainValidationOptions![0].ResourceRecord).toMatchObject({ Type: 'CNAME' });
    expect(d!.DomainValidationOptions![0].ResourceRecord!.Value).toMatch(/acm-validations\.aws\.$/);
    expect(d!.RenewalSummary).toMatchObject({ RenewalStatus: 'FAILED', RenewalStatusReason: 'CAA_ERROR' });
    expect(d!.RenewalSummary!.UpdatedAt).toBeInstanceOf(Date);
    expect(d!.Options).toEqual({ CertificateTransparencyLoggingPreference: 'ENABLED', Export: 'DISABLED', ValidationMethod: 'DNS' });
    expect(d!.InUseBy![0]).toMatch(/^arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer\/app\//);
    expect(d!.RenewalEligibility).toBe('ELIGIBLE');
    expect(d!.Serial).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('shows email validation, HTTP redirects, private CAs and failures as ACM does', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const help = (await acm.send(new DescribeCertificateCommand({ CertificateArn: byDomain('help.northwind-outfitters.com').arn }))).Certificate!;
    expect(help.DomainValidationOptions![0].ValidationEmails).toContain('admin@northwind-outfitters.com');
    const blog = (await acm.send(new DescribeCertificateCommand({ CertificateArn: byDomain('blog.northwind-outfitters.com').arn }))).Certificate!;
    expect(blog.DomainValidationOptions![0].HttpRedirect!.RedirectFrom).toMatch(/^http:\/\/blog\.northwind-outfitters\.com\/\.well-known\/pki-validation\//);
    const failed = (await acm.send(new DescribeCertificateCommand({ CertificateArn: byDomain('shop.northwind-outfitters.co.uk').arn }))).Certificate!;
    expect(failed).toMatchObject({ Status: 'FAILED', FailureReason: 'CAA_ERROR' });
    expect(failed.NotAfter).toBeUndefined();
    expect(failed.Serial).toBeUndefined();

    const priv = byDomain('grafana.corp.northwind.internal');
    const grafana = (await clients(endpoint, priv.region).acm.send(new DescribeCertificateCommand({ CertificateArn: priv.arn }))).Certificate!;
    expect(grafana.Type).toBe('PRIVATE');
    expect(grafana.CertificateAuthorityArn).toMatch(/^arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority\//);
    expect(grafana.DomainValidationOptions).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown ARN and for an ARN of another region', async () => {
    const { acm } = clients(endpoint, 'eu-west-1');
    const unknown = await rejectionOf(
      acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-4000-8000-000000000000' })),
    );
    expect(unknown.name).toBe('ResourceNotFoundException');
    expect(unknown.$metadata?.httpStatusCode).toBe(400);
    const elsewhere = await rejectionOf(acm.send(new DescribeCertificateCommand({ CertificateArn: inRegion('us-east-1')[0].arn })));
    expect(elsewhere.name).toBe('ResourceNotFoundException');
    const malformed = await rejectionOf(acm.send(new DescribeCertificateCommand({ CertificateArn: 'arn:aws:s3:::definitely-not-a-cert' })));
    expect(malformed.name).toBe('InvalidArnException');
  });
});

describe('other ACM reads', () => {
  it('ListTagsForCertificate returns tags, hostile values intact', async () => {
    const cert = byDomain('spring-sale.northwind-outfitters.com');
    const { acm } = clients(endpoint, cert.region);
    const out = await acm.send(new ListTagsForCertificateCommand({ CertificateArn: cert.arn }));
    expect(out.Tags).toContainEqual({ Key: 'application', Value: '<script>alert(1)</script>' });
    expect(out.Tags).toContainEqual({ Key: 'owner', Value: 'marketing | growth `ops`' });
  });

  it('GetCertificate returns PEM, and RequestInProgressException while validation is pending', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const out = await acm.send(new GetCertificateCommand({ CertificateArn: byDomain('www.northwind-outfitters.com').arn }));
    expect(out.Certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(out.CertificateChain).toContain('-----BEGIN CERTIFICATE-----');
    const pending = await rejectionOf(acm.send(new GetCertificateCommand({ CertificateArn: byDomain('lookbook.northwind-outfitters.com').arn })));
    expect(pending.name).toBe('RequestInProgressException');
  });

  it('GetAccountConfiguration reports the 45-day expiry events default', async () => {
    const { acm } = clients(endpoint, 'ap-southeast-2');
    const out = await acm.send(new GetAccountConfigurationCommand({}));
    expect(out.ExpiryEvents).toEqual({ DaysBeforeExpiry: 45 });
  });

  it('SearchCertificates filters with And/Not over metadata and X.509 attributes, without the default key filter', async () => {
    const { acm } = clients(endpoint, 'us-east-1');
    const out = await acm.send(
      new SearchCertificatesCommand({
        FilterStatement: {
          And: [
            { Filter: { AcmCertificateMetadataFilter: { Status: 'ISSUED' } } },
            { Filter: { X509AttributeFilter: { Subject: { CommonName: { Value: 'static', ComparisonOperator: 'CONTAINS' } } } } },
          ],
        },
      }),
    );
    expect(out.Results!.map((r) => r.CertificateArn)).toEqual([byDomain('*.static.northwind-outfitters.com').arn]);
    expect(out.Results![0].X509Attributes!.KeyAlgorithm).toBe('EC_prime256v1');
    expect(out.Results![0].X509Attributes!.NotAfter).toBeInstanceOf(Date);
    expect(out.Results![0].CertificateMetadata!.AcmCertificateMetadata!.InUse).toBe(true);

    const notIssued = await acm.send(
      new SearchCertificatesCommand({ FilterStatement: { Not: { Filter: { AcmCertificateMetadataFilter: { Status: 'ISSUED' } } } }, MaxResults: 500 }),
    );
    expect(notIssued.Results!.length).toBe(inRegion('us-east-1').filter((c) => c.status !== 'ISSUED').length);
  });
});

describe('writes', () => {
  it('refuses every write with AccessDeniedException and records it as a write', async () => {
    const { acm } = clients(endpoint, 'eu-west-1');
    const arn = inRegion('eu-west-1')[0].arn;
    const attempts = [
      acm.send(new DeleteCertificateCommand({ CertificateArn: arn })),
      acm.send(new RequestCertificateCommand({ DomainName: 'evil.example.com' })),
      acm.send(new AddTagsToCertificateCommand({ CertificateArn: arn, Tags: [{ Key: 'k', Value: 'v' }] })),
    ];
    for (const attempt of attempts) {
      const error = await rejectionOf(attempt);
      expect(error.name).toBe('AccessDeniedException');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
    expect(endpoint.calls).toEqual([
      { service: 'acm', operation: 'DeleteCertificate', region: 'eu-west-1', accountId: account.accountId, role: null, status: 403, write: true },
      { service: 'acm', operation: 'RequestCertificate', region: 'eu-west-1', accountId: account.accountId, role: null, status: 403, write: true },
      { service: 'acm', operation: 'AddTagsToCertificate', region: 'eu-west-1', accountId: account.accountId, role: null, status: 403, write: true },
    ]);
    // Nothing changed.
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    expect(Certificate!.CertificateArn).toBe(arn);
  });

  it('records reads as reads', async () => {
    const { acm } = clients(endpoint, 'eu-central-1');
    await acm.send(new ListCertificatesCommand({}));
    expect(endpoint.calls).toEqual([{ service: 'acm', operation: 'ListCertificates', region: 'eu-central-1', accountId: account.accountId, role: null, status: 200, write: false }]);
  });
});

describe('wire details', () => {
  const post = (target: string, body: string, region = 'eu-west-1') =>
    fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': target,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/20261127/${region}/acm/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body,
    });

  it('accepts an empty body for an operation without input', async () => {
    const res = await post('CertificateManager.GetAccountConfiguration', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ExpiryEvents: { DaysBeforeExpiry: 45 } });
  });

  it('sends timestamps as epoch seconds and errors as __type with both message casings', async () => {
    const list = (await (await post('CertificateManager.ListCertificates', '{"MaxItems":1}')).json()) as { CertificateSummaryList: { CreatedAt: unknown }[] };
    expect(typeof list.CertificateSummaryList[0].CreatedAt).toBe('number');
    const res = await post('CertificateManager.DeleteCertificate', '{}');
    expect(res.status).toBe(403);
    const body = (await res.json()) as Record<string, string>;
    expect(body.__type).toBe('AccessDeniedException');
    expect(body.Message).toBe(body.message);
    const bad = await post('CertificateManager.ListCertificates', '{not json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Record<string, string>).__type).toBe('SerializationException');
  });

  it('refuses unknown ACM operations without pretending to support them', async () => {
    const res = await post('CertificateManager.ListCertificateDomainValidations', '{}');
    expect(res.status).toBe(403);
    expect(endpoint.calls.at(-1)).toMatchObject({ service: 'acm', operation: 'ListCertificateDomainValidations', write: false, status: 403 });
  });
});
