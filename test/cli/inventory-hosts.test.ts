import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS } from './run-cli.js';
import { parseCsv } from '../support/csv.js';

/**
 * The inventory's Hosts column (real binary, real SDK, wire-level endpoint): the demo account's
 * load balancers, distributions, API domains and zones, with the load balancers of eu-west-1 denied,
 * so that region's hostnames are unknown. The table counts them (— when unknown), the CSV lists
 * them in the `hostnames` field, and both agree with the JSON.
 */
const REGIONS = ['us-east-1', 'eu-west-1'];
const ARGS = ['--regions', REGIONS.join(',')];

describe('acm-advisor inventory: hostnames', () => {
  let endpoint: RunningEndpoint;
  let hostnames: Map<string, string[] | null>;
  const domains = new Map<string, string>();
  beforeAll(async () => {
    endpoint = await startEndpoint({
      account: loadDemoAccount(new Date()),
      rateScale: 50,
      deniedOperations: ['elasticloadbalancing:DescribeLoadBalancers@eu-west-1'],
    });
    const r = await runCli(['inventory', '--format', 'json', '--endpoint-url', endpoint.url, ...ARGS], TEST_KEYS);
    expect(r.code).toBe(3);
    const certs: Array<{ arn: string; domainName: string; region: string; hostnames: string[] | null }> = JSON.parse(r.stdout).certificates;
    hostnames = new Map(certs.map((c) => [c.arn, c.hostnames]));
    for (const c of certs) domains.set(`${c.domainName} ${c.region}`, c.arn);
    // The premise: counts where every read answered, unknown where one was denied.
    expect(certs.filter((c) => c.region === 'us-east-1').every((c) => Array.isArray(c.hostnames))).toBe(true);
    expect(certs.filter((c) => c.region === 'us-east-1').some((c) => c.hostnames!.length > 1)).toBe(true);
    expect(certs.filter((c) => c.region === 'eu-west-1').every((c) => c.hostnames === null)).toBe(true);
  });
  afterAll(() => endpoint.close());

  it('the table has a HOSTS column: the count, — where the reads did not cover the region', async () => {
    const r = await runCli(['inventory', '--endpoint-url', endpoint.url, ...ARGS], TEST_KEYS);
    expect(r.code).toBe(3);
    const [header, ...rows] = r.stdout.split('\n');
    const at = header.indexOf('HOSTS');
    expect(at).toBeGreaterThan(header.indexOf('IN USE'));
    const seen = rows.filter((l) => / (us-east-1|eu-west-1) /.test(l));
    expect(seen).toHaveLength(hostnames.size);
    for (const row of seen) {
      const [domain, region] = row.split(/\s+/);
      const names = hostnames.get(domains.get(`${domain} ${region}`)!);
      expect(names, row).not.toBeUndefined();
      expect(row.slice(at).split(/\s+/)[0], row).toBe(names === null ? '—' : String(names!.length));
    }
  });

  it('the CSV writes the hostnames themselves, ;-separated, in a hostnames field', async () => {
    const r = await runCli(['inventory', '--format', 'csv', '--endpoint-url', endpoint.url, ...ARGS], TEST_KEYS);
    expect(r.code).toBe(3);
    const [header, ...records] = parseCsv(r.stdout);
    const arn = header.indexOf('arn');
    const field = header.indexOf('hostnames');
    expect(field).toBeGreaterThan(header.indexOf('inUseBy'));
    expect(records).toHaveLength(hostnames.size);
    for (const record of records) expect(record[field], record[arn]).toBe((hostnames.get(record[arn]) ?? []).join(';'));
    expect(records.some((record) => record[field].includes(';'))).toBe(true);
  });
});
