import { CredentialsError } from '../aws/credentials-error.js';
import { InputError } from '../domain/errors.js';
import { terminalLine } from '../domain/text.js';
import { defaultConfigDir } from '../platform/config-dir.js';
import { EXIT } from './errors.js';
import type { GlobalOptions } from './program.js';
import { colourWanted, type Shell } from './shell.js';
import { planSource, sourceOf } from './source-plan.js';

type TuiSettings = Awaited<ReturnType<typeof import('./tui-hooks.js').tuiAudit>>;

/**
 * The full-screen app. Without usable credentials it ends, says so in one sentence on the normal
 * screen and offers the demo account, then starts again on it.
 */
export async function runInteractive(shell: Shell, g: GlobalOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new InputError("the full-screen app needs a terminal; for scripts and pipes use 'acm-advisor inventory', 'audit' or 'report'");
  }
  // Both ends are terminals, so a person is at the keyboard even if CI is set (dev containers
  // set it). Ink would then paint only the final frame; it decides when first imported, below.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const configDir = defaultConfigDir();
  // Paint first: the UI is imported and its first frame (status line, loading Overview) painted before
  // the SDK, credentials or the audit configuration are touched; all of that loads behind the frame.
  const { runTui } = await import('../ui/run.js');
  let settings: Promise<TuiSettings> | null = null;
  const tuiSettings = () => (settings ??= import('./tui-hooks.js').then((m) => m.tuiAudit(configDir)));
  // The Advisor's content (YAML read and checked: ~100 ms) is not needed for the first screen: it loads
  // when the live read starts — on a warm start, after the cached rows are on screen.
  let startKnowledgeBase = () => {};
  const knowledgeBase = new Promise<void>((resolve) => (startKnowledgeBase = resolve))
    .then(() => import('./tui-hooks.js'))
    .then(
      (m) => m.tuiKnowledgeBase(),
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );

  let plan = planSource(g, true, shell.onEnd);
  shell.tuiRan = true;
  for (;;) {
    const stop = new AbortController();
    let credentials: CredentialsError | null = null;
    let failure: unknown = null;
    const end = (error: unknown) => {
      if (error instanceof CredentialsError) credentials = error;
      else failure = error;
      stop.abort();
    };
    const current = plan;
    const ready = afterFirstFrame().then(tuiSettings);
    ready.catch(end);
    const source = sourceOf(current, {
      // After the first frame; a settings failure is reported through `ready` (the source awaits it first).
      cache: current.cache ? ready.then(current.cache, () => null) : null,
      warmStart: true,
      before: ready,
      live: async () => {
        startKnowledgeBase();
        try {
          const live = await current.live();
          if (!current.label.demo) await live.checkCredentials();
          return live;
        } catch (error) {
          if (error instanceof CredentialsError) end(error);
          throw error;
        }
      },
    });
    let loaded: TuiSettings | null = null;
    shell.tuiRunning = true;
    let code: number;
    try {
      code = await runTui({
        source,
        color: colourWanted(g, process.stdout),
        configDir,
        // Runs only on inventory, which arrives after `ready` (the source waits for it).
        audit: (certs, now) => (loaded ? loaded.audit(certs, now) : []),
        settings: ready.then((r) => {
          loaded = r;
          return { auditConfig: r.config, knowledgeBase };
        }),
        signal: stop.signal,
      });
    } finally {
      shell.tuiRunning = false;
    }
    if (failure !== null) throw failure;
    if (credentials === null) return code;
    // No usable credentials: the same one sentence and offer as ever, on the normal screen.
    process.stderr.write(`acm-advisor: ${terminalLine((credentials as CredentialsError).message)}\n`);
    if (!(await confirm('Open the built-in demo account instead? [Y/n] '))) return EXIT.usage;
    plan = planSource({ ...g, demo: true, maxAge: undefined }, true, shell.onEnd);
  }
}

/** Resolves once the event loop has turned: Ink has written the first frame by then. */
function afterFirstFrame(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A yes/no question on stderr, answered with a line in the terminal's own line editing. Not readline:
 * its keypress listener stays on stdin and a full-screen app started afterwards would get no keys.
 */
async function confirm(question: string): Promise<boolean> {
  process.stderr.write(question);
  const stdin = process.stdin;
  // Ink leaves stdin unreferenced when it lets go of the terminal: the process must wait for the answer.
  stdin.ref();
  const answer = await new Promise<string>((resolve) => {
    const onData = (chunk: Buffer | string) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(String(chunk));
    };
    const onEnd = () => onData('n');
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
  const a = answer.trim().toLowerCase();
  return a === '' || a === 'y' || a === 'yes';
}
