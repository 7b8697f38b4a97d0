import { recordingContext } from '../support/command-context.js';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { runReportCommand } from '../../src/cli/commands/report.js';
import { FileExistsError, InputError } from '../../src/domain/errors.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { NOW, hostileInventory } from './fixtures.js';

const ANSWERS = `workload: web shop
answers:
  certificate-pinning: none
  ev-ov-required: "no"
  pci-passthrough: "no"
  private-key-export: "no"
  non-aws-cdn: "no"
  onprem-ca-mandated: "no"
`;

describe('report command', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-report-cmd-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function context(inv: Inventory = hostileInventory()) {
    return recordingContext({ inventory: inv, now: NOW, configDir: join(dir, 'config'), cwd: dir });
  }

  it('writes a Markdown report with advice to --out, exit 3 on a partial inventory', async () => {
    await writeFile(join(dir, 'answers.yaml'), ANSWERS);
    const c = context();
    const code = await runReportCommand(c.ctx, { answers: 'answers.yaml', out: 'report.md', format: 'md' });
    expect(code).toBe(3);
    expect(c.out).toEqual([]);
    expect(c.err.join('')).toContain('wrote report.md');
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const headings = tree.children.filter((n) => n.type === 'heading').length;
    expect(headings).toBeGreaterThan(8);
    expect(md).toMatch(/\*\*Verdict:\*\* (adopt|adopt-with-exceptions|import-only|do-not-adopt)\b/);
    expect(md).toContain('## Facts relied on');
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('prints JSON to stdout without answers, with null recommendation', async () => {
    const inv = { ...hostileInventory(), regions: [hostileInventory().regions[0]] };
    const c = context(inv);
    expect(await runReportCommand(c.ctx, { format: 'json' })).toBe(0);
    const json = JSON.parse(c.out.join(''));
    expect(json.recommendation).toBeNull();
    expect(json.facts.length).toBeGreaterThan(0);
  });

  it('refuses an existing --out without --force before touching AWS, and keeps the old file', async () => {
    await writeFile(join(dir, 'report.md'), 'old');
    const c = context();
    await expect(runReportCommand(c.ctx, { out: 'report.md', format: 'md' })).rejects.toThrow(FileExistsError);
    expect(c.loads()).toBe(0);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toBe('old');
    expect(await runReportCommand(c.ctx, { out: 'report.md', format: 'md', force: true })).toBe(3);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toMatch(/^# ACM report/);
    expect((await readdir(dir)).sort()).toEqual(['report.md']);
  });

  it('rejects a missing or invalid answers file and a bad format as usage errors', async () => {
    const c = context();
    await expect(runReportCommand(c.ctx, { answers: 'nope.yaml', format: 'md' })).rejects.toThrow(/no such file/);
    await writeFile(join(dir, 'bad.yaml'), 'answers:\n  certificate-pinning: sometimes\n');
    await expect(runReportCommand(c.ctx, { answers: 'bad.yaml', format: 'md' })).rejects.toThrow(InputError);
    await expect(runReportCommand(c.ctx, { format: 'html' as 'md' })).rejects.toThrow(InputError);
    expect(c.loads()).toBe(0);
  });
});
