// Kept apart from the SDK so the TUI can show who it reads before the SDK loads.
import type { InventorySource } from '../domain/inventory.js';
import type { RegionSelection } from './regions.js';

/** The profile in force: --profile wins over AWS_PROFILE. */
export function effectiveProfile(flag: string | undefined): string | undefined {
  return flag ?? (process.env.AWS_PROFILE || undefined);
}

/** What the status line says about a source: profile, endpoint (flag or the SDK's variables), regions. */
export function sourceLabel(options: {
  profile?: string;
  endpoint?: string;
  demo?: boolean;
  regions: RegionSelection;
  scope?: { org: boolean; accounts: readonly string[] | null };
  origin?: { kind: 'api' } | { kind: 'config-aggregator'; name: string };
}): InventorySource['label'] {
  return {
    profile: options.demo ? 'demo' : (options.profile ?? null),
    // The demo's endpoint is its own, on a port of the moment: not worth a place on the status line.
    endpoint: options.endpoint ?? (options.demo ? null : (process.env.AWS_ENDPOINT_URL_ACM ?? process.env.AWS_ENDPOINT_URL ?? null)),
    demo: options.demo ?? false,
    regions: options.regions.kind === 'all' ? 'all' : options.regions.regions,
    scope:
      options.origin?.kind === 'config-aggregator'
        ? `config aggregator ${options.origin.name}`
        : options.scope?.org
          ? 'organisation'
          : options.scope?.accounts
            ? `${options.scope.accounts.length} account(s)`
            : null,
  };
}
