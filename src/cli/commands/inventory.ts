import { daysUntilExpiry, type Certificate } from '../../domain/certificate.js';
import { isPartial, type Inventory } from '../../domain/inventory.js';
import type { CommandContext } from '../context.js';
import { InputError } from '../../domain/errors.js';
import { sanitiseForTerminal, toInertJson } from '../../domain/text.js';
import { EXIT } from '../errors.js';
import { csvRow } from '../format/csv.js';
import { ansi, renderTable, type Column } from '../format/table.js';

export const INVENTORY_FORMATS = ['table', 'json', 'csv'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export async function runInventoryCommand(ctx: CommandContext, opts: { format: string }): Promise<number> {
  const format = opts.format as InventoryFormat;
  if (!INVENTORY_FORMATS.includes(format)) {
    throw new InputError(`--format must be one of ${INVENTORY_FORMATS.join(', ')} (got '${opts.format}')`);
  }
  const inventory = await ctx.loadInventory();
  if (format === 'json') ctx.out(inventoryJson(inventory) + '\n');
  else if (format === 'csv') ctx.out(inventoryCsv(inventory, { terminal: ctx.stdoutIsTTY }));
  else ctx.out(inventoryTable(inventory, ctx.now, ctx.color));
  return isPartial(inventory) ? EXIT.partial : EXIT.ok;
}

/** PRODUCT.md's inventory JSON: regions trimmed to region/status/error. */
export function inventoryJson(inv: Inventory): string {
  return toInertJson(
    {
      generatedAt: inv.generatedAt,
      account: inv.account,
      regions: inv.regions.map((r) => ({ region: r.region, status: r.status === 'error' ? 'error' : 'ok', ...(r.error ? { error: r.error } : {}) })),
      certificates: sortCertificates(inv.certificates),
    },
  );
}

const CSV_FIELDS = [
  'arn', 'accountId', 'region', 'domainName', 'subjectAlternativeNames', 'status', 'type', 'keyAlgorithm',
  'notBefore', 'notAfter', 'inUse', 'inUseBy', 'renewalEligibility', 'renewalStatus', 'validationMethod',
  'transparencyLogging', 'exportOption', 'exported', 'issuer', 'keyPairOrigin', 'createdAt',
] as const;

/** `terminal`: stdout is a terminal, so the cells are sanitised (see csvCell); a file or pipe gets the data as is. */
export function inventoryCsv(inv: Inventory, opts: { terminal?: boolean } = {}): string {
  const terminal = opts.terminal ?? false;
  const lines = [csvRow([...CSV_FIELDS, 'tags'], terminal)];
  for (const c of sortCertificates(inv.certificates)) {
    const tags = Object.entries(c.tags).map(([k, v]) => `${k}=${v}`);
    lines.push(csvRow([...CSV_FIELDS.map((f) => c[f]), tags], terminal));
  }
  return lines.join('\r\n') + '\r\n';
}

export function inventoryTable(inv: Inventory, now: Date, colour: boolean): string {
  const days = (c: Certificate) => daysUntilExpiry(c, now);
  const columns: Column<Certificate>[] = [
    { header: 'DOMAIN', value: (c) => c.domainName ?? '—', max: 48 },
    { header: 'REGION', value: (c) => c.region },
    { header: 'TYPE', value: (c) => c.type ?? '—' },
    { header: 'STATUS', value: (c) => c.status ?? '—', colour: (c, s) => (c.status === 'ISSUED' ? s : c.status === 'EXPIRED' || c.status === 'REVOKED' || c.status === 'FAILED' ? ansi.red(s) : ansi.yellow(s)) },
    { header: 'KEY', value: (c) => c.keyAlgorithm ?? '—' },
    {
      header: 'EXPIRES',
      value: (c) => (c.notAfter ? `${c.notAfter.slice(0, 10)} ${formatDays(days(c))}` : '—'),
      colour: (c, s) => {
        const d = days(c);
        return d === null ? s : d < 0 ? ansi.red(s) : d <= 30 ? ansi.red(s) : d <= 60 ? ansi.yellow(s) : s;
      },
    },
    { header: 'IN USE', value: (c) => (c.inUse === null ? '—' : c.inUse ? `yes (${c.inUseBy.length || '?'})` : 'no') },
    { header: 'RENEWAL', value: (c) => c.renewalStatus ?? c.renewalEligibility ?? '—' },
  ];
  let out = renderTable(sortCertificates(inv.certificates), columns, colour);
  const failed = inv.regions.filter((r) => r.status === 'error');
  const summary = sanitiseForTerminal(`${inv.certificates.length} certificate(s) in ${inv.regions.length - failed.length} region(s)${inv.account ? `, account ${inv.account.id}` : ''}`);
  out += `\n${colour ? ansi.dim(summary) : summary}\n`;
  return out;
}

function formatDays(d: number | null): string {
  if (d === null) return '';
  return d < 0 ? `(expired ${-d}d ago)` : `(${d}d)`;
}

/** Stable output: region, then domain, then ARN. */
export function sortCertificates(certs: Certificate[]): Certificate[] {
  return [...certs].sort(
    (a, b) => a.region.localeCompare(b.region) || (a.domainName ?? '').localeCompare(b.domainName ?? '') || a.arn.localeCompare(b.arn),
  );
}
