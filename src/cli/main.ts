import { readFileSync } from 'node:fs';
import { CommanderError, Option } from 'commander';
import { CredentialsError } from '../aws/credentials-error.js';
import { EstateError } from '../aws/estate-error.js';
import { parseRegions, type RegionSelection } from '../aws/regions.js';
import { effectiveProfile, sourceLabel } from '../aws/source-label.js';
import { withInventoryCache, type LiveSource } from '../cache/cached-source.js';
import { defaultCacheDir } from '../platform/cache-dir.js';
import { parseDuration } from '../domain/duration.js';
import type { InventoryCache } from '../cache/inventory-cache.js';
import { cachedDetailsNotice } from '../domain/cached-details.js';
import { packageRoot } from '../platform/content-dir.js';
import type { Certificate } from '../domain/certificate.js';
import { accountLabel, type Inventory, type InventorySource } from '../domain/inventory.js';
import { DEADLINE_CODE } from '../domain/deadline.js';
import { withDeadline, type Deadline } from './deadline.js';
import { sanitiseForTerminal, terminalLine } from '../domain/text.js';
import { defaultConfigDir } from '../platform/config-dir.js';
import type { CommandContext } from './context.js';
import { InputError, FileExistsError } from '../domain/errors.js';
import { EXIT } from './errors.js';
import { estateSettings, type EstateFlags } from './estate-flags.js';
import { progressReporter } from './progress.js';
import { buildProgram, formatOption } from './program.js';

interface GlobalOptions extends EstateFlags {
  profile?: string;
  regions?: string;
  endpointUrl?: string;
  demo?: boolean;
  color: boolean;
  verbose?: boolean;
  maxAge?: string;
  timeout?: string;
  deadline?: string;
  /** false with --no-cache. */
  cache: boolean;
}

/** Things to undo before the process ends (demo endpoint, clients). */
const cleanups: Array<() => unknown> = [];

/** Set once the full-screen app has run: its end is the end of the process (see run()). */
let tuiRan = false;

/** Set when --deadline cut a command's read short: its output written, the process ends (see run()). */
let deadlineStopped = false;

/** The longest --deadline a timer can hold: 24 days. */
const MAX_DEADLINE_MS = 24 * 86_400_000;

/** --timeout SECONDS: a whole or decimal number of seconds, at least 0.1 and at most an hour. */
function timeoutArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n < 0.1 || n > 3600) {
    throw new InputError(`--timeout takes seconds between 0.1 and 3600 (got '${value}')`);
  }
  return Math.round(n * 1000);
}

function version(): string {
  try {
    return JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

type LiveAwsSource = LiveSource & { checkCredentials(): Promise<void> };

/** The inventory source the global flags describe, checked but not yet built: nothing here loads the SDK. */
interface SourcePlan {
  label: InventorySource['label'];
  regions: RegionSelection;
  /**
   * null with --no-cache and for the demo (a made-up account each start, nothing worth keeping). The
   * cache module (and zod, which checks its files) loads on the first call: the TUI's after its first frame.
   */
  cache: (() => Promise<InventoryCache>) | null;
  /** --deadline: each load ends with what it has when this passes; null: no deadline. */
  deadline: Deadline | null;
  /** The SDK source, built on first call (the SDK and the demo endpoint load then). */
  live(): Promise<LiveAwsSource>;
}

/** Every flag is checked here, before any AWS call or SDK load. */
function planSource(g: GlobalOptions, readBack: boolean): SourcePlan {
  const regions = parseRegions(g.regions);
  if ('error' in regions) throw new InputError(regions.error);
  if (g.endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(g.endpointUrl)) {
    throw new InputError(`--endpoint-url must be an http(s) URL (got '${g.endpointUrl}')`);
  }
  const estate = estateSettings(g);
  const timeoutMs = g.timeout === undefined ? undefined : timeoutArg(g.timeout);
  let deadline: Deadline | null = null;
  if (g.deadline !== undefined) {
    const parsed = parseDuration(g.deadline, '--deadline');
    if ('error' in parsed) throw new InputError(parsed.error);
    // Node's timers hold at most 2^31-1 ms (24.8 days); a longer one would fire at once.
    if (parsed.ms > MAX_DEADLINE_MS) throw new InputError(`--deadline can be at most 24d (got '${g.deadline}')`);
    deadline = { text: g.deadline, ms: parsed.ms };
  }
  let reuseWithinMs: number | null = null;
  if (g.maxAge !== undefined) {
    const parsed = parseDuration(g.maxAge);
    if ('error' in parsed) throw new InputError(parsed.error);
    if (!g.cache) throw new InputError('--max-age reuses the cache, which --no-cache turns off; pass one or the other');
    if (g.demo) throw new InputError('the demo account is never cached, so --max-age cannot apply to it');
    reuseWithinMs = parsed.ms;
  }
  const profile = g.demo ? undefined : effectiveProfile(g.profile);
  const label = sourceLabel({ profile, endpoint: g.endpointUrl, demo: g.demo, regions, ...estate });
  // A Config aggregator's recording is not an API read: nothing to cache or revalidate.
  let opened: Promise<InventoryCache> | null = null;
  const cache =
    g.cache && !g.demo && estate.origin.kind === 'api'
      ? () =>
          (opened ??= import('../cache/inventory-cache.js').then(
            ({ InventoryCache, sourceKey }) => new InventoryCache({
                dir: defaultCacheDir(),
                sourceKey: sourceKey(label),
                reuseWithinMs,
                readBack: readBack || reuseWithinMs !== null,
                estate: estate.scope !== undefined,
              }),
          ))
      : null;
  let live: Promise<LiveAwsSource> | null = null;
  return {
    label,
    regions,
    cache,
    deadline,
    live: () =>
      (live ??= (async () => {
        // The SDK and the endpoint load only when a command needs AWS: --help and --version stay quick.
        const { awsInventorySource } = await import('../aws/source.js');
        const { severeCertificates } = await import('../audit/run.js');
        const { DEFAULT_AUDIT_CONFIG } = await import('../domain/thresholds.js');
        // Details of certificates with high or critical findings are read first.
        const urgent = (certs: readonly Certificate[], now: Date) => severeCertificates(certs, DEFAULT_AUDIT_CONFIG, now);
        if (g.demo) {
          const { DEMO_CREDENTIALS, startDemoEndpoint } = await import('./demo.js');
          // The demo organisation answers --org, --accounts and the Config aggregator; plain --demo is the one account.
          const endpoint = await startDemoEndpoint({ organization: estate.scope !== undefined || estate.origin.kind !== 'api' });
          cleanups.push(() => endpoint.close());
          const source = awsInventorySource({ regions, endpoint: endpoint.url, credentials: DEMO_CREDENTIALS, homeRegion: 'us-east-1', demo: true, urgent, timeoutMs, ...estate });
          cleanups.push(() => source.close());
          return source;
        }
        const source = awsInventorySource({ profile, regions, endpoint: g.endpointUrl, urgent, timeoutMs, ...estate });
        cleanups.push(() => source.close());
        return source;
      })()),
  };
}

function regionsOf(plan: SourcePlan): string[] | 'all' {
  return plan.regions.kind === 'all' ? 'all' : plan.regions.regions;
}

/** The plan's source: the cache around the live read, bounded by --deadline when given. */
function sourceOf(plan: SourcePlan, options: Pick<Parameters<typeof withInventoryCache>[0], 'cache' | 'warmStart' | 'before' | 'live'>): InventorySource {
  const source = withInventoryCache({ label: plan.label, regions: regionsOf(plan), ...options });
  return plan.deadline ? withDeadline(source, plan.deadline) : source;
}

function colourWanted(g: GlobalOptions, stream: NodeJS.WriteStream): boolean {
  return g.color !== false && !process.env.NO_COLOR && stream.isTTY === true;
}

function commandContext(g: GlobalOptions): CommandContext {
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
    color: colourWanted(g, process.stdout),
    stdoutIsTTY: process.stdout.isTTY === true,
    now: new Date(),
    configDir: defaultConfigDir(),
    cwd: process.cwd(),
    async loadInventory(): Promise<Inventory> {
      const plan = planSource(g, false);
      const source = sourceOf(plan, { cache: plan.cache?.() ?? null, warmStart: false, live: plan.live });
      const progress = progressReporter(process.stderr);
      let inventory: Inventory;
      try {
        inventory = await source.load((e) => progress.onEvent(e));
      } finally {
        progress.finish();
      }
      deadlineStopped ||= inventory.stopped !== undefined;
      // The deadline frames every line after it: what follows is what it cut short.
      if (inventory.stopped) process.stderr.write(`acm-advisor: ${sanitiseForTerminal(inventory.stopped.message)}\n`);
      for (const w of inventory.warnings) process.stderr.write(`acm-advisor: warning: ${sanitiseForTerminal(w)}\n`);
      if (inventory.accounts) {
        for (const a of inventory.accounts) {
          if (!a.error) continue;
          const what = a.error.code === DEADLINE_CODE ? 'not finished' : 'failed, results are partial';
          process.stderr.write(`acm-advisor: account ${sanitiseForTerminal(accountLabel(a))} ${what}: ${sanitiseForTerminal(a.error.message)}\n`);
        }
      } else {
        for (const r of inventory.regions) {
          if (!r.error) continue;
          // A deadline's message names the region and what was listed: "the deadline of 2m passed while listing …".
          const line = r.error.code === DEADLINE_CODE ? r.error.message : `${r.region} failed, results are partial: ${r.error.message}`;
          process.stderr.write(`acm-advisor: ${sanitiseForTerminal(line)}\n`);
        }
      }
      const reused = g.maxAge !== undefined ? cachedDetailsNotice(inventory.certificates, new Date(), g.maxAge) : null;
      if (reused) process.stderr.write(`acm-advisor: ${reused}\n`);
      const { incompleteLines } = await import('../audit/coverage.js');
      for (const line of incompleteLines(inventory)) process.stderr.write(`acm-advisor: ${sanitiseForTerminal(line)}\n`);
      return inventory;
    },
  };
}

async function runInteractive(g: GlobalOptions): Promise<number> {
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

  let plan = planSource(g, true);
  tuiRan = true;
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
    const code = await runTui({
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
    if (failure !== null) throw failure;
    if (credentials === null) return code;
    // No usable credentials: the same one sentence and offer as ever, on the normal screen.
    process.stderr.write(`acm-advisor: ${terminalLine((credentials as CredentialsError).message)}\n`);
    if (!(await confirm('Open the built-in demo account instead? [Y/n] '))) return EXIT.usage;
    plan = planSource({ ...g, demo: true, maxAge: undefined }, true);
  }
}

type TuiSettings = Awaited<ReturnType<typeof import('./tui-hooks.js').tuiAudit>>;

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

async function main(argv: string[]): Promise<number> {
  const program = buildProgram(version());
  let exitCode: number = EXIT.ok;
  const globals = () => program.opts<GlobalOptions>();

  program.exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    // One line, never commander's multi-line usage dump.
    outputError: (s, write) => write(`acm-advisor: ${terminalLine(s.replace(/^error: /, '').trim())} (see acm-advisor --help)\n`),
  });

  program.action(async () => {
    exitCode = await runInteractive(globals());
  });

  program
    .command('inventory')
    .description('list every certificate (all fields ACM returns) in every requested region')
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .addHelpText('after', '\nExamples:\n  acm-advisor inventory --format json | jq \'.certificates[] | select(.inUse == false) | .arn\'\n  acm-advisor --demo inventory --format csv > demo.csv')
    .action(async (opts: { format: string }) => {
      const { runInventoryCommand } = await import('./commands/inventory.js');
      exitCode = await runInventoryCommand(commandContext(globals()), opts);
    });

  program
    .command('audit')
    .description('best-practice findings for every certificate; exit 1 at or above --fail-on')
    .addOption(formatOption(['table', 'json'], 'table'))
    .option('--fail-on <severity>', 'exit 1 when any finding is at or above: critical, high, medium, low, info')
    .option('--rules <ids>', 'only these rule ids, comma-separated (see the rule list below)')
    .option('--config <file>', 'YAML config with thresholds and tag keys (see README "Configuration")')
    .addOption(new Option('--expiry-high <days>', 'days before expiry that count as high').default(30).argParser(intArg('--expiry-high')))
    .addOption(new Option('--expiry-medium <days>', 'days before expiry that count as medium').default(60).argParser(intArg('--expiry-medium')))
    .option('--required-tags <keys>', 'tag keys every certificate must carry (default: owner,environment,application)')
    .option('--production-tag <key=v1,v2>', "tag marking production (default: environment=prod,production,prd)")
    .option('--owner-tag <key>', "tag naming a certificate's owner (default: owner)")
    .addHelpText('after', auditRulesHelp)
    .action(async (opts) => {
      const { runAuditCommand } = await import('./commands/audit.js');
      exitCode = await runAuditCommand(commandContext(globals()), opts);
    });

  program
    .command('questions')
    .description('print the adoption questionnaire as a YAML answers template (every id and allowed value)')
    .addHelpText('after', '\nExample:\n  acm-advisor questions > answers.yaml   # fill it in, then: acm-advisor report --answers answers.yaml')
    .action(async () => {
      const { runQuestionsCommand } = await import('./commands/questions.js');
      exitCode = await runQuestionsCommand(commandContext(globals()));
    });

  program
    .command('report')
    .description('the whole report — inventory, findings, recommendation and plan — without a terminal')
    .option('--answers <file>', 'answers file (YAML) from `acm-advisor questions`; without it the report has no recommendation')
    .option('--out <file>', 'write to this file (atomically; refuses to overwrite without --force) instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .addOption(formatOption(['md', 'json'], 'md'))
    .option('--config <file>', 'YAML config with audit thresholds and tag keys')
    .addHelpText('after', '\nExamples:\n  acm-advisor report --answers answers.yaml --out acm-report.md\n  acm-advisor --demo report --answers answers.yaml --format json | jq .recommendation')
    .action(async (opts) => {
      const { runReportCommand } = await import('./commands/report.js');
      exitCode = await runReportCommand(commandContext(globals()), opts);
    });

  program
    .command('policy')
    .description("print the least-privilege IAM policy acm-advisor needs (read-only); with --org, the caller's and the member role's")
    .option('--part <part>', "one document on its own: caller, member, trust (the member role's trust policy) or stackset (a CloudFormation template creating a read-only role)")
    .option('--caller-account <id>', 'with --part trust: the account acm-advisor runs in')
    .action(async (opts: { part?: string; callerAccount?: string }) => {
      const { runPolicyCommand } = await import('./commands/policy.js');
      const g = globals();
      exitCode = runPolicyCommand({ out: (s) => void process.stdout.write(s) }, { org: g.org, roleName: g.roleName, externalId: g.externalId, ...opts });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return reportError(error, globals().verbose === true);
  }
}

const auditRulesHelp = `
Rules (ids are stable):
  expired-in-use, expiring-soon, renewal-failing, weak-key, imported-manual-renewal,
  email-validation, wildcard-in-production, transparency-logging-disabled, unused-certificate,
  stale-pending-validation, missing-tags, exported-private-key, non-fqdn-name, issuance-quota

Examples:
  acm-advisor audit --fail-on high
  acm-advisor audit --format json --rules expiring-soon,expired-in-use
  acm-advisor audit --required-tags owner,cost-centre --production-tag env=prod`;

function intArg(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InputError(`${flag} takes a whole number of days (got '${value}')`);
    return n;
  };
}

/**
 * Usage and input errors: one line, exit 2. Anything else: one line too, detail with --verbose.
 * Messages echo user input and AWS text, so they pass the terminal sanitiser.
 */
function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof FileExistsError) {
    process.stderr.write(`acm-advisor: ${terminalLine(error.path)} already exists; pass --force to overwrite it\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError || error instanceof CredentialsError || error instanceof EstateError) {
    process.stderr.write(`acm-advisor: ${terminalLine(error.message)}\n`);
    return EXIT.usage;
  }
  const e = error as Error;
  process.stderr.write(`acm-advisor: ${terminalLine(e?.message?.split('\n')[0] ?? String(error))}${verbose ? '' : ' (run with --verbose for detail)'}\n`);
  if (verbose && e?.stack) process.stderr.write(`${e.stack.split('\n').map(sanitiseForTerminal).join('\n')}\n`);
  return EXIT.usage;
}

async function runCleanups(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c();
    } catch {
      // Shutting down: nothing useful to do with a cleanup failure.
    }
  }
}

export async function run(argv: string[]): Promise<void> {
  // `acm-advisor inventory | head`: the reader leaving early is normal, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const code = await main(argv);
  await runCleanups();
  // The user quit (q, Ctrl+C, SIGTERM): a request aborted mid-load may still sit in the SDK's retry
  // back-off (up to 20 s) and would hold the process, and the shell, that long. The screen is
  // restored and terminal writes are synchronous, so nothing is lost by ending now.
  if (tuiRan) process.exit(code);
  // The deadline passed: every request was aborted, but a credential fetch (an AssumeRole) cannot be,
  // and would hold the process until its --timeout. The output is complete once stdout has drained.
  if (deadlineStopped) return void process.stdout.write('', () => process.exit(code));
  // Let stdout drain (a large JSON into a pipe) before choosing the exit code.
  process.exitCode = code;
}

await run(process.argv.slice(2));
