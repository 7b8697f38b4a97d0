import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import type { InventorySource } from '../../src/domain/inventory.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runTui, TuiCrash } from '../../src/ui/run.js';
import { FakeStdin, FakeStdout, stripAnsi } from '../support/fake-terminal.js';
import { fakeSource, fixtureCertificates, NOW } from './fixtures.js';
import { vi } from 'vitest';

let configDir = '';
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'acm-advisor-run-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

function start(source: InventorySource) {
  const stdout = new FakeStdout(100, 30);
  const stderr = new FakeStdout();
  const stdin = new FakeStdin();
  const all = () => stdout.frames.join('');
  const done = runTui({
    source,
    color: false,
    configDir,
    now: () => NOW,
    knowledgeBase: loadKnowledgeBase(),
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  });
  return { stdout, stderr, stdin, all, done };
}

describe('runTui (lifecycle root)', () => {
  it('enters the alternate screen, quits on q with 0 and leaves it', async () => {
    const t = start(fakeSource(fixtureCertificates()));
    await vi.waitFor(() => expect(stripAnsi(t.all())).toContain('Expiry'), { timeout: 5000, interval: 10 });
    expect(t.stdout.frames[0]).toBe(ENTER_ALT_SCREEN);
    t.stdin.write('q');
    expect(await t.done).toBe(0);
    expect(t.all().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('Ctrl+C exits 130 and restores the terminal', async () => {
    const t = start(fakeSource(fixtureCertificates()));
    await vi.waitFor(() => expect(stripAnsi(t.all())).toContain('Expiry'), { timeout: 5000, interval: 10 });
    t.stdin.write('\u0003');
    expect(await t.done).toBe(130);
    expect(t.all().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('a crash outside every view leaves the alternate screen first, then rejects with the error for the CLI to report', async () => {
    const source = fakeSource(fixtureCertificates());
    let reads = 0;
    const broken: InventorySource = {
      get label(): InventorySource['label'] {
        if (++reads > 1) throw new Error('status line exploded');
        return source.label;
      },
      load: source.load.bind(source),
    };
    const t = start(broken);
    const crash = await t.done.then(() => null, (e: unknown) => e);
    expect(crash).toBeInstanceOf(TuiCrash);
    expect((crash as TuiCrash).message).toBe('the full-screen app crashed: status line exploded');
    expect(t.all().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    // The stack is the CLI's to file away: nothing of it on the terminal.
    expect(t.stderr.frames.join('')).not.toContain('status line exploded');
  });
});
