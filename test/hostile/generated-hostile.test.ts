/**
 * Generated hostile input, across every way the tool prints AWS strings: the terminal
 * sanitiser, the CLI table, CSV, JSON and the Markdown report. Fixed seed: a failure
 * reproduces. The case count is the "hostile-input figure" quoted in the closing note.
 */
import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Node, Parent } from 'mdast';
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { sanitiseForTerminal } from '../../src/domain/text.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { runAudit } from '../../src/audit/run.js';
import { buildReport, renderReportJson, renderReportMarkdown } from '../../src/report/index.js';
import { inventoryCsv, inventoryJson, inventoryTable } from '../../src/cli/commands/inventory.js';
import { parseCsv } from '../support/csv.js';

export const CASES = 400;
const NOW = new Date('2026-11-27T12:00:00Z');

const PIECES = [
  '|', '||', '`', '```', '\\', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](http://evil.example)',
  '![i](http://evil.example/i.png)', 'http://evil.example/p', 'www.evil.example', 'root@evil.example', '<http://evil.example>',
  '\n', '\r\n', '\t', '\u0000', '\u0007', '\u001b]0;pwned\u0007', '\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\',
  '\u001b[31m', '\u001b[2J', '\u001b[?1049l', '\u009b31m', '\u202e', '\u2066', '\u200b', '\u2028', '\ufeff', '*', '_', '~~', '#',
  '&amp;', '&#x3C;', '---', '| a | b |', 'é', '日本', '🙂', 'shop', '.example.com', '*.', ' ',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function hostileString(next: () => number): string {
  const n = 1 + Math.floor(next() * 6);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

function hostileCertificate(i: number, next: () => number): Certificate {
  const c = emptyCertificate(`arn:aws:acm:us-east-1:111122223333:certificate/${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, 'us-east-1');
  c.domainName = hostileString(next);
  c.subjectAlternativeNames = [c.domainName, hostileString(next)];
  c.status = next() < 0.2 ? 'EXPIRED' : 'ISSUED';
  c.type = next() < 0.3 ? 'IMPORTED' : 'AMAZON_ISSUED';
  c.keyAlgorithm = next() < 0.1 ? 'RSA_1024' : 'RSA_2048';
  c.notAfter = new Date(NOW.getTime() + (next() * 400 - 30) * 86_400_000).toISOString();
  c.inUse = next() < 0.5;
  c.inUseBy = c.inUse ? [`arn:aws:cloudfront::111122223333:distribution/${hostileString(next)}`] : [];
  c.renewalStatusReason = hostileString(next);
  c.issuer = hostileString(next);
  c.tags = { owner: hostileString(next), environment: next() < 0.5 ? 'production' : hostileString(next), [hostileString(next)]: hostileString(next) };
  c.detail = { state: 'complete' };
  return c;
}

const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of (node as Parent).children ?? []) walk(child, visit);
}

describe(`generated hostile input (${CASES} certificates, fixed seed)`, () => {
  const next = rng(20261127);
  const certificates = Array.from({ length: CASES }, (_, i) => hostileCertificate(i, next));
  const inventory: Inventory = {
    generatedAt: NOW.toISOString(),
    account: { id: '111122223333', arn: 'arn:aws:iam::111122223333:user/x' },
    regions: [{ region: 'us-east-1', status: 'ok', listed: CASES, described: CASES }],
    certificates,
    warnings: [],
  };

  it('the terminal sanitiser leaves no control, escape or bidi character in any string', () => {
    for (const c of certificates) {
      for (const s of [c.domainName!, ...c.subjectAlternativeNames, ...Object.keys(c.tags!), ...Object.values(c.tags!), c.issuer!]) {
        expect(sanitiseForTerminal(s)).not.toMatch(TERMINAL_UNSAFE);
      }
    }
  });

  it('the CLI table prints one line per certificate and no escape sequence', () => {
    const out = inventoryTable(inventory, NOW, false, DEFAULT_AUDIT_CONFIG.expiryDays);
    expect(out).not.toMatch(/\u001b|\u009b/);
    // Header + one row per certificate + blank + summary.
    expect(out.trimEnd().split('\n')).toHaveLength(CASES + 3);
  });

  it('CSV keeps one record per certificate and never starts a cell with a formula', () => {
    const records = parseCsv(inventoryCsv(inventory));
    expect(records).toHaveLength(CASES + 1);
    for (const r of records) {
      expect(r).toHaveLength(records[0].length);
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const domain = records[0].indexOf('domainName');
    expect(records.slice(1).map((r) => r[domain]).sort()).toEqual(certificates.map((c) => c.domainName!.replace(/^([=+\-@\t\r])/, "'$1")).sort());
  });

  it('CSV for a terminal keeps every record and carries no control, escape or bidi character', () => {
    const text = inventoryCsv(inventory, { terminal: true });
    const records = parseCsv(text);
    expect(records).toHaveLength(CASES + 1);
    for (const r of records) expect(r).toHaveLength(records[0].length);
    expect(text.replace(/\r\n/g, '')).not.toMatch(TERMINAL_UNSAFE);
  });

  it('JSON round-trips every value exactly and writes C1, separator and bidi characters as escapes', () => {
    const text = inventoryJson(inventory);
    expect(text).not.toMatch(/[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(text.replace(/\n/g, '')).not.toMatch(TERMINAL_UNSAFE);
    const parsed = JSON.parse(text) as { certificates: Array<{ arn: string; domainName: string; tags: Record<string, string> }> };
    const byArn = new Map(certificates.map((c) => [c.arn, c]));
    for (const c of parsed.certificates) {
      expect(c.domainName).toBe(byArn.get(c.arn)!.domainName);
      expect(c.tags).toEqual(byArn.get(c.arn)!.tags);
    }
  });

  it('JSON round-trips every value exactly', () => {
    const audit = runAudit(certificates, DEFAULT_AUDIT_CONFIG, NOW);
    const report = buildReport({ inventory, audit, advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
    const text = renderReportJson(report);
    expect(text).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const json = JSON.parse(text);
    const domains = new Set(certificates.map((c) => c.domainName));
    for (const c of json.certificates ?? json.inventory?.certificates ?? []) expect(domains.has(c.domainName)).toBe(true);
  });

  it('the Markdown report parses back with every table row intact, no HTML, no live link, no control character', () => {
    const audit = runAudit(certificates, DEFAULT_AUDIT_CONFIG, NOW);
    const report = buildReport({ inventory, audit, advice: null, facts: [], config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
    const md = renderReportMarkdown(report);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    let rows = 0;
    walk(tree, (n) => {
      expect(n.type).not.toBe('html');
      expect(n.type).not.toBe('image');
      if (n.type === 'link') expect((n as unknown as { url: string }).url).not.toMatch(/evil\.example/);
      if (n.type === 'table') {
        const tableRows = (n as Parent).children as Parent[];
        for (const row of tableRows) expect(row.children).toHaveLength(tableRows[0].children.length);
        rows += tableRows.length;
      }
    });
    // The inventory appendix alone has a row per certificate.
    expect(rows).toBeGreaterThan(CASES);
  });
});
