import { Command, Option } from 'commander';
import { InputError } from '../domain/errors.js';
import { terminalLine } from '../domain/text.js';
import { auditCommand } from './commands/audit.js';
import { inventoryCommand } from './commands/inventory.js';
import { policyCommand } from './commands/policy.js';
import { questionsCommand } from './commands/questions.js';
import { reportCommand } from './commands/report.js';
import type { EstateFlags } from './estate-flags.js';
import { outputAsFormat } from './format-option.js';
import type { Shell } from './shell.js';

/** The global flags as commander parses them. */
export interface GlobalOptions extends EstateFlags {
  profile?: string;
  regions?: string;
  /** Each --region, in order (repeatable, the AWS CLI's spelling). */
  region?: string[];
  endpointUrl?: string;
  demo?: boolean;
  color: boolean;
  verbose?: boolean;
  maxAge?: string;
  timeout?: string;
  deadline?: string;
  /** false with --no-cache. */
  cache: boolean;
  /** --dns-server HOST[:PORT]. */
  dnsServer?: string;
  /** false with --no-dns. */
  dns: boolean;
}

export const EXAMPLES = `
Examples:
  acm-advisor --demo                          open the app on the built-in demo account (no AWS needed)
  acm-advisor --profile prod                  open the app on the account behind profile 'prod'
  acm-advisor inventory --region eu-west-1 --region us-east-1 -o csv > certs.csv
                                              two regions (--regions eu-west-1,us-east-1 says the same)
  acm-advisor audit --fail-on high            exit 1 when any finding is high or critical (CI gate)
  acm-advisor questions > answers.yaml        write the questionnaire template, then fill it in
  acm-advisor report --answers answers.yaml --out acm-report.md
  acm-advisor --demo --org                    the app on a demo organisation of five accounts
  acm-advisor --profile mgmt --org inventory --format csv > estate.csv
                                              every account of the organisation, from the management
                                              account or a delegated administrator
  acm-advisor --profile audit --source config-aggregator:org-certs audit
                                              the whole estate from an AWS Config aggregator (a recording:
                                              as old as its capture time)
  acm-advisor --deadline 5m audit --fail-on high
                                              a CI gate with a time budget: after 5 minutes it reports
                                              what it read and exits 3 unless a finding trips --fail-on
  acm-advisor help audit                      a command's own flags, rules and examples

Credentials and endpoints follow the AWS CLI: AWS_PROFILE, AWS_REGION, SSO profiles,
credential_process and role assumption from ~/.aws/config; AWS_ENDPOINT_URL and
AWS_ENDPOINT_URL_ACM point the tool at an ACM-compatible endpoint. The tool only reads
(List/Describe/Get/Search calls); 'acm-advisor policy' prints the IAM policy it needs.

Exit codes: 0 success, 1 audit threshold hit, 2 usage or input error,
3 partial result (a region or account failed, or --deadline passed; output holds the rest and names it),
4 internal error (a bug: one line says where the details went; or output that could not be written).`;

/** The whole command line: global flags (AWS-CLI style), then each command with its own flags beside its run(). */
export function buildProgram(version: string, shell: Shell): Command {
  const program = new Command('acm-advisor')
    .description(
      'Browse every AWS Certificate Manager certificate in an account, audit them against best practice,\n' +
        'and work out whether and how to adopt ACM — ending in a Markdown report and plan.\n' +
        'Without a command it opens the full-screen app.',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (also: acm-advisor help <command>)')
    .option('--profile <name>', 'AWS profile from ~/.aws/config (default: AWS_PROFILE or the default chain)')
    .option('--regions <list>', "comma-separated regions, or 'all' (default: every region enabled for the account)")
    .addOption(
      new Option('--region <name>', 'one region; repeat it for more (the AWS CLI spelling; adds to --regions)').argParser(
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      ),
    )
    .option('--endpoint-url <url>', 'send AWS calls to this URL instead of AWS (e.g. a local ACM endpoint)')
    .option('--demo', 'use the built-in demo account: a local ACM endpoint, no AWS credentials needed (with --org: a demo organisation)')
    .option('--org', "every ACTIVE account of the organisation (Organizations ListAccounts), each read through --role-name")
    .option('--accounts <ids>', 'only these 12-digit account ids, comma-separated (with or without --org)')
    .option('--role-name <name>', 'role assumed in member accounts (default: OrganizationAccountAccessRole)')
    .option('--external-id <id>', "external id the member role's trust policy requires, if any")
    .option('--source <source>', "where certificates come from: 'api' (live, default) or 'config-aggregator:NAME'")
    .option('--timeout <seconds>', 'give up on a request that has not answered after this many seconds (default: 30); it is retried like any failure')
    .option(
      '--deadline <duration>',
      'stop reading AWS after this long (90s, 5m, 1h) and end with what was read: exit 3, naming what did not finish (default: none, as each request is already bounded by --timeout and a large estate may rightly take long)',
    )
    .option('--concurrency <n>', 'requests in flight at once across every account and region (default: 128)')
    .option('--max-age <duration>', 'reuse cached certificate details younger than this (15m, 1h, 2h30m) instead of describing them again')
    .option('--no-cache', "neither read nor write the local inventory cache (~/.cache/acm-advisor), from which every run extends CloudTrail's event history: its 90 days are read in full")
    .option(
      '--dns-server <host[:port]>',
      "resolve the DNS renewal checks (validation CNAMEs, CAA) through this server (default: the system's resolvers; with --endpoint-url or AWS_ENDPOINT_URL the checks run only through this server, and without it the run says they did not run)",
    )
    .option('--no-dns', 'skip the DNS renewal checks (validation-record-missing, caa-blocks-amazon); the run says they did not run')
    .option('--no-color', 'plain output (NO_COLOR is honoured too)')
    .option('--verbose', "show Node's process warnings (an internal error's details always go to a file, named on stderr)")
    .showSuggestionAfterError(true)
    // A command's --help lists the global flags too: they are where most of its behaviour is chosen.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line, never commander's multi-line usage dump.
      outputError: (s, write) => write(`acm-advisor: ${terminalLine(s.replace(/^error: /, '').trim())} (see acm-advisor --help)\n`),
    })
    .hook('preAction', (_program, action) => outputAsFormat(action));

  for (const command of [inventoryCommand(shell), auditCommand(shell), questionsCommand(shell), reportCommand(shell), policyCommand(shell)]) {
    // addCommand, unlike command(), does not pass on the settings above (exit override, output, help).
    program.addCommand(command.copyInheritedSettings(program));
  }
  program.addCommand(helpCommand(program).copyInheritedSettings(program));
  return program;
}

/**
 * `acm-advisor help audit`, as git and the AWS CLI have it. Commander's own help command would
 * answer an unknown name with the whole program's help and exit 0; this one says so in one line.
 */
function helpCommand(program: Command): Command {
  return new Command('help')
    .description('show help for a command (the same as acm-advisor <command> --help)')
    .argument('[command]', 'the command to explain')
    .action((name: string | undefined) => {
      if (name === undefined) return void program.outputHelp();
      const command = program.commands.find((c) => c.name() === name && c.name() !== 'help');
      if (!command) {
        const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
        throw new InputError(`no command '${name}'; the commands are ${names.join(', ')}`);
      }
      command.outputHelp();
    });
}
