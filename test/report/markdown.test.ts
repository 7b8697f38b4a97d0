import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Nodes, Root, Table } from 'mdast';
import { buildReport } from '../../src/report/model.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { mdText } from '../../src/report/text.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { FACTS, HOSTILE, HOSTILE_VALUES, NOW, hostileAdvice, hostileInventory } from './fixtures.js';

function render(withAdvice: boolean) {
  const inventory = hostileInventory();
  const audit = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW);
  const report = buildReport({
    inventory,
    audit,
    advice: withAdvice ? hostileAdvice() : null,
    facts: FACTS,
    config: DEFAULT_AUDIT_CONFIG,
    generatedAt: NOW,
  });
  const md = renderReportMarkdown(report);
  const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return { md, tree, report, inventory };
}

function walk(node: Nodes, visit: (n: Nodes, parent: Nodes | null) => void, parent: Nodes | null = null): void {
  visit(node, parent);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit, node);
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function tables(tree: Root): Table[] {
  const out: Table[] = [];
  walk(tree, (n) => {
    if (n.type === 'table') out.push(n);
  });
  return out;
}

function tableAfterHeading(tree: Root, heading: string): Table {
  const i = tree.children.findIndex((n) => n.type === 'heading' && textOf(n) === heading);
  expect(i, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const t = tree.children.slice(i + 1).find((n) => n.type === 'table');
  expect(t).toBeDefined();
  return t as Table;
}

function rows(t: Table): string[][] {
  return t.children.map((r) => r.children.map((c) => textOf(c)));
}

const FACT_URLS = new Set(FACTS.map((f) => f.source.url));
const CONSOLE_PAGE = /^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/acm\/home\?region=[a-z0-9-]+#\/certificates\/[A-Za-z0-9-]+$/;

describe.each([true, false])('Markdown report (advice: %s)', (withAdvice) => {
  it('has no control character anywhere', () => {
    const { md } = render(withAdvice);
    // newline is the only control the serialiser itself may emit
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('has no html, image or data-born link nodes', () => {
    const { tree } = render(withAdvice);
    const types = new Set<string>();
    walk(tree, (n) => {
      types.add(n.type);
      // Fact sources, the contents' anchors, and console pages built from a validated ARN: nothing from the data.
      if (n.type === 'link') expect(FACT_URLS.has(n.url) || /^#[a-z0-9-]+$/.test(n.url) || CONSOLE_PAGE.test(n.url), n.url).toBe(true);
    });
    for (const forbidden of ['html', 'image', 'delete', 'linkReference', 'imageReference', 'footnoteReference']) {
      expect(types.has(forbidden), forbidden).toBe(false);
    }
  });

  it('keeps every table row at its header width, with cells holding plain text only', () => {
    const { tree } = render(withAdvice);
    const all = tables(tree);
    expect(all.length).toBeGreaterThanOrEqual(withAdvice ? 8 : 7);
    for (const t of all) {
      const width = t.children[0].children.length;
      for (const row of t.children) {
        expect(row.children.length).toBe(width);
        for (const cell of row.children)
          for (const child of cell.children) expect(['text', 'inlineCode', 'link']).toContain(child.type);
      }
    }
  });

  it('round-trips hostile inventory values to their visible sanitised form', () => {
    const { tree, inventory } = render(withAdvice);
    const appendix = rows(tableAfterHeading(tree, 'Appendix: certificate inventory'));
    expect(appendix[0]).toEqual(['Domain', 'Region', 'Type', 'Status', 'Key', 'Expires', 'In use', 'Owner (owner)', 'History']);
    const body = appendix.slice(1);
    expect(body).toHaveLength(inventory.certificates.length);
    for (const c of inventory.certificates) {
      const row = body.find((r) => r[0] === mdText(c.domainName ?? c.arn));
      expect(row, `row for ${JSON.stringify(c.domainName)}`).toBeDefined();
      const owner = Object.entries(c.tags ?? {}).find(([k]) => k.toLowerCase() === 'owner')?.[1];
      expect(row![7]).toBe(mdText(owner));
    }
    // each hostile owner value survived as one cell's visible text
    const owners = body.map((r) => r[7]);
    for (const v of [HOSTILE.pipe, HOSTILE.ansi, HOSTILE.autolinks, HOSTILE.separators, HOSTILE.bidi]) {
      expect(owners).toContain(mdText(v));
    }
    expect(mdText(HOSTILE.pipe)).toContain('|');
    expect(mdText(HOSTILE.script)).toContain('<script>');
  });

  it('shows each certificate’s CloudTrail history in the appendix: who requested it and when, unknown where CloudTrail was not read', () => {
    const inventory = hostileInventory();
    const [ci, hostile, quiet] = inventory.certificates;
    const event = (arn: string, by: string, at: string) => ({ id: `e-${at}`, event: 'RequestCertificate', by, at, region: 'us-east-1', accountId: null, certificateArn: arn, names: [], domains: [], tags: {}, failed: false });
    const data = [event(ci.arn, 'arn:aws:sts::123456789012:assumed-role/ci-deploy/session-1', '2026-10-01T09:00:00Z'), event(hostile.arn, `arn:aws:iam::123456789012:user/${HOSTILE.pipe}`, '2026-09-02T09:00:00Z')];
    const report = buildReport({
      inventory: { ...inventory, stages: [{ stage: 'cloudtrail', region: 'us-east-1', status: 'ok', readAt: NOW.toISOString(), data }] },
      audit: runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW),
      advice: null,
      facts: FACTS,
      config: DEFAULT_AUDIT_CONFIG,
      generatedAt: NOW,
    });
    const tree = fromMarkdown(renderReportMarkdown(report), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const appendix = rows(tableAfterHeading(tree, 'Appendix: certificate inventory'));
    const history = (c: typeof ci) => appendix.find((r) => r[0] === mdText(c.domainName ?? c.arn))!.at(-1);
    expect(history(ci)).toBe('requested by role/ci-deploy on 2026-10-01');
    expect(history(hostile)).toBe(mdText(`requested by user/${HOSTILE.pipe} on 2026-09-02`));
    expect(history(quiet)).toBe('no ACM events in 90 days');
    expect(report.certificates.find((c) => c.arn === ci.arn)!.provenance).toHaveLength(1);
    // Without a CloudTrail read nothing is claimed.
    expect(rows(tableAfterHeading(render(false).tree, 'Appendix: certificate inventory')).slice(1).every((r) => r.at(-1) === 'unknown')).toBe(true);
  });

  it('round-trips findings with owner and keeps failed regions named', () => {
    const { tree, report, md } = render(withAdvice);
    const findings = rows(tableAfterHeading(tree, 'Findings'));
    expect(findings[0]).toEqual(['Severity', 'Rule', 'Certificate', 'Region', 'Owner (owner)', 'Finding', 'Fix']);
    expect(findings).toHaveLength(report.findings.length + 1);
    report.findings.forEach((f, i) => {
      expect(findings[i + 1][0]).toBe(f.severity);
      expect(findings[i + 1][1]).toBe(f.ruleId);
      expect(findings[i + 1][4]).toBe(mdText(f.owner));
      expect(findings[i + 1][5]).toBe(mdText(`${f.title}. ${f.detail}`));
    });
    const regions = rows(tableAfterHeading(tree, 'Account and regions'));
    expect(regions[2]).toEqual(['eu-west-1', 'error', mdText(`AccessDenied: ${HOSTILE.script}`)]);
    expect(md).toContain('eu-west-1 could not be read');
  });

  it('has the sections in order, a mermaid chart and a 12-month table', () => {
    const { tree } = render(withAdvice);
    const headings = tree.children.filter((n) => n.type === 'heading').map(textOf);
    const expected = [
      'ACM report: account 123456789012',
      'Account and regions',
      'Executive summary',
      'Most urgent certificates',
      'Expiry timeline (next 12 months)',
      'Renewal load forecast (CA/Browser Forum schedule)',
      'Findings',
      ...(withAdvice ? ['Questionnaire answers', 'Recommendation', 'Adoption plan', 'Step 1: Move to DNS validation'] : []),
      'Appendix: certificate inventory',
      'Facts relied on',
    ];
    expect(headings).toEqual(expected);
    const mermaid = tree.children.find((n) => n.type === 'code' && n.lang === 'mermaid');
    expect(mermaid && textOf(mermaid)).toMatch(/^xychart-beta\n/);
    const timeline = rows(tableAfterHeading(tree, 'Expiry timeline (next 12 months)'));
    expect(timeline).toHaveLength(13);
    expect(timeline[1][0]).toBe('2026-06');
    const urgent = rows(tableAfterHeading(tree, 'Most urgent certificates'));
    expect(urgent.length).toBeLessThanOrEqual(6);
    expect(urgent[1][4]).toBe('critical');
  });
});

describe('Markdown report with advice', () => {
  it('shows verdict, reasons, answers and fenced snippets intact', () => {
    const { tree, md } = render(true);
    expect(md).toContain('**Verdict:** adopt-with-exceptions');
    const answers = rows(tableAfterHeading(tree, 'Questionnaire answers'));
    expect(answers[0]).toEqual(['Question', 'Answer', 'Effect', 'Rationale']);
    expect(answers[1][3]).toBe(mdText(HOSTILE.link));
    expect(answers[2][0]).toBe(mdText(`${HOSTILE.backticks} (non-aws-cdn)`));
    const codes = [] as Array<{ lang: string | null | undefined; value: string }>;
    walk(tree, (n) => {
      if (n.type === 'code') codes.push({ lang: n.lang, value: n.value });
    });
    expect(codes.find((c) => c.lang === 'hcl')?.value).toBe('resource "aws_acm_certificate" "x" {\n  domain_name = "a.example.com"\n}');
    const hostileCode = codes.find((c) => c.lang === 'yaml');
    expect(hostileCode?.value).toBe('a: 1\n```\nb: 2 \uFFFD\n~~~');
    // a reason's text stays a list item's text
    let reasonText = '';
    walk(tree, (n) => {
      if (n.type === 'listItem' && textOf(n).startsWith('exception')) reasonText = textOf(n);
    });
    expect(reasonText).toBe(`exception ${mdText(`certificate-pinning: ${HOSTILE.script}`)}`);
  });

  it('renders facts with safe links only', () => {
    const { tree } = render(true);
    const facts = tableAfterHeading(tree, 'Facts relied on');
    const links: string[] = [];
    walk(facts, (n) => {
      if (n.type === 'link') links.push(n.url);
    });
    expect(links).toEqual(['https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html']);
    expect(rows(facts)[2][2]).toBe('Not a link (javascript:alert(1))');
    expect(rows(facts)[1][3]).toBe('2026-05-01');
  });

  it('contains no hostile value verbatim', () => {
    const { md } = render(true);
    for (const v of HOSTILE_VALUES) if (v !== mdText(v) || /[<[*~&]/.test(v)) expect(md.includes(v), v).toBe(false);
  });
});
