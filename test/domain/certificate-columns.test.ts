/**
 * The certificate table's columns are declared once (CERTIFICATE_COLUMNS). These tests render each
 * place that lists certificates — the TUI table, the CLI table, the CSV and the Markdown appendix —
 * and check that each shows the declared columns, in order, under the declared headers.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Nodes, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import { inventoryCsv, inventoryTable } from '../../src/cli/commands/inventory.js';
import { runAudit } from '../../src/audit/run.js';
import { CERTIFICATE_FIELDS, type Certificate } from '../../src/domain/certificate.js';
import { CERTIFICATE_COLUMNS, columnsFor, CSV_FIELDS } from '../../src/domain/certificate-columns.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { buildReport } from '../../src/report/model.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { layoutColumns } from '../../src/ui/state/columns.js';
import { SORT_COLUMNS } from '../../src/ui/state/sort.js';
import { headerRuns } from '../../src/ui/components/table.js';
import { cert, inventoryOf, NOW } from '../ui/fixtures.js';

const certs: Certificate[] = [cert('a', 'eu-west-1', { accountId: '111122223333', accountName: 'shop' }), cert('b', 'us-east-1', { accountId: '444455556666', accountName: 'web' })];

function inventory(accounts: boolean): Inventory {
  const inv = inventoryOf(certs, ['eu-west-1', 'us-east-1']);
  if (!accounts) return inv;
  const ids = ['111122223333', '444455556666'];
  return { ...inv, accounts: ids.map((id) => ({ id, name: null, status: 'ok', regions: inv.regions.map((r) => ({ ...r, accountId: id })) })) };
}

/** A node's text, as a reader sees it. */
const toString = (n: Nodes): string => ('value' in n ? n.value : 'children' in n ? n.children.map((c) => toString(c as Nodes)).join('') : '');

const headers = (surface: 'tui' | 'table' | 'markdown', accounts: boolean) => columnsFor(surface, accounts).map((c) => c.header);

function appendixHeader(accounts: boolean): string[] {
  const inv = inventory(accounts);
  const report = buildReport({ inventory: inv, audit: runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, NOW), advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
  const tree = fromMarkdown(renderReportMarkdown(report), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const at = tree.children.findIndex((n) => n.type === 'heading' && toString(n) === 'Appendix: certificate inventory');
  const table = tree.children[at + 1] as Table;
  return table.children[0].children.map((c) => toString(c));
}

describe('the certificate columns', () => {
  it('have unique ids and name only fields of the certificate model', () => {
    const ids = CERTIFICATE_COLUMNS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CERTIFICATE_COLUMNS) for (const f of c.fields) expect(Object.keys(CERTIFICATE_FIELDS)).toContain(f);
  });

  it('the TUI table shows its declared columns, in order, and sorts by exactly those', () => {
    for (const accounts of [false, true]) {
      const laidOut = layoutColumns(400, { accounts });
      expect(laidOut.map((c) => c.header)).toEqual(headers('tui', accounts));
      const line = headerRuns(laidOut, { column: 'domain', descending: false }, false).map((r) => r.text).join('');
      expect(line.split(/\s{2,}|[▲▼]\s*/).map((s) => s.trim()).filter(Boolean)).toEqual(headers('tui', accounts));
    }
    expect([...SORT_COLUMNS]).toEqual(columnsFor('tui', true).map((c) => c.id));
  });

  it('the CLI table shows its declared columns, in order', () => {
    for (const accounts of [false, true]) {
      const first = inventoryTable(inventory(accounts), NOW, false, DEFAULT_AUDIT_CONFIG.expiryDays).split('\n')[0];
      expect(first.split(/\s{2,}/)).toEqual(headers('table', accounts).map((h) => h.toUpperCase()));
    }
  });

  it('the CSV writes every field of its declared columns, and every field a table shows', () => {
    expect(inventoryCsv(inventory(false)).split('\r\n')[0]).toBe(CSV_FIELDS.join(','));
    const shown = CERTIFICATE_COLUMNS.filter((c) => c.shownIn.some((s) => s !== 'csv')).flatMap((c) => c.fields);
    for (const f of shown) expect(CSV_FIELDS).toContain(f);
  });

  it('Hosts counts the hostnames a certificate serves, unknown (—) when they were not read, never 0', () => {
    const hosts = columnsFor('table', false).find((c) => c.id === 'hosts')!;
    const ctx = { now: NOW, ownerTag: 'owner' };
    expect([null, [], ['a.example.com', 'b.example.com']].map((hostnames) => hosts.text({ ...certs[0], hostnames }, ctx))).toEqual([null, '0', '2']);
    expect(columnsFor('tui', false).map((c) => c.id)).toContain('hosts');
    const served = inventoryOf([{ ...certs[0], hostnames: ['a.example.com', 'b.example.com'] }, { ...certs[1], hostnames: null }], ['eu-west-1', 'us-east-1']);
    const table = inventoryTable(served, NOW, false, DEFAULT_AUDIT_CONFIG.expiryDays).split('\n');
    const at = table[0].indexOf('HOSTS');
    expect(table.slice(1, 3).map((l) => l.slice(at).split(' ')[0])).toEqual(['2', '—']);
    const [header, ...rows] = inventoryCsv(served).trim().split('\r\n').map((l) => l.split(','));
    expect(rows.map((r) => r[header.indexOf('hostnames')])).toEqual(['a.example.com;b.example.com', '']);
  });

  it('the Markdown appendix shows its declared columns, in order', () => {
    expect(appendixHeader(false)).toEqual(headers('markdown', false).map((h) => (h === 'Owner' ? 'Owner (owner)' : h)));
    expect(appendixHeader(true)).toEqual(headers('markdown', true).map((h) => (h === 'Owner' ? 'Owner (owner)' : h)));
    expect(headers('markdown', true)).toContain('Account');
  });
});
