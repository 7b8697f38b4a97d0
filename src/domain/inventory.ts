import type { Certificate } from './certificate.js';

export interface AccountIdentity {
  id: string;
  arn: string;
}

export interface RegionError {
  code: string;
  message: string;
}

export interface RegionState {
  region: string;
  status: 'pending' | 'loading' | 'ok' | 'error';
  error?: RegionError;
  /** Summaries listed so far. */
  listed: number;
  /** DescribeCertificate answers received so far (success or give-up). */
  described: number;
}

/** A whole inventory, as `inventory --format json` prints it (regions trimmed to region/status/error). */
export interface Inventory {
  generatedAt: string;
  account: AccountIdentity | null;
  regions: RegionState[];
  certificates: Certificate[];
  /** Non-fatal problems worth a line on stderr (identity unavailable, tags fell back, …). */
  warnings: string[];
}

/** Progress of a load, emitted so a UI can render while it runs. */
export type InventoryEvent =
  | { kind: 'identity'; account: AccountIdentity | null; warning?: string }
  | { kind: 'regions'; regions: string[] }
  | { kind: 'region-started'; region: string }
  /** A page of summaries: usable at once, detail fields still null. */
  | { kind: 'summaries'; region: string; certificates: Certificate[] }
  /** Certificates whose detail (or tags) arrived; replace earlier records with the same ARN. */
  | { kind: 'details'; region: string; certificates: Certificate[] }
  | { kind: 'region-failed'; region: string; error: RegionError }
  | { kind: 'region-done'; region: string }
  | { kind: 'warning'; message: string }
  | { kind: 'done'; inventory: Inventory };

/** Where the UI and CLI get an inventory from; the AWS layer implements it. */
export interface InventorySource {
  /** Human description for the status line: profile, endpoint, demo. */
  readonly label: { profile: string | null; endpoint: string | null; demo: boolean; regions: string[] | 'all' };
  load(onEvent: (e: InventoryEvent) => void, signal?: AbortSignal): Promise<Inventory>;
  /**
   * Reads these certificates' details next, in the load in progress: `opened` (the one the
   * user opened) before `visible` (the rows on screen); each call replaces the previous list
   * at its level. Optional: a source with nothing left to read ignores it.
   */
  prioritise?(arns: readonly string[], level: 'opened' | 'visible'): void;
}

/** True when some region failed: the CLI exits 3 and says which. */
export function isPartial(inv: Inventory): boolean {
  return inv.regions.some((r) => r.status === 'error');
}
