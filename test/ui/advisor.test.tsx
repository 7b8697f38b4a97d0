import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, parseAnswers, saveSession, sessionPath } from '../../src/advisor/index.js';
import type { InventoryEvent, InventorySource } from '../../src/domain/inventory.js';
import { fakeSource, fixtureCertificates, FIXTURE_OWNER } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

const kb = loadKnowledgeBase();
const q = (id: string) => kb.questions.find((x) => x.id === id)!;
const label = (id: string, value: string) => q(id).choices.find((c) => c.value === value)!.label;
const total = kb.questions.length;

let h: Harness | null = null;
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-ui-'));
});
afterEach(() => {
  h?.unmount();
  h = null;
  rmSync(dir, { recursive: true, force: true });
});

const lines = (frame: string) => frame.split('\n');
/** The highlighted choice's line. */
const cursorLine = (frame: string) => lines(frame).find((l) => l.startsWith('› ')) ?? '';
const progress = (frame: string) => /Question (\d+) of (\d+)/.exec(frame)?.slice(1).map(Number) ?? null;

async function open(): Promise<Harness> {
  h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir });
  await h.waitForFrame('loaded');
  await h.press('4');
  await h.waitForFrame((f) => f.includes('Why it matters') || f.includes('Verdict:'));
  return h;
}

/** Move the cursor to the choice with this value (from wherever it is) and press Enter. */
async function choose(hh: Harness, id: string, value: string): Promise<void> {
  const choices = q(id).choices;
  await hh.chunk('k'.repeat(choices.length));
  await hh.waitForFrame((f) => cursorLine(f).includes(choices[0].label));
  const at = choices.findIndex((c) => c.value === value);
  if (at > 0) await hh.chunk('j'.repeat(at));
  await hh.waitForFrame((f) => cursorLine(f).includes(choices[at].label));
  await hh.press(KEY.enter);
}

const saved = () =>
  JSON.parse(readFileSync(sessionPath(dir, FIXTURE_OWNER), 'utf8')) as { workload: string | null; answers: Record<string, string>; currentQuestionId: string | null };
const footer = (frame: string) => lines(frame).filter((l) => l.trim() !== '').at(-1) ?? '';

describe('the Advisor view', () => {
  it('answer, go back, change an answer, quit, restart: resumes where it stopped, with the changed answer', async () => {
    const hh = await open();
    let f = await hh.waitForFrame(`Question 1 of ${total}`);
    expect(f).toContain(q('aws-integrated-endpoints').prompt.slice(0, 40));
    expect(f).toContain('Why it matters');
    expect(f).toContain('What this account shows');
    expect(f).toContain('Enter answer'); // footer, from the keymap

    await choose(hh, 'aws-integrated-endpoints', 'partly');
    f = await hh.waitForFrame('Question 2 of');
    expect(f).toContain('1 answered');
    expect(saved()).toMatchObject({ answers: { 'aws-integrated-endpoints': 'partly' }, currentQuestionId: 'existing-ca' });

    await choose(hh, 'existing-ca', 'internal-ca');
    await hh.waitForFrame('Question 3 of');
    expect(saved().answers).toEqual({ 'aws-integrated-endpoints': 'partly', 'existing-ca': 'internal-ca' });

    // Back (b, then ←) to the first question: the cursor sits on the given answer.
    await hh.press('b');
    await hh.waitForFrame('Question 2 of');
    await hh.press(KEY.left);
    f = await hh.waitForFrame('Question 1 of');
    expect(cursorLine(f)).toContain(label('aws-integrated-endpoints', 'partly'));
    expect(cursorLine(f)).toContain('your answer');

    // Change the first answer: saved at once, and answering moves on.
    await choose(hh, 'aws-integrated-endpoints', 'yes');
    await hh.waitForFrame('Question 2 of');
    expect(saved()).toMatchObject({ answers: { 'aws-integrated-endpoints': 'yes', 'existing-ca': 'internal-ca' }, currentQuestionId: 'existing-ca' });

    // Quit and start again with the same config dir.
    await hh.press('q');
    expect(hh.exitCodes).toEqual([0]);
    hh.unmount();
    const again = await open();
    f = await again.waitForFrame('Question 2 of');
    expect(f).toContain('2 answered · this one answered');
    expect(cursorLine(f)).toContain(label('existing-ca', 'internal-ca'));
    await again.press('h');
    f = await again.waitForFrame('Question 1 of');
    expect(cursorLine(f)).toContain(label('aws-integrated-endpoints', 'yes'));
    // Forward (→, n) moves without answering.
    await again.press(KEY.right, 'n');
    await again.waitForFrame('Question 3 of');
    expect(Object.keys(saved().answers)).toHaveLength(2);
  });

  it('changing an earlier answer re-evaluates branching: the follow-up question is skipped', async () => {
    const hh = await open();
    // Jump to "private key export" with n, answer yes: its follow-up comes next.
    const at = kb.questions.findIndex((x) => x.id === 'private-key-export');
    await hh.chunk('n'.repeat(at));
    await hh.waitForFrame(q('private-key-export').prompt.slice(0, 40));
    await choose(hh, 'private-key-export', 'yes');
    await hh.waitForFrame(q('key-export-route').prompt.slice(0, 30));
    await hh.press('b');
    await hh.waitForFrame(q('private-key-export').prompt.slice(0, 40));
    await choose(hh, 'private-key-export', 'no');
    const f = await hh.waitForFrame(q('non-aws-cdn').prompt.slice(0, 30));
    expect(progress(f)).toEqual([at + 2, total - 1]); // key-export-route (just before) is gone
  });

  it('shows evidence from the fixture inventory, and the inventory suggestion is never answered silently', async () => {
    const hh = await open();
    const f = await hh.waitForFrame('What this account shows');
    const after = lines(f).slice(lines(f).findIndex((l) => l.includes('What this account shows')) + 1);
    expect(after[0]).toMatch(/^ {2}• \S/);
    // The fixture has certificates in use by a load balancer and CloudFront.
    expect(f).toMatch(/CloudFront|load balancer|Load Balancer|in use/i);
    expect(f).not.toContain('still loading');
    // The fixture's integrated endpoints make the inventory suggest "all of them": marked, not answered.
    const flat = f.replace(/\s+/g, ' ');
    expect(flat).toContain(`Suggested from the inventory: "${label('aws-integrated-endpoints', 'yes')}"`);
    // An answer that can block adoption is never given by Enter alone: nothing is selected, and Enter says so.
    expect(flat).toContain('↑/↓ selects it, Enter answers');
    expect(flat).toContain('Nothing is selected, as this answer can block or limit adoption');
    expect(cursorLine(f)).toBe('');
    expect(f).toContain('0 answered');
    await hh.press(KEY.enter);
    const nudged = await hh.waitForFrame('Enter answered nothing.');
    expect(progress(nudged)?.[0]).toBe(1);
    expect(nudged).toContain('0 answered');
    // ↓ selects the suggestion.
    await hh.press('j');
    const picked = await hh.waitForFrame((fr) => cursorLine(fr) !== '');
    expect(cursorLine(picked)).toContain('(suggested)');
    expect(() => readFileSync(sessionPath(dir, FIXTURE_OWNER))).toThrow(); // nothing saved until an answer is given
  });

  it('says "still loading…" while the inventory loads', async () => {
    const src = fakeSource(fixtureCertificates(), { hold: true });
    h = await renderApp({ source: src, configDir: dir });
    await h.waitForFrame('details 4/4');
    await h.press('4');
    await h.waitForFrame('still loading…');
    src.release();
    await h.waitForFrame((f) => f.includes('loaded') && !f.includes('still loading'));
  });

  it('answering every question shows the recommendation: verdict, reasons, plan steps, pointer to 5', async () => {
    const hh = await open();
    for (let i = 0; i < total + 1; i++) {
      const before = hh.frame();
      if (before.includes('Verdict:')) break;
      const p = progress(before);
      // Nothing selected (no suggestion, or an answer that can block): select one first.
      if (cursorLine(before) === '') {
        await hh.press('j');
        await hh.waitForFrame((f) => cursorLine(f) !== '');
      }
      await hh.press(KEY.enter);
      await hh.waitForFrame((f) => f.includes('Verdict:') || progress(f)?.[0] !== p?.[0]);
    }
    const f = await hh.waitForFrame('Verdict:');
    expect(f).toMatch(/Verdict: (ADOPT|ADOPT WITH EXCEPTIONS|IMPORT ONLY|DO NOT ADOPT)/);
    expect(f).toMatch(/Reasons \(\d+\)/);
    expect(f).toMatch(/Plan \(\d+ steps\)/);
    expect(f).toContain('5 Report');
    expect(saved().currentQuestionId).toBeNull();
    // Back returns to the questions; v shows the recommendation again.
    await hh.press(KEY.left);
    await hh.waitForFrame('Why it matters');
    await hh.press('v');
    await hh.waitForFrame('Verdict:');
    // A restart resumes at the recommendation.
    hh.unmount();
    const again = await open();
    await again.waitForFrame('Verdict:');
  });

  it('a specific answer shows in the verdict and reasons', async () => {
    const hh = await open();
    await choose(hh, 'aws-integrated-endpoints', 'none');
    await hh.waitForFrame('Question 2 of');
    await hh.press('v');
    const f = await hh.waitForFrame('Verdict:');
    expect(f).toContain('Verdict: DO NOT ADOPT');
    expect(f).toMatch(/\[blocker\] aws-integrated-endpoints/);
  });

  it('a corrupt session file is ignored with a notice, never a crash', async () => {
    mkdirSync(dirname(sessionPath(dir, FIXTURE_OWNER)), { recursive: true });
    writeFileSync(sessionPath(dir, FIXTURE_OWNER), '{ not json');
    const hh = await open();
    const f = await hh.waitForFrame(`Question 1 of ${total}`);
    expect(f).toContain('ignoring a corrupt advisor session file');
    await choose(hh, 'aws-integrated-endpoints', 'yes');
    await hh.waitForFrame('Question 2 of');
    expect(saved().answers).toEqual({ 'aws-integrated-endpoints': 'yes' });
  });

  it('X then y resets the session; any other key cancels', async () => {
    const hh = await open();
    await choose(hh, 'aws-integrated-endpoints', 'yes');
    await hh.waitForFrame('Question 2 of');
    await hh.press('X');
    await hh.waitForFrame('Reset every answer');
    await hh.press(KEY.escape);
    await hh.waitForFrame((f) => !f.includes('Reset every answer') && f.includes('Question 2 of'));
    await hh.press('X', 'y');
    const f = await hh.waitForFrame('Question 1 of');
    expect(f).toContain('0 answered');
    expect(saved().answers).toEqual({});
  });

  it('global keys still work in the advisor: 1-5, ?, q; j/k/Enter are the advisor’s', async () => {
    const hh = await open();
    await hh.press('?');
    let f = await hh.waitForFrame('Keys — ? or Esc closes');
    await hh.press(KEY.escape);
    await hh.waitForFrame('Why it matters');
    await hh.press('2');
    f = await hh.waitForFrame('4 certificates');
    expect(f).not.toContain('Why it matters');
    await hh.press('4');
    await hh.waitForFrame('Why it matters');
    await hh.press('q');
    expect(hh.exitCodes).toEqual([0]);
  });

  it('w names the workload: typed keys are text (q, digits, j, b…), Backspace deletes, Enter saves at once; the header and the report name it', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir, rows: 200 });
    const hh = h;
    await hh.waitForFrame('loaded');
    await hh.press('4');
    let f = await hh.waitForFrame(`Question 1 of ${total}`);
    expect(footer(f)).toContain('w name the workload');
    expect(f).not.toContain('Workload');

    await hh.press('w');
    f = await hh.waitForFrame('Workload name: █');
    expect(footer(f)).toContain('Enter save the name');
    expect(footer(f)).toContain('Esc cancel, keep the old name');
    expect(footer(f)).not.toContain('q quit');
    // One chunk (a paste, tmux send-keys) and single keys: all text, none a command.
    await hh.chunk('  shop-front');
    await hh.press('q', '1', 'j', 'b', 'X', 'v', 'w', '?', 'r', '5');
    await hh.waitForFrame('Workload name:   shop-frontq1jbXvw?r5█');
    await hh.press(...Array<string>(10).fill(KEY.backspace));
    await hh.waitForFrame('Workload name:   shop-front█');
    await hh.chunk('end q ');
    await hh.waitForFrame('Workload name:   shop-frontend q █');
    await hh.press(KEY.enter);
    f = await hh.waitForFrame('Workload: shop-frontend q');
    expect(f).not.toContain('Workload name:');
    expect(hh.exitCodes).toEqual([]);
    expect(f).toContain(`Question 1 of ${total} · 0 answered`); // nothing answered, moved or reset by the typing
    expect(f).toContain('Why it matters');
    expect(saved()).toMatchObject({ workload: 'shop-frontend q', answers: {}, currentQuestionId: kb.questions[0].id });

    // w again starts from the saved name; Esc keeps it.
    await hh.press('w');
    await hh.waitForFrame('Workload name: shop-frontend q█');
    await hh.chunk('zz');
    await hh.waitForFrame('Workload name: shop-frontend qzz█');
    await hh.press(KEY.escape);
    f = await hh.waitForFrame((fr) => !fr.includes('Workload name:'));
    expect(f).toContain('Workload: shop-frontend q');
    expect(saved().workload).toBe('shop-frontend q');
    expect(footer(f)).toContain('w name the workload');

    // The report names it, before any answer and with the advice.
    await hh.press('5');
    await hh.waitForFrame('Advice: no answers yet for workload shop-frontend q — press 4');
    await hh.press('4');
    await hh.waitForFrame('Workload: shop-frontend q');
    await hh.press('j');
    await hh.waitForFrame((fr) => cursorLine(fr) !== '');
    await hh.press(KEY.enter);
    await hh.waitForFrame('Question 2 of');
    await hh.press('v');
    f = await hh.waitForFrame('Verdict:');
    expect(f).toContain('Workload: shop-frontend q'); // the recommendation's header too
    await hh.press('5');
    f = await hh.waitForFrame('Advice: from 1 saved answer (workload shop-frontend q)');
    expect(f).toMatch(/\*\*Verdict:\*\* [a-z-]+(?: \(provisional\))? \(workload: shop-frontend q\)/);
    expect(f).toContain('Workload: shop-frontend q');

    // A restart resumes with the name.
    hh.unmount();
    const again = await open();
    await again.waitForFrame('Workload: shop-frontend q');
  });

  it('the saved name is sanitised, trimmed and at most 100 characters; an empty one clears it', async () => {
    const hh = await open();
    await hh.press('w');
    await hh.waitForFrame('Workload name: █');
    await hh.chunk(`  \u202eevil ${'x'.repeat(150)}`);
    let f = await hh.waitForFrame(/Workload name: .*x█/);
    expect(f).not.toContain('\u202e');
    await hh.press(KEY.enter);
    f = await hh.waitForFrame('Workload: \uFFFDevil x');
    const name = saved().workload!;
    expect(name).toBe(`\uFFFDevil ${'x'.repeat(100 - 8)}`);
    expect([...name]).toHaveLength(100 - 2); // the two leading spaces counted while typing, then trimmed
    // The header line fits the terminal (cut with …), never wraps.
    const header = lines(f).find((l) => l.startsWith('Workload: '))!;
    expect(header.length).toBeLessThanOrEqual(120);

    // Deleting the whole name and saving clears it.
    await hh.press('w');
    await hh.waitForFrame('x█');
    await hh.chunk('\u007f'.repeat(120));
    await hh.waitForFrame('Workload name: █');
    await hh.press(KEY.enter);
    f = await hh.waitForFrame((fr) => !fr.includes('Workload'));
    expect(saved().workload).toBeNull();
    expect(f).toContain(`Question 1 of ${total}`);
  });

  it('w while a reset awaits its y cancels the reset and opens nothing; ? lists w', async () => {
    const hh = await open();
    await choose(hh, 'aws-integrated-endpoints', 'yes');
    await hh.waitForFrame('Question 2 of');
    await hh.press('X');
    await hh.waitForFrame('Reset every answer');
    await hh.press('w');
    let f = await hh.waitForFrame((fr) => !fr.includes('Reset every answer'));
    expect(f).not.toContain('Workload name:');
    expect(f).toContain('1 answered');
    await hh.press('?');
    f = await hh.waitForFrame('Keys — ? or Esc closes');
    expect(f).toMatch(/w +name the workload/);
    await hh.press(KEY.escape);
    await hh.waitForFrame('Why it matters');
    await hh.press('w');
    await hh.waitForFrame('Workload name: █');
    // Ctrl+C still quits from the prompt.
    await hh.press(KEY.ctrlC);
    expect(hh.exitCodes).toEqual([130]);
  });
});

describe('whose answers', () => {
  it('are kept per account and profile: the demo\u2019s never show for a profile, the app names the owner, and e writes them for report --answers', async () => {
    // Answers given in the demo, and under another profile of the same account.
    saveSession(dir, { demo: true }, { version: 1, workload: 'demo shop', answers: { 'aws-integrated-endpoints': 'none' }, currentQuestionId: null, savedAt: '2026-11-27T12:00:00Z' });
    saveSession(dir, { ...FIXTURE_OWNER, profile: 'other' }, { version: 1, workload: null, answers: { 'onprem-ca-mandated': 'yes' }, currentQuestionId: null, savedAt: '2026-11-27T12:00:00Z' });
    h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir, cwd: dir });
    await h.waitForFrame('loaded');
    await h.press('4');
    let f = await h.waitForFrame(`Question 1 of ${total}`);
    expect(f).toContain('0 answered');
    expect(f.replace(/\s+/g, ' ')).toContain('Answers of profile test-profile, account 123456789012');
    expect(f).not.toContain('demo shop');
    await choose(h, 'aws-integrated-endpoints', 'partly');
    await h.waitForFrame('Question 2 of');
    expect(saved()).toMatchObject({ answers: { 'aws-integrated-endpoints': 'partly' }, owner: 'profile test-profile, account 123456789012' });
    // The other owners' files are untouched.
    expect(JSON.parse(readFileSync(sessionPath(dir, { demo: true }), 'utf8')).answers).toEqual({ 'aws-integrated-endpoints': 'none' });

    await h.press('e');
    f = await h.waitForFrame('Wrote acm-advisor-answers.yaml');
    const text = readFileSync(join(dir, 'acm-advisor-answers.yaml'), 'utf8');
    expect(parseAnswers(text, kb)).toEqual({ workload: null, answers: { 'aws-integrated-endpoints': 'partly' } });
    expect(text).toContain('# Answers of profile test-profile, account 123456789012');
    // A second e never overwrites.
    await h.press('e');
    await h.waitForFrame('already exists; it was left as it is');
  });

  it('never cross accounts: a refresh that reads another account opens that account\u2019s answers, and saves there', async () => {
    const OTHER = '210987654321';
    saveSession(dir, FIXTURE_OWNER, { version: 1, workload: 'first account', answers: { 'onprem-ca-mandated': 'yes' }, currentQuestionId: null, savedAt: '2026-11-27T12:00:00Z' });
    // The credentials read another account from the second load on (the profile now points elsewhere).
    const base = fakeSource(fixtureCertificates());
    let loads = 0;
    const other = { id: OTHER, arn: `arn:aws:iam::${OTHER}:root` };
    const elsewhere = (e: InventoryEvent): InventoryEvent =>
      e.kind === 'identity' ? { ...e, account: other } : e.kind === 'done' ? { ...e, inventory: { ...e.inventory, account: other } } : e;
    const source: InventorySource = {
      label: base.label,
      load: async (onEvent, signal) => {
        const first = ++loads === 1;
        const inventory = await base.load((e) => onEvent(first ? e : elsewhere(e)), signal);
        return first ? inventory : { ...inventory, account: other };
      },
    };
    h = await renderApp({ source, configDir: dir, cwd: dir });
    await h.waitForFrame('loaded');
    await h.press('4');
    let f = await h.waitForFrame('Answers of profile test-profile, account 123456789012');
    expect(f).toContain('first account');

    await h.press('r');
    f = await h.waitForFrame((frame) => frame.replace(/\s+/g, ' ').includes(`Answers of profile test-profile, account ${OTHER}`));
    expect(f).not.toContain('first account');
    expect(f).toContain(`Question 1 of ${total}`);
    // Opening another owner's answers writes nothing: only a change does.
    expect(existsSync(sessionPath(dir, { ...FIXTURE_OWNER, accountId: OTHER }))).toBe(false);
    await choose(h, 'aws-integrated-endpoints', 'partly');
    await h.waitForFrame('Question 2 of');
    // Saved for the account read now; the first account's answers are as they were.
    expect(JSON.parse(readFileSync(sessionPath(dir, { ...FIXTURE_OWNER, accountId: OTHER }), 'utf8')).answers).toEqual({ 'aws-integrated-endpoints': 'partly' });
    expect(saved()).toMatchObject({ workload: 'first account', answers: { 'onprem-ca-mandated': 'yes' } });
  });
});
