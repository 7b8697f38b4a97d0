/**
 * The habits of k9s and lazygit, through the whole app: / and sort in Findings, Tab and [ ] between views,
 * y copying the ARN (OSC 52 on the terminal's stdout), o the console URL, and a key of another view saying
 * where it works.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { fakeSource, fixtureCertificates } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

const audit = (certs: Certificate[], now: Date) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings;
const activeTab = (frame: string) => /\[(\d) /.exec(frame.split('\n')[1])?.[1];

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

async function start(): Promise<Harness> {
  const harness = await renderApp({ source: fakeSource(fixtureCertificates()), audit });
  await harness.waitForFrame((f) => f.split('\n')[0].endsWith('loaded') && /Findings \d+/.test(f));
  return harness;
}

describe('keys across the app', () => {
  it('/ filters the Findings as you type, Enter keeps the filter, Esc clears it; s sorts them by a column', async () => {
    h = await start();
    await h.press('3');
    const all = Number(/(\d+) findings/.exec(await h.waitForFrame(/\d+ findings/))![1]);
    await h.press('/', 'w', 'e', 'a', 'k');
    let f = await h.waitForFrame(/\/weak█ +1 of \d+ finding/);
    expect(f).toContain('weak-key');
    await h.press(KEY.enter);
    f = await h.waitForFrame(/\/weak +1 of/);
    expect(f).not.toContain('█');
    await h.press('/', KEY.escape);
    await h.waitForFrame(new RegExp(`^${all} findings`, 'm'));
    await h.press('s');
    f = await h.waitForFrame('sorted by rule ▲');
    // A flat list: no severity headers.
    expect(f).not.toMatch(/^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \(/m);
    await h.press('S');
    await h.waitForFrame('sorted by rule ▼');
  });

  it('Tab and ] go to the next view, Shift+Tab and [ to the previous, wrapping at the ends', async () => {
    h = await start();
    expect(activeTab(h.frame())).toBe('1');
    await h.press('\t');
    await h.waitForFrame((f) => activeTab(f) === '2');
    await h.press(']', ']');
    await h.waitForFrame((f) => activeTab(f) === '4');
    await h.press('\u001b[Z');
    await h.waitForFrame((f) => activeTab(f) === '3');
    await h.press('[', '[', '[');
    await h.waitForFrame((f) => activeTab(f) === '5');
  });

  it('y writes the selected ARN to the terminal as OSC 52; o shows its console URL; elsewhere they say why not', async () => {
    h = await start();
    await h.press('y');
    await h.waitForFrame('y: copy the ARN works in Certificates (2), a certificate, Findings (3), not here');
    await h.press('2');
    const first = /›(\S+)/.exec(await h.waitForFrame('4 certificates'))![1];
    const cert = fixtureCertificates().find((c) => c.domainName === first)!;
    await h.press('y');
    await h.waitForFrame(`Copied ${cert.arn}`);
    const osc = `\u001b]52;c;${Buffer.from(cert.arn).toString('base64')}\u0007`;
    expect(h.stdout.frames.some((w) => w.includes(osc))).toBe(true);
    await h.press('o');
    await h.waitForFrame(/Console URL \(copied\): https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/acm\/home\?region=/);
  });
});
