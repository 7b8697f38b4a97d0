import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Node, Parent } from 'mdast';
import { materialiseAccount, parseAccountFile, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS, withoutDnsNotice } from './run-cli.js';
import { answersToYaml, loadKnowledgeBase } from '../../src/advisor/index.js';

const cleanAccount = materialiseAccount(
  parseAccountFile({
    accountId: '444455556666',
    enabledRegions: ['eu-west-1'],
    certificates: [
      {
        id: 'clean-shop',
        region: 'eu-west-1',
        domainName: 'shop.example.com',
        type: 'AMAZON_ISSUED',
        status: 'ISSUED',
        keyAlgorithm: 'RSA_2048',
        validation: 'DNS',
        createdDays: -20,
        issuedDays: -20,
        notAfterDays: 178,
        inUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:444455556666:loadbalancer/app/shop/50dc6c495c0c9188'],
        tags: { owner: 'web', environment: 'production', application: 'shop' },
      },
    ],
  }),
  new Date(),
);

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of (node as Parent).children ?? []) walk(child, visit);
}

describe('audit and report through the real binary', () => {
  let clean: RunningEndpoint;
  beforeAll(async () => {
    clean = await startEndpoint({ account: cleanAccount });
  });
  afterAll(() => clean.close());

  it('audit --fail-on high exits 1 on the demo account', async () => {
    const r = await runCli(['--demo', 'audit', '--fail-on', 'high', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary.critical + json.summary.high).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/finding\(s\) at or above high/);
  });

  it('audit --fail-on high exits 0 on a clean account', async () => {
    const r = await runCli(['audit', '--fail-on', 'high', '--endpoint-url', clean.url, '--regions', 'eu-west-1'], TEST_KEYS);
    expect(withoutDnsNotice(r.stderr)).toBe('');
    expect(r.code).toBe(0);
  });

  it('rejects a bad severity in one line with exit 2', async () => {
    const r = await runCli(['--demo', 'audit', '--fail-on', 'severe']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('writes a Markdown report of the demo account whose hostile tags stay data, and refuses to overwrite it', async () => {
    const dir = tempDir('acm-report-');
    const template = await runCli(['questions']);
    expect(template.code).toBe(0);
    // Fill the template the way a user would: answer two criteria, leave the rest.
    const answers = 'answers:\n  certificate-pinning: leaf\n  ev-ov-required: yes\nworkload: storefront\n';
    writeFileSync(join(dir, 'answers.yaml'), answers);
    const out = join(dir, 'report.md');
    const r = await runCli(['--demo', 'report', '--answers', join(dir, 'answers.yaml'), '--out', out]);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    let tables = 0;
    walk(tree, (n) => {
      expect(n.type).not.toBe('html');
      if (n.type === 'table') {
        tables++;
        const rows = (n as Parent).children as Parent[];
        const width = rows[0].children.length;
        for (const row of rows) expect(row.children).toHaveLength(width);
      }
    });
    expect(tables).toBeGreaterThan(3);
    expect(md).toMatch(/adopt-with-exceptions/);
    // The hostile demo tags are visible as text.
    expect(md).toContain('script');

    writeFileSync(out, 'keep me');
    const again = await runCli(['--demo', 'report', '--answers', join(dir, 'answers.yaml'), '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain(`${out} already exists; pass --force to overwrite it`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('names the bad id and the allowed values when an answers file is wrong', async () => {
    const dir = tempDir('acm-answers-');
    writeFileSync(join(dir, 'a.yaml'), 'answers:\n  certificate-pinning: sometimes\n');
    const r = await runCli(['--demo', 'report', '--answers', join(dir, 'a.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/certificate-pinning/);
    expect(r.stderr).toMatch(/leaf/);
    expect(r.stdout).toBe('');
  });

  it('report --answers accepts the answers file the Advisor writes', async () => {
    const kb = loadKnowledgeBase();
    const dir = tempDir('acm-answers-');
    const answers = { 'aws-integrated-endpoints': 'partly', 'certificate-pinning': 'leaf', 'pci-passthrough': 'yes' };
    writeFileSync(join(dir, 'from-app.yaml'), answersToYaml(kb, { workload: 'shop: "front"\n# not a comment', answers }, 'profile prod\nx: y, account 111122223333'));
    const r = await runCli(['--demo', 'report', '--answers', join(dir, 'from-app.yaml'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.fromEntries(json.answers.map((a: { id: string; value: string }) => [a.id, a.value]))).toEqual(answers);
    expect(json.workload).toBe('shop: "front"\n# not a comment');
  });

  it('report --format json carries the recommendation and plan', async () => {
    const dir = tempDir('acm-answers-');
    writeFileSync(join(dir, 'a.yaml'), 'answers:\n  pci-passthrough: yes\n');
    const r = await runCli(['--demo', 'report', '--answers', join(dir, 'a.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.recommendation.verdict).toMatch(/^(adopt|adopt-with-exceptions|import-only|do-not-adopt)$/);
    expect(json.recommendation.reasons.some((x: { criterion: string }) => /pci/i.test(x.criterion))).toBe(true);
    expect(json.plan.steps.length).toBeGreaterThan(0);
    for (const s of json.plan.steps) expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'title', 'why', 'how']));
  });
});
