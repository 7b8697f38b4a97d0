import type { Certificate } from '../domain/certificate.js';
import type { Inventory, StageRead } from '../domain/inventory.js';

/**
 * The previous read of the same source, as the cache holds it (call before loadInventory, which replaces it):
 * 'unavailable' when this source is never cached (the demo, --no-cache, a Config aggregator), 'none' before
 * the first cached read.
 */
export type PreviousRead =
  | { kind: 'unavailable'; why: string }
  | { kind: 'none' }
  // `stages`: what the read stages saved then, so the previous findings are judged on the same evidence.
  | { kind: 'read'; savedAt: string; certificates: Certificate[]; stages: StageRead[] };

/**
 * What every non-interactive command gets from the CLI shell. Commands are thin:
 * they parse their own options, call pure functions, and write through `out`/`err`.
 */
export interface CommandContext {
  /** Data: stdout. */
  out(text: string): void;
  /** Diagnostics and progress: stderr. */
  err(text: string): void;
  /** Colour allowed on stdout (TTY, no --no-color, no NO_COLOR). */
  color: boolean;
  stdoutIsTTY: boolean;
  now: Date;
  /** Fetch the inventory with the global flags (profile, regions, endpoint, demo); progress goes to stderr on a TTY. */
  loadInventory(): Promise<Inventory>;
  /** acm-advisor's own config directory (session files, config.yaml). */
  configDir: string;
  /** The working directory relative paths resolve against. */
  cwd: string;
  previousRead(): Promise<PreviousRead>;
  /** acm-advisor's version (package.json), for report headers and SARIF. */
  version: string;
  /** The arguments after the program name, as typed (reports redact secrets from them). */
  argv: readonly string[];
}
