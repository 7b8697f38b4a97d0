/**
 * The project's TUI test harness: renders <App> on fake streams with real terminal rows/columns,
 * key constants, `press()` and `waitForFrame()` (vi.waitFor polling — never a fixed sleep).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, type Instance } from 'ink';
import { expect, vi } from 'vitest';
import type { Certificate } from '../../src/domain/certificate.js';
import type { Finding } from '../../src/domain/finding.js';
import type { InventorySource } from '../../src/domain/inventory.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/advisor/index.js';
import { App } from '../../src/ui/app.js';
import { FakeStdin, FakeStdout, stripAnsi } from '../support/fake-terminal.js';
import { NOW } from './fixtures.js';

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

export interface Harness {
  stdout: FakeStdout;
  stdin: FakeStdin;
  /** The last frame as plain text. */
  frame(): string;
  /** The last frame as written (ANSI included). */
  rawFrame(): string;
  /** Write each argument as its own input chunk, waiting for Ink between them. */
  press(...keys: string[]): Promise<void>;
  /** Write one chunk (several keys at once, like tmux send-keys or a paste). */
  chunk(data: string): Promise<void>;
  waitForFrame(expected: string | RegExp | ((frame: string) => boolean), timeout?: number): Promise<string>;
  resize(columns: number, rows: number): void;
  exitCodes: number[];
  unmount(): void;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderApp(options: {
  source: InventorySource;
  columns?: number;
  rows?: number;
  color?: boolean;
  audit?: (certs: Certificate[], now: Date) => Finding[];
  now?: () => Date;
  /** Where the advisor session lives (default: a fresh temporary folder, removed on unmount). */
  configDir?: string;
  /** The folder report exports resolve against (process.chdir is not allowed in vitest workers). */
  cwd?: string;
  /** The Advisor's content (default: the package's content/). */
  knowledgeBase?: KnowledgeBase | Error;
}): Promise<Harness> {
  const stdout = new FakeStdout(options.columns ?? 120, options.rows ?? 40);
  const stdin = new FakeStdin();
  const exitCodes: number[] = [];
  const ownDir = options.configDir ? null : mkdtempSync(join(tmpdir(), 'acm-advisor-ui-'));
  const instance: Instance = render(
    <App
      source={options.source}
      color={options.color ?? false}
      configDir={options.configDir ?? ownDir!}
      cwd={options.cwd}
      knowledgeBase={options.knowledgeBase ?? loadKnowledgeBase()}
      now={options.now ?? (() => NOW)}
      audit={options.audit}
      onExit={(code) => exitCodes.push(code)}
    />,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  // Let effects run (useInput subscribes to stdin in an effect).
  await tick();
  await tick();
  const h: Harness = {
    stdout,
    stdin,
    frame: () => stripAnsi(stdout.lastFrame()),
    rawFrame: () => stdout.lastFrame(),
    async press(...keys) {
      for (const k of keys) {
        stdin.write(k);
        await tick();
        await tick();
      }
    },
    async chunk(data) {
      stdin.write(data);
      await tick();
      await tick();
    },
    async waitForFrame(expected, timeout = 5000) {
      let last = '';
      await vi.waitFor(
        () => {
          last = h.frame();
          if (typeof expected === 'string') expect(last).toContain(expected);
          else if (expected instanceof RegExp) expect(last).toMatch(expected);
          else expect(expected(last), last).toBe(true);
        },
        { timeout, interval: 5 },
      );
      return last;
    },
    resize(columns, rows) {
      stdout.resize(columns, rows);
    },
    exitCodes,
    unmount() {
      instance.unmount();
      instance.cleanup();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
  return h;
}
