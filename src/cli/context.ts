import type { Inventory } from '../domain/inventory.js';

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
}
