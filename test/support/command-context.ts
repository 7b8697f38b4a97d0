import type { CommandContext, PreviousRead } from '../../src/cli/context.js';
import type { Inventory } from '../../src/domain/inventory.js';

/**
 * A CommandContext that records what a command writes and counts inventory loads —
 * for unit tests of command bodies (the real shell is exercised through the binary in test/cli).
 */
export function recordingContext(options: { inventory?: Inventory; now: Date; configDir?: string; cwd?: string; previous?: PreviousRead; argv?: string[] }) {
  const out: string[] = [];
  const err: string[] = [];
  let loads = 0;
  const ctx: CommandContext = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    color: false,
    stdoutIsTTY: false,
    now: options.now,
    loadInventory: async () => {
      loads++;
      if (!options.inventory) throw new Error('this command must not need AWS');
      return options.inventory;
    },
    configDir: options.configDir ?? '/nonexistent-acm-advisor-config',
    cwd: options.cwd ?? '/',
    version: '0.0.0-test',
    argv: options.argv ?? [],
    previousRead: async () => options.previous ?? { kind: 'unavailable', why: 'this test context has no cache' },
  };
  return { ctx, out, err, loads: () => loads };
}
