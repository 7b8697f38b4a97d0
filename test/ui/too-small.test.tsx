/**
 * Below the size a view needs, the app says what size that is instead of drawing half a view,
 * and its keys keep working; enlarging the window redraws the view whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import { fakeSource, fixtureCertificates } from './fixtures.js';
import { renderApp, type Harness } from './harness.js';

const first = loadKnowledgeBase().questions[0];
/** The frame's text with wrapped lines joined. */
const flat = (f: string) => f.replace(/\n/g, ' ');
const NEEDS = /Enlarge the window: the Advisor view needs (\d+)×(\d+) \(this one is (\d+)×(\d+)\)\./;

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

describe('a window too small for the view', () => {
  it('the Advisor at 60×15 says what it needs; at that size it draws every choice', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns: 60, rows: 15 });
    await h.waitForFrame('✓ eu-west-1');
    await h.press('4');
    const f = await h.waitForFrame((f) => NEEDS.test(flat(f)));
    const [, needColumns, needRows, columns, rows] = NEEDS.exec(flat(f))!.map(Number);
    expect([columns, rows]).toEqual([60, 15]);
    expect(needColumns).toBe(60);
    expect(needRows).toBeGreaterThan(15);
    expect(flat(f)).toContain('Keys still work: 1–5 switch views, q quits.');
    expect(f).not.toContain(first.prompt.slice(0, 30));
    // The status line, tabs and footer stay.
    expect(f).toContain('READ-ONLY');
    expect(f).toContain('[4 Advisor]');

    h.resize(needColumns, needRows);
    // At the least size the Advisor draws its compact layout (no 'Choices' heading): the question itself.
    const whole = await h.waitForFrame((fr) => fr.includes('Question 1 of') && !NEEDS.test(flat(fr)));
    for (const c of first.choices) expect(whole).toContain(c.label.slice(0, 40));
    expect(flat(whole)).not.toMatch(NEEDS);
    expect(whole.split('\n').length).toBeLessThanOrEqual(needRows - 1);

    // One row less is too small again: the figure is the least that works, not a guess.
    h.resize(needColumns, needRows - 1);
    await h.waitForFrame((f) => NEEDS.test(flat(f)));
  });

  it('the recommendation (v) too: below its need it says so, at its need it draws verdict, reasons and plan', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns: 60, rows: 12 });
    await h.waitForFrame('✓ eu-west-1');
    await h.press('4', 'v');
    const f = await h.waitForFrame((fr) => NEEDS.test(flat(fr)));
    const [, needColumns, needRows] = NEEDS.exec(flat(f))!.map(Number);
    h.resize(needColumns, needRows);
    const whole = await h.waitForFrame('Verdict:');
    expect(whole).toMatch(/Reasons \(\d+\)/);
    expect(whole).toMatch(/Plan \(\d+ steps\)/);
    expect(whole).toContain('5 Report shows the full plan');
  });

  it('keys still work there: another view draws, q quits', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns: 60, rows: 15 });
    await h.waitForFrame('✓ eu-west-1');
    await h.press('4');
    await h.waitForFrame((f) => NEEDS.test(flat(f)));
    await h.press('2');
    await h.waitForFrame((f) => f.includes('Domain') && !NEEDS.test(flat(f)));
    await h.press('q');
    expect(h.exitCodes).toEqual([0]);
  });

  it('every view below 40×10 says so; above it, the other views draw', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns: 36, rows: 9 });
    await h.waitForFrame((f) => flat(f).includes('needs 40×10 (this one is 36×9)'));
    h.resize(40, 10);
    await h.waitForFrame((f) => f.includes('Account') && !f.includes('Enlarge'));
  });
});
