import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEndpoint } from '../../src/endpoint/index.js';
import { certsIn, cli, DETAIL_RULES, faultyEndpoint } from './helpers.js';

// Listing is allowed, DescribeCertificate is denied: the classic half-granted read-only role.
describe('fault: DescribeCertificate denied while listing is allowed', () => {
  let endpoint: RunningEndpoint;
  const n = certsIn('us-east-1').length;
  beforeAll(async () => {
    endpoint = await faultyEndpoint({ deniedOperations: ['acm:DescribeCertificate'] });
  });
  afterAll(() => endpoint.close());

  it('inventory: exit 3, one stderr line with the count and the checks lost, detailsFailed in the JSON', async () => {
    const r = await cli(endpoint, ['--regions', 'us-east-1', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`DescribeCertificate denied for ${n} certificates in us-east-1 (AccessDeniedException): ${DETAIL_RULES}`);
    expect(r.stderr.trim().split('\n').filter((l) => l.includes('DescribeCertificate'))).toHaveLength(1);
    const json = JSON.parse(r.stdout);
    expect(json.regions).toEqual([
      { region: 'us-east-1', status: 'partial', detailsFailed: [{ part: 'details', reason: 'denied', code: 'AccessDeniedException', count: n }] },
    ]);
    expect(json.certificates).toHaveLength(n);
    // Summary fields stand; detail-only fields are unknown, not invented.
    for (const c of json.certificates) {
      expect(c.domainName).not.toBeNull();
      expect(c.issuer).toBeNull();
      expect(c.detail).toMatchObject({ state: 'failed' });
    }
  });

  it('audit: never "No findings." — the rules that could not run are listed per certificate, exit 3', async () => {
    const table = await cli(endpoint, ['--regions', 'us-east-1', 'audit', '--rules', 'transparency-logging-disabled', '--fail-on', 'low']);
    expect(table.code).toBe(3);
    expect(table.stdout).not.toMatch(/^No findings\.$/m);
    expect(table.stdout).toContain('No findings among what could be checked.');
    expect(table.stdout).toContain('NOT CHECKED');

    const json = await cli(endpoint, ['--regions', 'us-east-1', 'audit', '--format', 'json', '--rules', 'transparency-logging-disabled']);
    expect(json.code).toBe(3);
    const out = JSON.parse(json.stdout);
    expect(out.findings).toEqual([]);
    expect(out.notEvaluated).toEqual([
      { ruleId: 'transparency-logging-disabled', certificateArns: certsIn('us-east-1').map((c) => c.arn).sort(), reason: 'DescribeCertificate denied (AccessDeniedException)' },
    ]);
  });

  it('report: the first lines say the report is incomplete and which checks did not run', async () => {
    const md = await cli(endpoint, ['--regions', 'us-east-1', 'report']);
    expect(md.code).toBe(3);
    const head = md.stdout.split('\n').slice(0, 4).join('\n');
    expect(head).toContain('**Incomplete:**');
    expect(head).toContain(`DescribeCertificate denied for ${n} certificates in us-east-1`);
    expect(head).toContain(DETAIL_RULES);

    const json = JSON.parse((await cli(endpoint, ['--regions', 'us-east-1', 'report', '--format', 'json'])).stdout);
    expect(Object.keys(json).slice(0, 3)).toEqual(['schemaVersion', 'partial', 'incomplete']);
    expect(json.partial).toBe(true);
    expect(json.incomplete[0]).toContain(DETAIL_RULES);
  });
});
