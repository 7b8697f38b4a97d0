import type { Command } from 'commander';
import type { Inventory } from '../domain/inventory.js';
import { defaultConfigDir } from '../platform/config-dir.js';
import type { CommandContext, PreviousRead } from './context.js';
import { EXIT } from './errors.js';
import { readNotices } from './notices.js';
import { progressReporter } from './progress.js';
import type { GlobalOptions } from './program.js';
import { planSource, sourceOf } from './source-plan.js';

/**
 * The process around the commands: the exit code a command chose, what to undo before the process
 * ends (demo endpoint, clients), and how the run must end (see main.ts). One per process.
 */
export class Shell {
  exitCode: number = EXIT.ok;
  /** Set once the full-screen app has run: its end is the end of the process. */
  tuiRan = false;
  /** Set while the full-screen app owns the screen: it reports its own crashes, after restoring the terminal. */
  tuiRunning = false;
  /** Set when --deadline cut a command's read short: its output written, the process ends. */
  deadlineStopped = false;
  private readonly cleanups: Array<() => unknown> = [];

  /** The version and arguments of this run: report headers and SARIF name them. */
  constructor(private readonly facts: { version: string; argv: readonly string[] } = { version: '0.0.0', argv: [] }) {}

  onEnd = (cleanup: () => unknown): void => {
    this.cleanups.push(cleanup);
  };

  async runCleanups(): Promise<void> {
    for (const c of this.cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch {
        // Shutting down: nothing useful to do with a cleanup failure.
      }
    }
  }

  /**
   * A commander action for `run`: it gets the command's own options merged with the global flags,
   * and its return value becomes the exit code.
   */
  runs<O>(run: (ctx: CommandContext, opts: O) => Promise<number> | number): (opts: unknown, command: Command) => Promise<void> {
    return async (_opts, command) => {
      const opts = command.optsWithGlobals<GlobalOptions & O>();
      this.exitCode = await run(this.context(opts), opts);
    };
  }

  context(g: GlobalOptions): CommandContext {
    return {
      out: (s) => void process.stdout.write(s),
      err: (s) => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
      color: colourWanted(g, process.stdout),
      stdoutIsTTY: process.stdout.isTTY === true,
      now: new Date(),
      configDir: defaultConfigDir(),
      cwd: process.cwd(),
      version: this.facts.version,
      argv: this.facts.argv,
      previousRead: async (): Promise<PreviousRead> => {
        const plan = planSource(g, false, this.onEnd);
        if (!plan.cache) {
          const why = g.demo ? 'the demo account is never cached' : g.cache === false ? '--no-cache turns the cache off' : 'a Config aggregator recording is not cached';
          return { kind: 'unavailable', why };
        }
        const cached = (await plan.cache()).cachedInventory(plan.regions.kind === 'all' ? 'all' : plan.regions.regions, await plan.stages());
        return cached ? { kind: 'read', savedAt: cached.savedAt, certificates: cached.certificates, stages: cached.stages } : { kind: 'none' };
      },
      loadInventory: async (): Promise<Inventory> => {
        const plan = planSource(g, false, this.onEnd);
        const source = sourceOf(plan, { cache: plan.cache?.() ?? null, warmStart: false, live: plan.live });
        const progress = progressReporter(process.stderr);
        let inventory: Inventory;
        try {
          inventory = await source.load((e) => progress.onEvent(e));
        } finally {
          progress.finish();
        }
        this.deadlineStopped ||= inventory.stopped !== undefined;
        for (const line of await readNotices(inventory, g.maxAge, new Date())) process.stderr.write(line);
        return inventory;
      },
    };
  }
}

export function colourWanted(g: Pick<GlobalOptions, 'color'>, stream: NodeJS.WriteStream): boolean {
  return g.color !== false && !process.env.NO_COLOR && stream.isTTY === true;
}
