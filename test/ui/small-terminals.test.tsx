/**
 * 80×24 is where many terminals open, 60×20 a split pane: every view is drawn whole there. For each size
 * and view this checks what must never be cut: the state word and the tabs above, help and quit below,
 * and each view's own essentials (the Overview's last section after scrolling to it, the table's header,
 * a finding and its fix, the report's position, the scrolling help).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { fakeSource, fixtureCertificates } from './fixtures.js';
import { renderApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

const audit = (certs: Certificate[], now: Date) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings;

const SIZES = [
  [80, 24],
  [60, 20],
] as const;

/** The chrome every view keeps: status line with its state word, all five tabs, help and quit. */
function expectChrome(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect([...l].length).toBeLessThanOrEqual(columns);
  expect(lines[0]).toMatch(/READ-ONLY.* loaded$/);
  expect(lines[1]).toMatch(/1 Overview.*2 Cert.*3 Findings.*4 Advisor.*5 Report/);
  expect(lines.at(-1)).toMatch(/\? help .*q quit|\?\/Esc close help/);
}

describe.each(SIZES)('at %i×%i', (columns, rows) => {
  it('the Overview stacks its sections and scrolls to the last of them', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns, rows, audit });
    const top = await h.waitForFrame((f) => f.split('\n')[0].endsWith('loaded') && f.includes('Certificates 4'));
    expectChrome(top, columns, rows);
    expect(top).toContain('Account');
    expect(top).not.toContain('Most urgent');
    await h.press('G');
    const bottom = await h.waitForFrame('Most urgent');
    expectChrome(bottom, columns, rows);
    expect(bottom).toContain('Worst findings');
    await h.press('g');
    await h.waitForFrame((f) => f.includes('Account') && !f.includes('Worst findings'));
  });

  it('Certificates, Findings and Report keep their essentials', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns, rows, audit });
    await h.waitForFrame((f) => f.split('\n')[0].endsWith('loaded'));
    await h.press('2');
    const table = await h.waitForFrame('4 certificates');
    expectChrome(table, columns, rows);
    expect(table).toMatch(/Domain .*Status .*Expires/);
    expect(table).toMatch(/›\S+/);

    await h.press('3');
    const findings = await h.waitForFrame((f) => /\d+ findings/.test(f) && f.includes('Fix:'));
    expectChrome(findings, columns, rows);
    expect(findings).toMatch(/› (critical|high|medium|low|info) /);

    await h.press('5');
    const report = await h.waitForFrame((f) => /lines 1–\d+ of \d+/.test(f));
    expectChrome(report, columns, rows);
    expect(report).toContain('# ACM report');
  });

  it('the help scrolls to its last key', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns, rows, audit });
    await h.waitForFrame((f) => f.split('\n')[0].endsWith('loaded'));
    await h.press('2', '?');
    const first = await h.waitForFrame(/Keys — \? or Esc closes/);
    expectChrome(first, columns, rows);
    const [, total] = /\d+–\d+ of (\d+)/.exec(first) ?? [];
    expect(Number(total)).toBeGreaterThan(rows - 7);
    await h.press('G');
    const last = await h.waitForFrame(new RegExp(`–${total} of ${total}`));
    expect(last).toMatch(/Ctrl\+C/);
  });
});

describe.each(SIZES)('the Advisor at %i×%i', (columns, rows) => {
  it('draws every question with all its choices, never the size notice', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns, rows, audit });
    await h.waitForFrame((f) => f.split('\n')[0].endsWith('loaded'));
    await h.press('4');
    let f = await h.waitForFrame(/Question 1 of (\d+)/);
    const total = Number(/Question 1 of (\d+)/.exec(f)![1]);
    expect(total).toBeGreaterThan(5);
    for (let n = 1; n <= total; n++) {
      f = await h.waitForFrame(new RegExp(`Question ${n} of ${total}`));
      expectChrome(f, columns, rows);
      expect(f).not.toMatch(/Enlarge the window/);
      // Every choice of the question is drawn (○ or ●), at least two of them.
      expect(f.match(/^ *›? *[○●] /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
      if (n < total) await h.press('\u001B[C');
    }
  });
});
