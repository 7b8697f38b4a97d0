import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, saveSession } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { auditForTui } from '../../src/cli/tui-hooks.js';
import { route } from '../../src/ui/keymap.js';
import { initialState, reducer, type AppState } from '../../src/ui/state/app-state.js';
import { defaultReportPath } from '../../src/ui/state/report-view.js';
import { moveScroll, pagerExtent } from '../../src/ui/state/scroll.js';
import { advisorSlice } from '../../src/ui/state/advisor-slice.js';
import { inventoryOf, reportPreviewOf } from '../../src/ui/state/selectors.js';
import { eventsFor, fakeSource, fixtureCertificates, NOW, FIXTURE_OWNER } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

const DEFAULT_MD = 'acm-report-2026-11-27.md';
const DEFAULT_JSON = 'acm-report-2026-11-27.json';

describe('report view state (pure)', () => {
  it('the export flow: prompt → writing → exists → confirm → cancel keeps the file; modes follow', () => {
    let s: AppState = { ...initialState(), view: 'report' };
    s = reducer(s, { type: 'report-export-start', format: 'md', path: DEFAULT_MD });
    expect(s.mode).toBe('prompt');
    s = reducer(s, { type: 'report-export-input', path: ' out.md ' });
    s = reducer(s, { type: 'report-export-writing', force: false });
    expect(s.mode).toBe('normal');
    expect(s.reportView.export).toEqual({ kind: 'writing', format: 'md', path: 'out.md', force: false });
    s = reducer(s, { type: 'report-export-exists', path: 'out.md' });
    expect(s.mode).toBe('confirm');
    expect(s.reportView.export).toEqual({ kind: 'confirm', format: 'md', path: 'out.md' });
    const kept = reducer(s, { type: 'report-export-cancel' });
    expect(kept.mode).toBe('normal');
    expect(kept.reportView.export).toEqual({ kind: 'result', ok: false, message: 'Kept out.md; nothing written.' });
    s = reducer(s, { type: 'report-export-writing', force: true });
    s = reducer(s, { type: 'report-export-done', ok: true, message: 'Wrote out.md' });
    expect(s.reportView.export).toEqual({ kind: 'result', ok: true, message: 'Wrote out.md' });
    // A late result for a flow that is no longer writing is dropped.
    expect(reducer(s, { type: 'report-export-done', ok: false, message: 'late' })).toBe(s);
  });

  it('scrolls within bounds; the default file name carries the date', () => {
    // 13 lines in a pane of 10: at most 3 lines to scroll.
    const base: AppState = { ...initialState(), view: 'report' };
    expect(reducer(base, { type: 'scroll', pane: 'report', move: 'down', extent: pagerExtent(13, 10), repeat: 5 }).reportView.scroll).toBe(3);
    expect(reducer(base, { type: 'scroll', pane: 'report', move: 'up', extent: pagerExtent(13, 10), repeat: 5 })).toBe(base);
    expect(moveScroll({ cursor: 0, offset: 0 }, 'bottom', pagerExtent(52, 10)).offset).toBe(42);
    expect(moveScroll({ cursor: 0, offset: 42 }, 'page-up', pagerExtent(52, 10)).offset).toBe(32);
    expect(defaultReportPath(NOW, 'md')).toBe(DEFAULT_MD);
    expect(defaultReportPath(NOW, 'json')).toBe(DEFAULT_JSON);
  });

  it('keys: the path prompt takes q, digits and e as text; the overwrite question writes only on y', () => {
    const prompt = { mode: 'prompt' as const, screen: 'report' as const };
    for (const ch of ['q', '1', '5', 'e', 'E', '/', '?', 'j', 'y']) expect(route(ch, prompt)).toEqual({ kind: 'text', text: ch });
    expect(route('return', prompt)).toEqual({ kind: 'command', command: 'prompt.confirm' });
    expect(route('escape', prompt)).toEqual({ kind: 'command', command: 'prompt.cancel' });
    expect(route('backspace', prompt)).toEqual({ kind: 'command', command: 'prompt.backspace' });
    expect(route('ctrl+c', prompt)).toEqual({ kind: 'command', command: 'interrupt' });
    const confirm = { mode: 'confirm' as const, screen: 'report' as const };
    expect(route('y', confirm)).toEqual({ kind: 'command', command: 'confirm.yes' });
    for (const k of ['n', 'N', 'q', 'x', '2', 'return', 'escape', 'down']) expect(route(k, confirm)).toEqual({ kind: 'command', command: 'confirm.no' });
    expect(route('ctrl+c', confirm)).toEqual({ kind: 'command', command: 'interrupt' });
    const normal = { mode: 'normal' as const, screen: 'report' as const };
    expect(route('e', normal)).toEqual({ kind: 'command', command: 'report.export-md' });
    expect(route('E', normal)).toEqual({ kind: 'command', command: 'report.export-json' });
    expect(route('J', normal)).toEqual({ kind: 'command', command: 'report.export-json' });
    expect(route('e', { mode: 'normal', screen: 'findings' })).toEqual({ kind: 'disabled', reason: 'e: export Markdown works in Report (5), not here' });
  });

  it('builds the preview from the app’s data, sanitised, without advice until answers exist', () => {
    const certs = fixtureCertificates();
    const findings = auditForTui(certs, NOW);
    const loaded = (config = DEFAULT_AUDIT_CONFIG) => {
      let s = initialState(undefined, { advisor: advisorSlice(loadKnowledgeBase(), null), config });
      s = reducer(s, { type: 'inventory', generation: 1, events: eventsFor(certs, ['us-east-1', 'eu-west-1']) });
      return reducer(s, { type: 'findings', generation: 1, findings });
    };
    const p = reportPreviewOf(loaded(), NOW, false).preview!;
    expect(p.lines[0]).toBe('# ACM report: account 123456789012');
    expect(p.advice).toEqual({ kind: 'none' });
    expect(p.report.findings).toHaveLength(findings.length);
    // The hostile tag value in the fixtures never reaches the terminal as an escape sequence.
    expect(p.lines.some((l) => /[\u001b\u0007\u202e]/.test(l))).toBe(false);
    expect(p.report.settings.ownerTag).toBe(DEFAULT_AUDIT_CONFIG.ownerTag);
    // The audit's own settings (audit.yaml) are what the report states.
    const custom = reportPreviewOf(loaded({ ...DEFAULT_AUDIT_CONFIG, ownerTag: 'team' }), NOW, false).preview!;
    expect(custom.report.settings.ownerTag).toBe('team');
  });

  it('dates the inventory by its load, not by the preview: generatedAt from the done event is kept', () => {
    const certs = fixtureCertificates();
    let s = initialState(undefined, { advisor: advisorSlice(loadKnowledgeBase(), null) });
    const later = new Date(NOW.getTime() + 3 * 3_600_000);
    // While it loads, the inventory is dated by the clock; once done, by the load.
    s = reducer(s, { type: 'inventory', generation: 1, events: eventsFor(certs, ['us-east-1']).slice(0, -1) });
    expect(inventoryOf(s, later).generatedAt).toBe(later.toISOString());
    s = reducer(s, { type: 'inventory', generation: 1, events: eventsFor(certs, ['us-east-1']).slice(-1) });
    expect(s.generatedAt).toBe(NOW.toISOString());
    expect(inventoryOf(s, later).generatedAt).toBe(NOW.toISOString());
    // One inventory per data change: asking again gives the same object.
    expect(inventoryOf(s, later)).toBe(inventoryOf(s, later));
    const p = reportPreviewOf(s, later, false).preview!;
    expect(p.report.inventoryGeneratedAt).toBe(NOW.toISOString());
    expect(p.report.generatedAt).toBe(later.toISOString());
    expect(p.markdown).toContain(`Generated ${later.toISOString()} from an inventory taken ${NOW.toISOString()}.`);
    // A refresh forgets it until the new load is done.
    expect(reducer(s, { type: 'refresh' }).generatedAt).toBeNull();
  });
});

let h: Harness | null = null;
let dir = '';
let configDir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-report-tui-'));
  configDir = join(dir, 'config');
});
afterEach(() => {
  h?.unmount();
  h = null;
  rmSync(dir, { recursive: true, force: true });
});

async function openReport(opts: { rows?: number } = {}): Promise<Harness> {
  const harness = await renderApp({ source: fakeSource(fixtureCertificates()), audit: auditForTui, cwd: dir, configDir, rows: opts.rows });
  h = harness;
  await harness.waitForFrame('loaded');
  await harness.press('5');
  await harness.waitForFrame(/lines 1–\d+ of \d+/);
  return harness;
}

describe('Report view (harness)', () => {
  it('previews the report: title, findings, and says there are no answers yet', async () => {
    const t = await openReport({ rows: 400 });
    const f = t.frame();
    expect(f).toContain('# ACM report: account 123456789012');
    expect(f).toContain('Advice: no answers yet — press 4 to answer the questionnaire');
    expect(f).toContain('## Findings');
    // The certificate links to its console page.
    expect(f).toMatch(/\| high +\| weak-key +\| \[legacy\.internal\.test/);
    expect(f).toContain('## Appendix: certificate inventory');
    expect(f).toContain('e export Markdown');
    expect(f).not.toContain('\u001b]0;pwned');
  });

  it('scrolls with j, G and g', async () => {
    const t = await openReport();
    await t.press('j');
    await t.waitForFrame(/lines 2–35 of \d+/);
    await t.press('G');
    const bottom = await t.waitForFrame((f) => /lines (\d+)–(\d+) of \2/.test(f));
    expect(bottom).not.toContain('# ACM report');
    await t.press('g');
    await t.waitForFrame('# ACM report');
  });

  it('includes the advice when the Advisor has saved answers', async () => {
    saveSession(configDir, FIXTURE_OWNER, { version: 1, workload: 'shop', answers: { 'aws-integrated-endpoints': 'yes' }, currentQuestionId: null, savedAt: NOW.toISOString() });
    const t = await openReport({ rows: 400 });
    const f = await t.waitForFrame('Advice: from 1 saved answer (workload shop)');
    expect(f).toContain('## Questionnaire answers');
    expect(f).toContain('## Recommendation');
  });

  it('states when the inventory was taken (its load), not when the preview was made', async () => {
    const later = new Date(NOW.getTime() + 3 * 3_600_000);
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: auditForTui, cwd: dir, configDir, rows: 400, now: () => later });
    await h.waitForFrame('loaded');
    await h.press('5');
    await h.waitForFrame(`Generated ${later.toISOString()} from an inventory taken ${NOW.toISOString()}.`);
  });

  it('the advice comes from the app state, not from the session file', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: auditForTui, cwd: dir, configDir, rows: 400 });
    await h.waitForFrame('loaded');
    await h.press('4');
    await h.waitForFrame('Question 1 of');
    // The first question's answer can block adoption, so Enter alone does not give it: select, then answer.
    await h.press('j');
    await h.waitForFrame((f) => f.split('\n').some((l) => l.startsWith('› ')));
    await h.press(KEY.enter);
    await h.waitForFrame('Question 2 of');
    // The answer is saved; the Report does not need (or read) the file.
    rmSync(configDir, { recursive: true, force: true });
    await h.press('5');
    const f = await h.waitForFrame('Advice: from 1 saved answer');
    expect(f).toContain('## Recommendation');
    expect(existsSync(configDir)).toBe(false);
  });

  it('exports Markdown, asks before overwriting: n keeps the old file, y overwrites', async () => {
    const t = await openReport();
    const target = join(dir, DEFAULT_MD);
    await t.press('e');
    await t.waitForFrame(`Export Markdown to: ${DEFAULT_MD}`);
    expect(t.frame()).toContain('Enter write the file');
    await t.press(KEY.enter);
    await t.waitForFrame(`Wrote ${DEFAULT_MD}`);
    expect(readFileSync(target, 'utf8')).toMatch(/^# ACM report: account 123456789012\n/);

    writeFileSync(target, 'OLD CONTENT');
    await t.press('e', KEY.enter);
    await t.waitForFrame(`${DEFAULT_MD} exists. Overwrite? y/N`);
    await t.press('n');
    await t.waitForFrame(`Kept ${DEFAULT_MD}; nothing written.`);
    expect(readFileSync(target, 'utf8')).toBe('OLD CONTENT');

    // Any other key keeps it too — q included, and it does not quit.
    await t.press('e', KEY.enter);
    await t.waitForFrame('Overwrite? y/N');
    await t.press('q');
    await t.waitForFrame(`Kept ${DEFAULT_MD}`);
    expect(readFileSync(target, 'utf8')).toBe('OLD CONTENT');
    expect(t.exitCodes).toEqual([]);

    await t.press('e', KEY.enter);
    await t.waitForFrame('Overwrite? y/N');
    await t.press('y');
    await t.waitForFrame(`Wrote ${DEFAULT_MD}`);
    expect(readFileSync(target, 'utf8')).toMatch(/^# ACM report/);
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('the path is typed text (q and digits included); Esc cancels; JSON export parses', async () => {
    const t = await openReport();
    await t.press('e');
    await t.waitForFrame(`to: ${DEFAULT_MD}`);
    await t.chunk(KEY.backspace.repeat(DEFAULT_MD.length));
    await t.waitForFrame(/to: _/);
    await t.chunk('q1-report.md');
    await t.waitForFrame('to: q1-report.md');
    await t.press(KEY.enter);
    await t.waitForFrame('Wrote q1-report.md');
    expect(readFileSync(join(dir, 'q1-report.md'), 'utf8')).toContain('## Findings');
    expect(t.exitCodes).toEqual([]);

    await t.press('e', KEY.escape);
    await t.waitForFrame('Export cancelled.');
    expect(existsSync(join(dir, DEFAULT_MD))).toBe(false);

    await t.press('E');
    await t.waitForFrame(`Export JSON to: ${DEFAULT_JSON}`);
    await t.press(KEY.enter);
    await t.waitForFrame(`Wrote ${DEFAULT_JSON}`);
    const json = JSON.parse(readFileSync(join(dir, DEFAULT_JSON), 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(json.account.id).toBe('123456789012');
    expect(json.findings.length).toBe(auditForTui(fixtureCertificates(), NOW).length);
    expect(json.certificates).toHaveLength(4);
  });

  it('a write error is one line, and nothing is written', async () => {
    const t = await openReport();
    await t.press('e');
    await t.waitForFrame(`to: ${DEFAULT_MD}`);
    await t.chunk(KEY.backspace.repeat(DEFAULT_MD.length) + 'missing/out.md');
    await t.press(KEY.enter);
    const f = await t.waitForFrame('Export failed: cannot write missing/out.md');
    expect(f).toContain('does not exist');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
