import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { CommanderError, Option } from 'commander';
import { CredentialsError } from '../aws/credentials-error.js';
import { EstateError } from '../aws/estate-error.js';
import { parseRegions } from '../aws/regions.js';
import { packageRoot } from '../platform/content-dir.js';
import type { Certificate } from '../domain/certificate.js';
import { accountLabel, type Inventory, type InventorySource } from '../domain/inventory.js';
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
}

/** Things to undo before the process ends (demo endpoint, clients). */
const cleanups: Array<() => unknown> = [];

/** Set once the full-screen app has run: its end is the end of the process (see run()). */
let tuiRan = false;

function version(): string {
  try {
    return JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

/** Builds the inventory source from the global flags; starts the demo endpoint when asked. */
async function makeSource(g: GlobalOptions): Promise<InventorySource & { checkCredentials(): Promise<void> }> {
  const regions = parseRegions(g.regions);
  if ('error' in regions) throw new InputError(regions.error);
  if (g.endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(g.endpointUrl)) {
    throw new InputError(`--endpoint-url must be an http(s) URL (got '${g.endpointUrl}')`);
  }
  const estate = estateSettings(g);
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
    const source = awsInventorySource({ regions, endpoint: endpoint.url, credentials: DEMO_CREDENTIALS, homeRegion: 'us-east-1', demo: true, urgent, ...estate });
    cleanups.push(() => source.close());
    return source;
  }
  const { effectiveProfile } = await import('../aws/credentials.js');
  const source = awsInventorySource({ profile: effectiveProfile(g.profile), regions, endpoint: g.endpointUrl, urgent, ...estate });
  cleanups.push(() => source.close());
  return source;
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
      const source = await makeSource(g);
      const progress = progressReporter(process.stderr);
      let inventory: Inventory;
      try {
        inventory = await source.load((e) => progress.onEvent(e));
      } finally {
        progress.finish();
      }
      for (const w of inventory.warnings) process.stderr.write(`acm-advisor: warning: ${sanitiseForTerminal(w)}\n`);
      if (inventory.accounts) {
        for (const a of inventory.accounts) {
          if (a.error) process.stderr.write(`acm-advisor: account ${sanitiseForTerminal(accountLabel(a))} failed, results are partial: ${sanitiseForTerminal(a.error.message)}\n`);
        }
      } else {
        for (const r of inventory.regions) {
          if (r.error) process.stderr.write(`acm-advisor: ${r.region} failed, results are partial: ${sanitiseForTerminal(r.error.message)}\n`);
        }
      }
      return inventory;
    },
  };
}

async function runInteractive(g: GlobalOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new InputError("the full-screen app needs a terminal; for scripts and pipes use 'acm-advisor inventory', 'audit' or 'report'");
  }
  let source = await makeSource(g);
  if (!g.demo) {
    try {
      await source.checkCredentials();
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      process.stderr.write(`acm-advisor: ${terminalLine(error.message)}\n`);
      if (!(await confirm('Open the built-in demo account instead? [Y/n] '))) return EXIT.usage;
      source = await makeSource({ ...g, demo: true });
    }
  }
  // Both ends are terminals, so a person is at the keyboard even if CI is set (dev containers
  // set it). Ink would then paint only the final frame; it decides when first imported, below.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const configDir = defaultConfigDir();
  const { tuiAudit, tuiKnowledgeBase } = await import('./tui-hooks.js');
  const { config: auditConfig, audit } = await tuiAudit(configDir);
  const { runTui } = await import('../ui/run.js');
  tuiRan = true;
  return runTui({ source, color: colourWanted(g, process.stdout), configDir, audit, auditConfig, knowledgeBase: tuiKnowledgeBase() });
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
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
    .action(async () => {
      const { runPolicyCommand } = await import('./commands/policy.js');
      const g = globals();
      exitCode = runPolicyCommand({ out: (s) => void process.stdout.write(s) }, { org: g.org, roleName: g.roleName });
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
  // Let stdout drain (a large JSON into a pipe) before choosing the exit code.
  process.exitCode = code;
}

await run(process.argv.slice(2));
