import { startDnsServer } from '../endpoint/dns-server.js';
import { loadDemoAccount, loadDemoOrganization, startEndpoint, type AccountData, type RunningEndpoint } from '../endpoint/index.js';
import { caCertificatePem } from '../endpoint/x509.js';
import { demoDnsRecords, demoPublicIssuers, demoServices } from './demo-evidence.js';

export type { DnsRecord } from '../endpoint/dns-server.js';
export type { AccountData, StoredCertificate } from '../endpoint/index.js';

/**
 * The built-in demo: the project's own ACM endpoint, started in-process on an
 * ephemeral loopback port, so `--demo` runs the very same SDK code path as a real
 * account — pagination, pacing, retries and all. Beside it a DNS server on loopback
 * answers the demo's zones, so the DNS renewal checks need no network either.
 */
export async function startDemoEndpoint(options: { organization?: boolean } = {}): Promise<RunningEndpoint & { dnsServer: string; trustRoots: string[] }> {
  const now = new Date();
  const withServices = (account: AccountData): AccountData => ({ ...account, services: { ...account.services, ...demoServices(account, now) } });
  const base = options.organization ? loadDemoOrganization(now) : { account: loadDemoAccount(now) };
  const organization = 'organization' in base && base.organization
    ? { ...base.organization, accounts: base.organization.accounts.map((a) => ({ ...a, account: withServices(a.account) })) }
    : undefined;
  const account = withServices(base.account);
  const accounts = organization ? organization.accounts.map((a) => a.account) : [account];
  const dns = await startDnsServer({ records: accounts.flatMap((a) => demoDnsRecords(a)), latencyMs: 5 });
  const endpoint = await startEndpoint({
    ...base,
    account,
    ...(organization ? { organization } : {}),
    // A little latency makes progressive loading visible, as it is against AWS.
    latencyMs: { min: 20, max: 90 },
  });
  return {
    ...endpoint,
    dnsServer: dns.address,
    // Its commercial CAs are made up: these stand in for the Mozilla store's roots (demo-evidence.ts).
    trustRoots: demoTrustRoots(accounts),
    close: async () => {
      await Promise.all([endpoint.close(), dns.close()]);
    },
  };
}

/** The certificates (PEM) of the endpoint's made-up CAs that stand in for public roots in the demo (demo-evidence.ts). */
export function demoTrustRoots(accounts: readonly AccountData[]): string[] {
  return demoPublicIssuers(accounts).map((c) => caCertificatePem(c.issuer!, c.notBefore ?? c.createdAt ?? new Date(0)));
}

export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMODEMODEMO', secretAccessKey: 'demo-secret-not-a-real-key' };
