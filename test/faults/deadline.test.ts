import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEndpoint } from '../../src/endpoint/index.js';
import { certsIn, cli, DETAIL_RULES, faultyEndpoint } from './helpers.js';

// The whole run's deadline (--deadline), one fault per case, over HTTP against the real binary.
// A stalled call never answers, so the deadline is always reached before a 60 s --timeout, and
// nothing asserts on elapsed time. What must happen before the deadline (start-up, STS, listing the
// few certificates) takes well under a second idle but over 2 s on a loaded 2-core machine, so the
// stalls after listing get 8 s, as in deadline-org.test.ts.
describe('fault suite: --deadline ends the run with what it has', () => {
  let endpoint: RunningEndpoint | null = null;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = null;
  });
  const n = certsIn('us-east-1').length;
  const slow = ['--timeout', '60', '--deadline', '8s'];

  it('DescribeCertificate stalls: exit 3, the deadline and the certificates without details are named in stderr, JSON and the report', async () => {
    endpoint = await faultyEndpoint({ stalledOperations: ['acm:DescribeCertificate'] });
    const r = await cli(endpoint, [...slow, '--regions', 'us-east-1,eu-central-1', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('acm-advisor: the deadline of 8s passed before the read finished: 2 of 2 regions not read in full; the output holds what was read by then');
    expect(r.stderr).toContain(`DescribeCertificate not finished before the deadline for ${n} certificates in us-east-1: ${DETAIL_RULES}`);
    const json = JSON.parse(r.stdout);
    expect(json.stopped).toMatchObject({ code: 'DeadlineExceeded' });
    const east = json.regions.find((x: { region: string }) => x.region === 'us-east-1');
    expect(east).toMatchObject({ status: 'partial', detailsFailed: [{ part: 'details', reason: 'unfinished', code: 'DeadlineExceeded', count: n }] });
    // Every listed certificate is kept, with what listing and search gave.
    expect(json.certificates.filter((c: { region: string }) => c.region === 'us-east-1')).toHaveLength(n);
    for (const c of json.certificates) {
      expect(c.domainName).not.toBeNull();
      expect(c.detail).toMatchObject({ state: 'failed', reason: 'DescribeCertificate not finished before the deadline', failure: { reason: 'unfinished', code: 'DeadlineExceeded' } });
    }

    const md = await cli(endpoint, [...slow, '--regions', 'us-east-1', 'report']);
    expect(md.code).toBe(3);
    const head = md.stdout.split('\n').slice(0, 4).join('\n');
    expect(head).toContain('**Incomplete:** the deadline of 8s passed before the read finished');
    expect(head).toContain(`DescribeCertificate not finished before the deadline for ${n} certificates in us-east-1`);

    const audit = await cli(endpoint, [...slow, '--regions', 'us-east-1', 'audit', '--format', 'json', '--rules', 'transparency-logging-disabled']);
    expect(audit.code).toBe(3);
    const out = JSON.parse(audit.stdout);
    expect(out.findings).toEqual([]);
    expect(out.stopped).toMatchObject({ code: 'DeadlineExceeded' });
    expect(out.notEvaluated).toEqual([
      { ruleId: 'transparency-logging-disabled', certificateArns: certsIn('us-east-1').map((c) => c.arn).sort(), reason: 'DescribeCertificate not finished before the deadline' },
    ]);
  }, 90_000);

  it('ListCertificates stalls in one region: that region is reported unfinished, the other is read in full, exit 3', async () => {
    endpoint = await faultyEndpoint({ stalledOperations: ['acm:ListCertificates@us-east-1'] });
    // us-east-2 holds two certificates: read in well under a second, so 8 s is a wide margin on a busy machine.
    const r = await cli(endpoint, ['--timeout', '60', '--deadline', '8s', '--regions', 'us-east-1,us-east-2', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      'acm-advisor: the deadline of 8s passed before the read finished: 1 of 2 regions not read in full; the output holds what was read by then',
      'acm-advisor: the deadline of 8s passed before us-east-1 listed any certificate',
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.regions).toEqual([
      { region: 'us-east-1', status: 'error', error: { code: 'DeadlineExceeded', message: 'the deadline of 8s passed before us-east-1 listed any certificate' }, detailsFailed: [] },
      { region: 'us-east-2', status: 'ok', detailsFailed: [] },
    ]);
    expect(json.certificates).toHaveLength(certsIn('us-east-2').length);
    expect(json.certificates.every((c: { detail: { state: string } }) => c.detail.state === 'complete')).toBe(true);
  });

  it('a deadline that is not reached changes nothing: exit 0, the same output as without it', async () => {
    endpoint = await faultyEndpoint({});
    const args = ['--regions', 'us-east-1,eu-central-1', 'inventory', '--format', 'json'];
    const without = await cli(endpoint, args);
    const within = await cli(endpoint, ['--deadline', '10m', ...args]);
    expect(within.code).toBe(0);
    expect(within.stderr).toBe('');
    const strip = (s: string) => ({ ...JSON.parse(s), generatedAt: null });
    expect(strip(within.stdout)).toEqual(strip(without.stdout));
  });

  it.each([['soon'], ['0s'], ['1.5m'], ['-5m'], ['30d']])('--deadline %s: a usage error in one sentence, exit 2, no AWS call', async (value) => {
    endpoint = await faultyEndpoint({});
    const r = await cli(endpoint, ['--deadline', value, 'inventory']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^acm-advisor: --deadline (takes a duration such as 15m, 1h or 2h30m|must be longer than zero|can be at most 24d) \(got '.*'\)/);
    expect(endpoint.calls).toHaveLength(0);
  });
});
