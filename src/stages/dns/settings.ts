/**
 * How the DNS stage resolves, set once by the CLI from `--dns-server`, `--no-dns` and `--timeout`
 * before the run starts (the stage contract carries no per-stage options).
 */
export interface DnsSettings {
  /** `HOST[:PORT]`; the system's resolvers when absent. */
  server?: string;
  timeoutMs: number;
  /** Lookups in flight at once, across the run. */
  concurrency: number;
}

let current: DnsSettings = { timeoutMs: 5_000, concurrency: 32 };

export function setDnsSettings(settings: Partial<DnsSettings>): void {
  current = { ...current, ...settings };
}

export function dnsSettings(): DnsSettings {
  return current;
}
