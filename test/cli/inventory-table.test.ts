import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inventoryTable, runInventoryCommand } from '../../src/cli/commands/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { recordingContext } from '../support/command-context.js';
import { cert, inDays, NOW } from '../audit/helpers.js';
import { inventoryOf } from '../ui/fixtures.js';

const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';

/** The colour the EXPIRES cell of the only row starts with. */
function expiresColour(table: string): string | null {
  const row = table.split('\n')[1];
  const i = row.indexOf(inDays(0).slice(0, 4));
  const before = row.slice(0, i);
  return before.endsWith(RED) ? 'red' : before.endsWith(YELLOW) ? 'yellow' : null;
}

describe('inventory table', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-advisor-inv-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('colours expiry by the configured thresholds, each bound included', () => {
    const at = (days: number) => inventoryOf([cert({ notAfter: inDays(days) })], ['us-east-1']);
    const colour = (days: number, e = DEFAULT_AUDIT_CONFIG.expiryDays) => expiresColour(inventoryTable(at(days), NOW, true, e));
    expect([30, 31, 60, 61].map((d) => colour(d))).toEqual(['red', 'yellow', 'yellow', null]);
    expect([10, 11, 20, 21].map((d) => colour(d, { high: 10, medium: 20 }))).toEqual(['red', 'yellow', 'yellow', null]);
  });

  it('reads the thresholds from audit.yaml in the config folder', async () => {
    await writeFile(join(dir, 'audit.yaml'), 'expiryDays: { high: 40, medium: 50 }\n');
    const c = recordingContext({ inventory: inventoryOf([cert({ notAfter: inDays(35) })], ['us-east-1']), now: NOW, configDir: dir });
    c.ctx.color = true;
    expect(await runInventoryCommand(c.ctx, { format: 'table' })).toBe(0);
    expect(expiresColour(c.out.join(''))).toBe('red');
  });
});
