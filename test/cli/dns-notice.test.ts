import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDnsRecords } from '../../src/cli/demo-evidence.js';
import { startDnsServer, type RunningDnsServer } from '../../src/endpoint/dns-server.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS } from './run-cli.js';

/**
 * --endpoint-url (or AWS_ENDPOINT_URL) without --dns-server: a test or local endpoint's names need not be in
 * public DNS, so the DNS renewal checks do not run, and the run says so in one line naming both flags
 * rather than passing them in silence. The demo answers its zones itself and is unaffected (inventory-cli's
 * demo run keeps stderr empty).
 */

const NOTICE =
  'acm-advisor: warning: DNS renewal checks not run: validation-record-missing and caa-blocks-amazon were not checked, as the AWS calls go to an endpoint other than AWS (--endpoint-url or AWS_ENDPOINT_URL) whose names public DNS need not hold; pass --dns-server HOST[:PORT] to run them, or --no-dns to skip them on purpose';

const now = new Date();
const full = loadDemoAccount(now);
// eu-west-1 holds the demo's certificate whose CAA set names only another CA.
const account = { ...full, enabledRegions: ['eu-west-1'], certificates: full.certificates.filter((c) => c.region === 'eu-west-1') };

let endpoint: RunningEndpoint;
let dnsServer: RunningDnsServer;
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 50 });
  dnsServer = await startDnsServer({ records: demoDnsRecords(account) });
});
afterAll(async () => {
  await endpoint.close();
  await dnsServer.close();
});

const caaFindings = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string }> }).findings.filter((f) => f.ruleId === 'caa-blocks-amazon');
const audit = (args: string[], env: Record<string, string> = {}) => runCli(['audit', '--format', 'json', '--regions', 'eu-west-1', ...args], { ...TEST_KEYS, ...env });

describe('DNS checks against another endpoint', () => {
  it('--endpoint-url alone: the checks do not run and one stderr line says so, naming --dns-server and --no-dns', async () => {
    const before = dnsServer.queries.length;
    const r = await audit(['--endpoint-url', endpoint.url]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('DNS'))).toEqual([NOTICE]);
    expect(caaFindings(r.stdout)).toEqual([]);
    expect(dnsServer.queries.length).toBe(before);
  });

  it('AWS_ENDPOINT_URL is the same endpoint by another name: the same line, not the system resolver', async () => {
    const r = await audit([], { AWS_ENDPOINT_URL: endpoint.url });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('DNS'))).toEqual([NOTICE]);
    expect(caaFindings(r.stdout)).toEqual([]);
  });

  it('--dns-server runs them through that server, with no notice', async () => {
    const before = dnsServer.queries.length;
    const r = await audit(['--endpoint-url', endpoint.url, '--dns-server', dnsServer.address]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('DNS renewal checks');
    expect(caaFindings(r.stdout)).toHaveLength(1);
    expect(dnsServer.queries.length).toBeGreaterThan(before);
  });

  it('--no-dns says it skipped them, instead', async () => {
    const r = await audit(['--endpoint-url', endpoint.url, '--no-dns']);
    expect(r.stderr.split('\n').filter((l) => l.includes('DNS'))).toEqual([
      'acm-advisor: warning: DNS renewal checks skipped (--no-dns): validation-record-missing and caa-blocks-amazon were not checked',
    ]);
  });

  it('--help says what --dns-server does with --endpoint-url', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      "(default: the system's resolvers; with --endpoint-url or AWS_ENDPOINT_URL the checks run only through this server, and without it the run says they did not run)",
    );
  });
});
