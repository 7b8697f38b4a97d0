/**
 * The lifecycle root: the one place the TUI starts and ends. Enters the alternate screen, renders the
 * App, and ALWAYS leaves the alternate screen — on q, Ctrl+C, SIGTERM/SIGINT/SIGHUP, a crash, or process
 * exit — printing any error only after the terminal is restored.
 */
import { render, type Instance } from 'ink';
import type { KnowledgeBase } from '../advisor/index.js';
import type { AuditConfig } from '../domain/thresholds.js';
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import type { Inventory, InventorySource } from '../domain/inventory.js';
// The App (and all it imports) loads behind the first frame: only the first frame's own modules load before it.
import { FirstFrame } from './first-frame.js';

export interface RunTuiOptions {
  source: InventorySource;
  color: boolean;
  configDir: string;
  now?: () => Date;
  /** Extension point for the audit issue: findings computed from each finished load. */
  /** `stages`: what the read stages found, for the rules that judge it (the finished load's). */
  audit?: (certs: Certificate[], now: Date, stages?: Inventory['stages']) => Finding[];
  /** The settings `audit` uses; the Report view states them (owner tag, thresholds). Defaults when omitted. */
  auditConfig?: AuditConfig;
  /** The Advisor's content, loaded once by the caller (or why it failed: the rest of the app still works). */
  knowledgeBase?: KnowledgeBase | Error;
  /**
   * The two settings above, still loading: the first frame (status line, a loading Overview) is painted
   * at once from what is known, and the App takes over when they are read.
   */
  settings?: Promise<{ auditConfig?: AuditConfig; knowledgeBase: KnowledgeBase | Error | Promise<KnowledgeBase | Error> }>;
  /** Ends the TUI from outside (exit code 0): the caller has something to say on the normal screen. */
  signal?: AbortSignal;
  /** Streams, for tests; default process.stdin/stdout. */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

export const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[?25l';
export const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';

/** The app crashed; thrown once the terminal is restored, with the error as its cause. */
export class TuiCrash extends Error {
  constructor(cause: unknown) {
    super(`the full-screen app crashed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TuiCrash';
  }
}

/**
 * Exit codes: 0 quit, 130 Ctrl+C/SIGINT, 143 SIGTERM, 129 SIGHUP. A crash rejects with TuiCrash after the
 * terminal is restored: the caller reports it, so a crash never looks like a result.
 */
export async function runTui(options: RunTuiOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      const tty = stdin as NodeJS.ReadStream;
      if (tty.isTTY && typeof tty.setRawMode === 'function') tty.setRawMode(false);
      stdout.write(LEAVE_ALT_SCREEN);
    } catch {
      // stdout gone: nothing left to restore.
    }
  };

  // Anything printed to the console while the app owns the screen would garble it: keep it for later.
  const held: string[] = [];
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info, debug: console.debug };
  const hold = (...args: unknown[]) => {
    held.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  };

  let instance: Instance | null = null;
  let exitCode: number | null = null;
  let crash: unknown = null;
  const finish = (code: number, error?: unknown) => {
    if (exitCode !== null) return;
    exitCode = code;
    if (error !== undefined) crash = error;
    instance?.unmount();
  };

  const onSignal = (signal: NodeJS.Signals) => finish(signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130);
  const onUncaught = (err: unknown) => finish(1, err);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  process.on('exit', restore);
  const onAbort = () => finish(0);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) exitCode = 0;

  stdout.write(ENTER_ALT_SCREEN);
  // Raw mode from the first moment: a key typed while the first frame is being built waits in
  // the terminal's queue for Ink instead of sitting in a cooked line buffer that never reaches it.
  const tty = stdin as NodeJS.ReadStream;
  if (tty.isTTY && typeof tty.setRawMode === 'function') tty.setRawMode(true);
  Object.assign(console, { log: hold, error: hold, warn: hold, info: hold, debug: hold });
  const inkOptions = { stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 30 };
  try {
    type Settings = { auditConfig?: AuditConfig; knowledgeBase: KnowledgeBase | Error | Promise<KnowledgeBase | Error> };
    const app = ({ App }: typeof import('./app.js'), settings: Settings) => (
      <App
        source={options.source}
        color={options.color}
        configDir={options.configDir}
        now={options.now}
        audit={options.audit}
        auditConfig={settings.auditConfig}
        knowledgeBase={settings.knowledgeBase}
        onExit={(code) => finish(code)}
      />
    );
    if (options.settings) {
      const settings = options.settings;
      instance = render(<FirstFrame label={options.source.label} color={options.color} now={(options.now ?? (() => new Date()))()} />, inkOptions);
      // The App's modules load while the settings do.
      const appModule = import('./app.js');
      settings.then(
        (loaded) =>
          appModule.then(
            (m) => {
              if (exitCode === null) instance?.rerender(app(m, loaded));
            },
            (err: unknown) => finish(1, err),
          ),
        () => {
          // The caller hears of it through its own promise and ends the TUI.
        },
      );
    } else {
      const m = await import('./app.js');
      instance = render(app(m, { auditConfig: options.auditConfig, knowledgeBase: options.knowledgeBase ?? new Error('the Advisor content was not loaded') }), inkOptions);
    }
    if (exitCode !== null) instance.unmount();
    await instance.waitUntilExit();
  } catch (err) {
    // Ink's own boundary (an error outside every view boundary) ends up here.
    if (exitCode === null || crash === null) {
      crash = err;
      exitCode = 1;
    }
  } finally {
    try {
      instance?.unmount();
      instance?.cleanup();
    } catch {
      // already unmounted
    }
    Object.assign(console, saved);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    options.signal?.removeEventListener('abort', onAbort);
    restore();
    process.off('exit', restore);
  }
  for (const line of held) stderr.write(`${line}\n`);
  if (crash !== null) throw new TuiCrash(crash);
  return exitCode ?? 0;
}
