import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { InputError } from '../../domain/errors.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { AUDIT_FORMATS, checkAuditFormat, checkSince } from '../audit-formats.js';
import { RULE_IDS } from '../../audit/rules/index.js';
import { formatOptions } from '../format-option.js';
import type { Shell } from '../shell.js';

export function auditCommand(shell: Shell): Command {
  const command = new Command('audit').description('best-practice findings for every certificate; exit 1 at or above --fail-on');
  for (const option of formatOptions(AUDIT_FORMATS, 'table')) command.addOption(option);
  return command
    .option('--baseline <file>', 'YAML of accepted findings (rule, arn or name pattern, reason, expires): shown, never failing --fail-on until they expire')
    .option('--since <last>', "'last': mark findings and certificates new, fixed or changed since the previous read in the cache")
    .option('--fail-on <severity>', 'exit 1 when any finding is at or above: critical, high, medium, low, info')
    .option('--rules <ids>', 'only these rule ids, comma-separated (see the rule list below)')
    .option('--config <file>', 'YAML config with thresholds and tag keys (see README "Configuration")')
    .addOption(new Option('--expiry-high <days>', 'days before expiry that count as high').default(30).argParser(daysArg('--expiry-high')))
    .addOption(new Option('--expiry-medium <days>', 'days before expiry that count as medium').default(60).argParser(daysArg('--expiry-medium')))
    .option('--required-tags <keys>', 'tag keys every certificate must carry (default: owner,environment,application)')
    .option('--production-tag <key=v1,v2>', "tag marking production (default: environment=prod,production,prd)")
    .option('--owner-tag <key>', "tag naming a certificate's owner (default: owner)")
    .addHelpText('after', auditHelp)
    .action(shell.runs(runAuditCommand));
}

/** The rule ids come from the rule registry, so the list cannot fall behind it. */
function auditHelp(): string {
  const lines: string[] = [];
  for (const id of RULE_IDS) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + id.length + 2 <= 96) lines[lines.length - 1] = `${last}, ${id}`;
    else lines.push(`  ${id}`);
  }
  return `
Rules (ids are stable):
${lines.join(',\n')}

Examples:
  acm-advisor audit --fail-on high            exit 1 when any finding is high or critical (a CI gate)
  acm-advisor audit -o json --rules expiring-soon,expired-in-use
  acm-advisor audit --required-tags owner,cost-centre --production-tag env=prod
  acm-advisor --region eu-west-1 --deadline 5m audit --fail-on critical
  acm-advisor audit --format sarif > acm.sarif  for GitHub code scanning (upload-sarif)
  acm-advisor audit --baseline accepted.yaml --since last --fail-on high

Baseline file (--baseline):
  accepted:
    - rule: missing-tags
      name: "*.staging.example.com"   # or arn: arn:aws:acm:...
      reason: tagged by the platform pipeline
      expires: 2027-03-31             # accepted through that day (UTC)`;
}

function daysArg(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InputError(`${flag} takes a whole number of days (got '${value}')`);
    return n;
  };
}

export interface AuditCommandOptions {
  format: string;
  /** YAML file of accepted findings (rule, arn or name, reason, expires). */
  baseline?: string;
  /** 'last': compare with the previous read in the cache. */
  since?: string;
  failOn?: string;
  rules?: string;
  config?: string;
  expiryHigh?: number;
  expiryMedium?: number;
  requiredTags?: string;
  productionTag?: string;
  ownerTag?: string;
}

/** Config from `--config` (or `<configDir>/audit.yaml`), then the threshold flags. */
export async function auditConfigFromOptions(
  ctx: CommandContext,
  opts: Pick<AuditCommandOptions, 'config' | 'expiryHigh' | 'expiryMedium' | 'requiredTags' | 'productionTag' | 'ownerTag'>,
): Promise<AuditConfig> {
  // YAML and zod load only when a command runs: the app's first frame does not wait for them.
  const { resolveAuditConfig } = await import('../../audit/config.js');
  return resolveAuditConfig({
    configPath: opts.config ? resolve(ctx.cwd, opts.config) : undefined,
    defaultPath: join(ctx.configDir, 'audit.yaml'),
    flags: {
      expiryHigh: opts.expiryHigh,
      expiryMedium: opts.expiryMedium,
      requiredTags: opts.requiredTags,
      productionTag: opts.productionTag,
      ownerTag: opts.ownerTag,
    },
  });
}

/**
 * Exit code from the outcome: the threshold wins over partial so CI gates still
 * trip, and partial (3) is only reported when nothing crossed the threshold.
 */
export function auditExitCode(hit: boolean, partial: boolean): number {
  if (hit) return EXIT.threshold;
  return partial ? EXIT.partial : EXIT.ok;
}

export async function runAuditCommand(ctx: CommandContext, opts: AuditCommandOptions): Promise<number> {
  // The audit loads when this command runs, not before the app's first frame (the CLI imports this file).
  const { parseRuleList, parseSeverity } = await import('../../audit/severity.js');
  const { runAudit } = await import('../../audit/run.js');
  // Everything the user typed is checked before any AWS call.
  const format = checkAuditFormat(String(opts.format));
  const failOn = opts.failOn !== undefined ? parseSeverity(opts.failOn) : undefined;
  const rules = opts.rules !== undefined ? parseRuleList(opts.rules) : undefined;
  const config = await auditConfigFromOptions(ctx, opts);
  const since = checkSince(opts.since);
  // The baseline's YAML, the formats and the comparison load only when this command runs.
  const { loadBaseline, previousForSince, writeAudit } = await import('../audit-output.js');
  const baseline = opts.baseline !== undefined ? await loadBaseline(ctx, opts.baseline) : null;
  // Read before the live read replaces it in the cache.
  const previous = since ? await previousForSince(ctx) : null;

  const inventory = await ctx.loadInventory();
  const { evidenceOf } = await import('../../stages/evidence.js');
  const result = runAudit(inventory.certificates, config, ctx.now, { rules, evidence: evidenceOf(inventory.stages) });

  const { hit, partial } = writeAudit(ctx, { format, failOn, rules, config, inventory, result, baseline, previous });
  return auditExitCode(hit, partial);
}
