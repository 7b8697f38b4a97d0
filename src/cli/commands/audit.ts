import { join, resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { InputError } from '../../domain/errors.js';
import { EXIT } from '../errors.js';
import { isPartial } from '../../domain/inventory.js';
import { severityRank } from '../../domain/finding.js';
import { toInertJson } from '../../domain/text.js';
import { resolveAuditConfig } from '../../audit/config.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { runAudit } from '../../audit/run.js';
import { parseRuleList, parseSeverity, thresholdHit } from '../../audit/severity.js';
import { renderAuditTable } from '../../audit/render-table.js';
import { cachedDetailsByRegion } from '../../domain/cached-details.js';

export interface AuditCommandOptions {
  format: 'table' | 'json';
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
  // Everything the user typed is checked before any AWS call.
  if (opts.format !== 'table' && opts.format !== 'json') {
    throw new InputError(`--format: unknown format "${String(opts.format)}"; use table or json`);
  }
  const failOn = opts.failOn !== undefined ? parseSeverity(opts.failOn) : undefined;
  const rules = opts.rules !== undefined ? parseRuleList(opts.rules) : undefined;
  const config = await auditConfigFromOptions(ctx, opts);

  const inventory = await ctx.loadInventory();
  const result = runAudit(inventory.certificates, config, ctx.now, { rules });

  if (opts.format === 'json') {
    // Where --max-age reused cached details, which regions and how old (absent otherwise).
    const cachedDetails = cachedDetailsByRegion(inventory.certificates);
    ctx.out(
      `${toInertJson({
        findings: result.findings,
        summary: result.summary,
        notEvaluated: result.notEvaluated,
        ...(cachedDetails.length ? { cachedDetails } : {}),
        // The run's deadline passed first: notEvaluated names the certificates it left unread.
        ...(inventory.stopped ? { stopped: inventory.stopped } : {}),
      })}\n`,
    );
  } else {
    ctx.out(renderAuditTable(result, { color: ctx.color, certificates: inventory.certificates }));
  }

  // Warnings and failed regions were already reported on stderr as the inventory loaded.
  const partial = isPartial(inventory);

  const hit = failOn !== undefined && thresholdHit(result.findings, failOn);
  if (hit) {
    const n = result.findings.filter((f) => severityRank(f.severity) <= severityRank(failOn!)).length;
    ctx.err(`acm-advisor: ${n} finding(s) at or above ${failOn}\n`);
  }
  return auditExitCode(hit, partial);
}
