/**
 * `report --out` interrupted mid-write: the temporary file never outlives the process. A real child
 * process writes a large report; the test waits for the temporary file to appear, then signals it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = join(root, 'test', 'report', 'support', 'write-big-report.ts');
/** Large enough that writing and flushing it spans many event-loop turns. */
const MEGABYTES = 256;

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function interruptMidWrite(signal: NodeJS.Signals, extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; left: string[] }> {
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-interrupt-'));
  const folder = dir;
  const target = join(folder, 'report.md');
  const seen = new Promise<void>((resolve) => {
    const watcher = watch(folder, () => {
      if (readdirSync(folder).some((f) => f.endsWith('.tmp'))) {
        watcher.close();
        resolve();
      }
    });
  });
  const child = spawn(process.execPath, ['--import', 'tsx', script, target, String(MEGABYTES), ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  await seen;
  child.kill(signal);
  const result = await exited;
  return { ...result, stdout, left: readdirSync(folder) };
}

describe('report --out interrupted while the temporary file exists', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s: the process dies of the signal and leaves no file behind', async (signal) => {
    const r = await interruptMidWrite(signal);
    // Had the write finished before the signal, "finished" would be printed and report.md left.
    expect(r.stdout).toBe('');
    expect(r.signal).toBe(signal);
    expect(r.left).toEqual([]);
  });

  it('when the process handles the signal itself (the full-screen app does), the file is removed and that handler decides', async () => {
    const r = await interruptMidWrite('SIGTERM', ['--own-handler']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(99);
    expect(r.left).toEqual([]);
  });
});
