import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEndpoint } from '../../src/endpoint/index.js';
import { certsIn, cli, DETAIL_RULES, faultyEndpoint, TAG_RULES } from './helpers.js';

// One fault per case, over HTTP against the real binary. Small --timeout values make stalls
// resolve quickly; nothing here asserts on elapsed time.
describe('fault suite: every run is bounded, every gap is named', () => {
  let endpoint: RunningEndpoint | null = null;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = null;
  });
  const n = certsIn('us-east-1').length;

  it('a DescribeCertificate that never answers: timed out, exit 3, the checks lost are named', async () => {
    endpoint = await faultyEndpoint({ stalledOperations: ['acm:DescribeCertificate'] });
    // The stalled call never answers, so any timeout is reached; 3 s (not less) so that on a loaded 2-core
    // machine the calls that do answer (STS, listing, the read stages) are never the ones timed out.
    const r = await cli(endpoint, ['--timeout', '3', '--regions', 'us-east-1', 'inventory', '--format', 'json'], { AWS_MAX_ATTEMPTS: '1' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`DescribeCertificate timed out for ${n} certificates in us-east-1 (TimeoutError): ${DETAIL_RULES}`);
    expect(JSON.parse(r.stdout).regions[0]).toMatchObject({ status: 'partial', detailsFailed: [{ part: 'details', reason: 'timeout', code: 'TimeoutError', count: n }] });
  });

  it('a ListCertificates NextToken that repeats: the region stops with an error after two pages, exit 3', async () => {
    endpoint = await faultyEndpoint({ repeatTokenOperations: ['acm:ListCertificates'] });
    const r = await cli(endpoint, ['--regions', 'us-east-1,eu-central-1', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/us-east-1 failed, results are partial: ListCertificates returned the same pagination token twice in us-east-1/);
    const lists = endpoint.calls.filter((c) => c.operation === 'ListCertificates' && c.region === 'us-east-1');
    expect(lists).toHaveLength(2);
    const json = JSON.parse(r.stdout);
    expect(json.regions.find((x: { region: string }) => x.region === 'us-east-1')).toMatchObject({ status: 'error', error: { code: 'RunawayPagination' } });
  });

  it('a GetResources token that repeats: tags are read one by one instead, nothing lost, exit 0', async () => {
    endpoint = await faultyEndpoint({ repeatTokenOperations: ['tagging:GetResources'] });
    const r = await cli(endpoint, ['--regions', 'us-east-1', 'inventory', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the Tagging API failed (RunawayPagination); reading tags certificate by certificate');
    expect(endpoint.calls.filter((c) => c.operation === 'GetResources')).toHaveLength(2);
    expect(JSON.parse(r.stdout).certificates.every((c: { tags: unknown }) => c.tags !== null)).toBe(true);
  });

  it('credentials that expire mid-run: named as expired, with the fix, exit 3', async () => {
    // STS, ListCertificates, SearchCertificates and GetResources pass; every describe after that is refused.
    endpoint = await faultyEndpoint({ expireCredentialsAfter: 4 });
    const r = await cli(endpoint, ['--regions', 'us-east-1', 'report']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/refused because the credentials expired for \d+ certificates? in us-east-1 \(ExpiredTokenException\)/);
    expect(r.stderr).toContain("sign in again (aws sso login) or refresh the role's session");
    expect(r.stdout.split('\n').slice(0, 4).join('\n')).toContain('**Incomplete:**');
  });

  it('DescribeCertificate answered with a body that is not JSON: an unreadable response, exit 3', async () => {
    endpoint = await faultyEndpoint({ malformedOperations: ['acm:DescribeCertificate'] });
    const r = await cli(endpoint, ['--regions', 'us-east-1', 'audit', '--format', 'json', '--rules', 'transparency-logging-disabled']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`DescribeCertificate answered with a response that could not be read for ${n} certificates in us-east-1`));
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.notEvaluated[0]).toMatchObject({ ruleId: 'transparency-logging-disabled' });
    expect(out.notEvaluated[0].certificateArns).toHaveLength(n);
  });

  it('connections reset on DescribeCertificate: a network failure, exit 3', async () => {
    endpoint = await faultyEndpoint({ resetOperations: ['acm:DescribeCertificate@us-east-1'] });
    const r = await cli(endpoint, ['--regions', 'us-east-1,eu-central-1', 'inventory', '--format', 'json'], { AWS_MAX_ATTEMPTS: '2' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`DescribeCertificate could not reach AWS for ${n} certificates in us-east-1 \\((ECONNRESET|EPIPE)\\)`));
    const regions = JSON.parse(r.stdout).regions;
    expect(regions.find((x: { region: string }) => x.region === 'eu-central-1').status).toBe('ok');
  });

  it('both tag APIs denied: tags null (unknown), missing-tags does not fire, exit 3', async () => {
    endpoint = await faultyEndpoint({ deniedOperations: ['tagging:GetResources', 'acm:ListTagsForCertificate'] });
    const r = await cli(endpoint, ['--regions', 'us-east-1', 'audit', '--format', 'json', '--rules', 'missing-tags']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Tag reads (GetResources, ListTagsForCertificate) denied for ${n} certificates in us-east-1 (AccessDeniedException): ${TAG_RULES}`);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.notEvaluated).toEqual([expect.objectContaining({ ruleId: 'missing-tags', certificateArns: expect.any(Array) })]);
    expect(out.notEvaluated[0].certificateArns).toHaveLength(n);
  });
});
