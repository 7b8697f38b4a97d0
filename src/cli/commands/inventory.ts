import type { certificateEvidence } from '../../stages/evidence.js';
import { Command } from 'commander';
import { daysUntilExpiry, type Certificate, type CertificateField } from '../../domain/certificate.js';
import { recordingSentence } from '../../domain/recording.js';
import { columnsFor, CSV_FIELDS, type ColumnId } from '../../domain/certificate-columns.js';
import { accountsOf, isPartial, type Inventory, type RegionState } from '../../domain/inventory.js';
import { expiryUrgency, type ExpiryDays } from '../../domain/thresholds.js';
import { cachedDetailsByRegion, type CachedDetails } from '../../domain/cached-details.js';
import type { CommandContext } from '../context.js';
import { InputError } from '../../domain/errors.js';
import { sanitiseForTerminal, toInertJson } from '../../domain/text.js';
import { EXIT } from '../errors.js';
import { csvRow } from '../format/csv.js';
import { ansi, renderTable, type Column } from '../format/table.js';
import { formatOptions } from '../format-option.js';
import type { Shell } from '../shell.js';
import { auditConfigFromOptions } from './audit.js';

export const INVENTORY_FORMATS = ['table', 'json', 'csv'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export function inventoryCommand(shell: Shell): Command {
  const command = new Command('inventory').description('list every certificate (all fields ACM returns) in every requested region');
  for (const option of formatOptions(INVENTORY_FORMATS, 'table')) command.addOption(option);
  return command
    .addHelpText(
      'after',
      `
Examples:
  acm-advisor inventory -o json | jq '.certificates[] | select(.inUse == false) | .arn'
  acm-advisor --demo inventory --format csv > demo.csv
  acm-advisor --profile prod --region eu-west-1 --region us-east-1 inventory`,
    )
    .action(shell.runs(runInventoryCommand));
}

export async function runInventoryCommand(ctx: CommandContext, opts: { format: string }): Promise<number> {
  const format = opts.format as InventoryFormat;
  if (!INVENTORY_FORMATS.includes(format)) {
    throw new InputError(`--format must be one of ${INVENTORY_FORMATS.join(', ')} (got '${opts.format}')`);
  }
  if (format === 'table') {
    // Expiry is coloured by the thresholds the audit and the app use (audit.yaml), read before any AWS call.
    const { expiryDays } = await auditConfigFromOptions(ctx, {});
    const inventory = await ctx.loadInventory();
    ctx.out(inventoryTable(inventory, ctx.now, ctx.color, expiryDays));
    return isPartial(inventory) ? EXIT.partial : EXIT.ok;
  }
  const inventory = await ctx.loadInventory();
  // The stages' joins (and zod with them) load only for JSON output.
  const evidence = format === 'json' ? (await import('../../stages/evidence.js')).certificateEvidence : undefined;
  ctx.out(format === 'json' ? inventoryJson(inventory, evidence) + '\n' : inventoryCsv(inventory, { terminal: ctx.stdoutIsTTY }));
  return isPartial(inventory) ? EXIT.partial : EXIT.ok;
}

/**
 * The inventory JSON contract (README): regions trimmed to region, status, error and detailsFailed,
 * one entry per account; plus
 * `cachedDetails` on a region where `--max-age` reused details from the cache (each such certificate
 * says when in `detail.cached.describedAt`).
 */
export function inventoryJson(inv: Inventory, joins?: typeof certificateEvidence): string {
  const cachedIn = (certs: readonly Certificate[]) => new Map(cachedDetailsByRegion(certs).map((c) => [c.region, c]));
  const trim = (r: RegionState, cached: Map<string, CachedDetails>) => {
    const c = cached.get(r.region);
    return {
      region: r.region,
      status: r.status === 'error' ? 'error' : r.status === 'partial' ? 'partial' : 'ok',
      ...(r.error ? { error: r.error } : {}),
      detailsFailed: r.detailsFailed ?? [],
      ...(c ? { cachedDetails: { count: c.count, oldestDescribedAt: c.oldestDescribedAt, newestDescribedAt: c.newestDescribedAt } } : {}),
    };
  };
  const all = cachedIn(inv.certificates);
  const evidence = joins ? joins(inv.stages) : () => ({ provenance: null, trust: null });
  return toInertJson(
    {
      // docs/schema/inventory.schema.json
      schemaVersion: 1,
      generatedAt: inv.generatedAt,
      account: inv.account,
      regions: regionsByName(inv.regions).map((r) => trim(r, all)),
      accounts: accountsOf(inv).map((a) => ({
        id: a.id,
        name: a.name,
        status: a.status === 'error' ? 'error' : a.regions.some((r) => r.status === 'partial') ? 'partial' : 'ok',
        ...(a.error ? { error: a.error } : {}),
        regions: a.regions.map((r) => trim(r, all.size ? cachedIn(inv.certificates.filter((c) => c.accountId === a.id)) : all)),
      })),
      ...(inv.origin ? { source: inv.origin } : {}),
      // The run's deadline cut it short: what did not finish is named per region and account above.
      ...(inv.stopped ? { stopped: inv.stopped } : {}),
      certificates: sortCertificates(inv.certificates).map((c) => ({ ...c, ...evidence(c) })),
    },
  );
}

/**
 * One entry per region name, as a single account shows it: across several accounts a
 * region is in error when it failed in any of them, and the message says in how many.
 */
export function regionsByName(regions: RegionState[]): RegionState[] {
  const byName = new Map<string, RegionState[]>();
  for (const r of regions) {
    let list = byName.get(r.region);
    if (!list) byName.set(r.region, (list = []));
    list.push(r);
  }
  return [...byName].map(([region, list]) => {
    if (list.length === 1) return list[0];
    const failed = list.filter((r) => r.status === 'error');
    const merged: RegionState = {
      region,
      status: failed.length > 0 ? 'error' : list.every((r) => r.status === 'ok') ? 'ok' : 'loading',
      listed: list.reduce((n, r) => n + r.listed, 0),
      described: list.reduce((n, r) => n + r.described, 0),
    };
    if (failed[0]?.error)
      merged.error = { code: failed[0].error.code, message: `failed in ${failed.length} of ${list.length} accounts (${failed.map((r) => r.accountId ?? '?').join(', ')}): ${failed[0].error.message}` };
    return merged;
  });
}

/** `terminal`: stdout is a terminal, so the cells are sanitised (see csvCell); a file or pipe gets the data as is. */
export function inventoryCsv(inv: Inventory, opts: { terminal?: boolean } = {}): string {
  const terminal = opts.terminal ?? false;
  const lines = [csvRow([...CSV_FIELDS], terminal)];
  // Unknown tags (both tag APIs failed) are an empty cell, unlike `{}`, which the JSON tells apart.
  const cell = (c: Certificate, f: CertificateField) => (f === 'tags' ? Object.entries(c.tags ?? {}).map(([k, v]) => `${k}=${v}`) : c[f]);
  for (const c of sortCertificates(inv.certificates)) lines.push(csvRow(CSV_FIELDS.map((f) => cell(c, f)), terminal));
  return lines.join('\r\n') + '\r\n';
}

export function inventoryTable(inv: Inventory, now: Date, colour: boolean, expiryDays: ExpiryDays): string {
  const days = (c: Certificate) => daysUntilExpiry(c, now);
  // How the terminal shapes some columns; which columns, their order and their words: CERTIFICATE_COLUMNS.
  const shape: Partial<Record<ColumnId, Pick<Column<Certificate>, 'max' | 'colour'>>> = {
    domain: { max: 48 },
    account: { max: 28 },
    status: { colour: (c, s) => (c.status === 'ISSUED' ? s : c.status === 'EXPIRED' || c.status === 'REVOKED' || c.status === 'FAILED' ? ansi.red(s) : ansi.yellow(s)) },
    expires: {
      colour: (c, s) => {
        const urgency = expiryUrgency(days(c), expiryDays);
        return urgency === 'expired' || urgency === 'high' ? ansi.red(s) : urgency === 'medium' ? ansi.yellow(s) : s;
      },
    },
  };
  // The table has no owner column, so no owner tag.
  const ctx = { now, ownerTag: '' };
  const columns: Column<Certificate>[] = columnsFor('table', !!inv.accounts).map((col) => ({
    header: col.header.toUpperCase(),
    value: (c) => col.text(c, ctx) ?? '—',
    ...shape[col.id as ColumnId],
  }));
  let out = renderTable(sortCertificates(inv.certificates), columns, colour);
  const failed = inv.regions.filter((r) => r.status === 'error');
  const accounts = accountsOf(inv);
  const where = inv.accounts
    ? `${accounts.filter((a) => a.status !== 'error').length} of ${accounts.length} account(s)`
    : `${inv.regions.length - failed.length} region(s)${inv.account ? `, account ${inv.account.id}` : ''}`;
  let summary = `${inv.certificates.length} certificate(s) in ${where}`;
  if (inv.origin) summary += `; ${originNote(inv, now)}`;
  summary = sanitiseForTerminal(summary);
  out += `\n${colour ? ansi.dim(summary) : summary}\n`;
  return out;
}

/** Stable output: account, region, then domain, then ARN. */
export function sortCertificates(certs: Certificate[]): Certificate[] {
  return [...certs].sort(
    (a, b) =>
      (a.accountId ?? '').localeCompare(b.accountId ?? '') ||
      a.region.localeCompare(b.region) ||
      (a.domainName ?? '').localeCompare(b.domainName ?? '') ||
      a.arn.localeCompare(b.arn),
  );
}

/** The inventory's provenance when it is a recording (see recordingSentence). */
export function originNote(inv: Inventory, now: Date): string {
  return inv.origin ? recordingSentence(inv.origin, now) : '';
}
