import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';
import type { InventoryEvent } from '../../src/domain/inventory.js';

const waiting = (waitedMs: number, count = 1): InventoryEvent => ({
  kind: 'waiting',
  afterMs: 5_000,
  requests: [{ operation: 'DescribeCertificate', region: 'eu-west-1', count, waitedMs }],
});

describe('the CLI’s progress line on a terminal', () => {
  function fakeTty(columns: number) {
    const writes: string[] = [];
    const stream = { isTTY: true, columns, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    return { stream, line: () => writes.at(-1)!.replace(/^\r\u001b\[2K/, '') };
  }

  it('says what it waits on, at once, within the terminal’s width, and drops it when the wait ends', () => {
    const tty = fakeTty(200);
    const progress = progressReporter(tty.stream);
    progress.onEvent({ kind: 'regions', regions: ['eu-west-1'] });
    progress.onEvent(waiting(12_000));
    expect(tty.line()).toBe('reading ACM: 0/1 regions, 0/0 certificates described · waiting 12 s on DescribeCertificate in eu-west-1');
    progress.onEvent({ kind: 'waiting', afterMs: 5_000, requests: [] });
    expect(tty.line()).toBe('reading ACM: 0/1 regions, 0/0 certificates described');

    const narrow = fakeTty(60);
    const p2 = progressReporter(narrow.stream);
    p2.onEvent(waiting(12_000, 3));
    expect(narrow.line()).toHaveLength(59);
    expect(narrow.line().endsWith('…')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const writes: string[] = [];
    const progress = progressReporter({ isTTY: false, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream);
    progress.onEvent(waiting(12_000));
    progress.finish();
    expect(writes).toEqual([]);
  });
});
