import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { InventoryEvent, InventorySource } from '../../src/domain/inventory.js';
import { cert, fakeSource, fixtureCertificates, HOSTILE, inventoryOf, manyCertificates } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

const lines = (frame: string) => frame.split('\n');

describe('the TUI', () => {
  it('opens on the overview: account, regions, counts, timeline, most urgent; status line and footer', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings });
    const f = await h.waitForFrame((frame) => frame.includes('loaded') && frame.includes('Most urgent') && !frame.includes('Ranked once the audit has run'));
    expect(f).toContain('READ-ONLY');
    expect(f).toContain('profile test-profile');
    expect(f).toContain('account 123456789012');
    expect(f).toContain('regions 2/2');
    expect(f).toContain('details 4/4');
    expect(f).toContain('✓ us-east-1');
    expect(f).toContain('Certificates 4');
    expect(f).toContain('Expiry — next 12 months');
    // A managed renewal 12 days out is late; an imported certificate always needs someone.
    expect(f).toMatch(/Dec 2026 ▓+ +1 \(1 need action\)/);
    expect(f).toMatch(/Jan 2027 ▓+ +1 \(1 need action\)/);
    expect(f).toMatch(/Sep 2027 █+ +1\n/);
    expect(f).toMatch(/expired 5d ago +legacy\.internal\.test +\[high\]/);
    expect(f).toContain('q quit');
    expect(lines(f).length).toBeLessThanOrEqual(39);
  });

  it('2 shows the table; / filters live with a count; Enter confirms; Enter opens the certificate', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('2');
    let f = await h.waitForFrame('4 certificates');
    // At 120 columns the hostname count keeps its place and the key algorithm gives way.
    expect(f).toMatch(/Domain +Region +SANs +Type +Status +Expires▲ +In use +Hosts/);
    expect(f).toContain('billing.example.net');
    await h.press('/', 'b', 'i', 'l', 'l');
    f = await h.waitForFrame('1 of 4');
    expect(f).toContain('/bill');
    expect(f).toContain('billing.example.net');
    expect(f).not.toContain('api.example.com');
    await h.press(KEY.enter);
    f = await h.waitForFrame('Enter open');
    await h.press(KEY.enter);
    f = await h.waitForFrame('Used by');
    expect(f).toContain('arn:aws:acm:eu-west-1:123456789012:certificate/d4');
    expect(f).toContain('billing.example.net');
    await h.press(KEY.escape);
    f = await h.waitForFrame('1 of 4');
    await h.press(KEY.escape);
    await h.waitForFrame('4 certificates');
    expect(h.exitCodes).toEqual([]);
  });

  it('typing q, 1 or / in the filter filters for them instead of quitting or switching', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('2', '/', 'q', '1', '/');
    const f = await h.waitForFrame('0 of 4');
    expect(f).toContain('/q1/');
    expect(h.exitCodes).toEqual([]);
    await h.press(KEY.backspace, KEY.backspace, KEY.backspace);
    await h.waitForFrame('4 certificates');
    expect(h.frame()).toContain('billing.example.net');
  });

  it('handles a multi-key chunk like tmux send-keys or a paste: "2/api\\r\\r" opens the match', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.chunk('2/api.example\r\r');
    const f = await h.waitForFrame('Used by');
    expect(f).toContain('certificate/a1');
    expect(f).toContain('Application Load Balancer: prod-api');
  });

  it('moves with j/k, jjj in one chunk, G/g, PgDn/PgUp and keeps the cursor visible', async () => {
    h = await renderApp({ source: fakeSource(manyCertificates(500)), rows: 20 });
    await h.waitForFrame('loaded');
    await h.press('2');
    await h.waitForFrame('500 certificates');
    const cursorLine = () => lines(h!.frame()).find((l) => l.startsWith('›')) ?? '';
    expect(cursorLine()).toContain('host0.');
    await h.chunk('jjj');
    await h.waitForFrame(() => cursorLine().includes('host3.'));
    await h.press('k');
    await h.waitForFrame(() => cursorLine().includes('host2.'));
    await h.press('G');
    await h.waitForFrame(() => cursorLine().includes('host499.'));
    await h.press('g', KEY.pageDown);
    await h.waitForFrame(() => /host1[45]\./.test(cursorLine()));
    await h.press(KEY.pageUp);
    await h.waitForFrame(() => cursorLine().includes('host0.'));
  });

  it('s cycles the sort column and S reverses it', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('2');
    await h.waitForFrame('sorted by expires ▲');
    await h.press('s');
    await h.waitForFrame('sorted by in use ▲');
    await h.press('S');
    const f = await h.waitForFrame('sorted by in use ▼');
    expect(f).toContain('In use▼');
  });

  it('renders a 50,000-row table windowed: only visible rows, height below the terminal', async () => {
    h = await renderApp({ source: fakeSource(manyCertificates(50_000)), rows: 30 });
    await h.waitForFrame('loaded', 20_000);
    await h.press('2');
    const f = await h.waitForFrame('50,000 certificates', 20_000);
    expect(lines(f).length).toBeLessThanOrEqual(29);
    expect(f.match(/fleet\.example\.com/g)!.length).toBe(30 - 4 - 2);
    expect(f).toContain('█'); // scrollbar thumb
    await h.press('/', 'h', 'o', 's', 't', '4', '9', '9', '9', '9');
    // The echo of the query paints before the filter finishes: wait for the filtered rows themselves.
    const g = await h.waitForFrame(
      (frame) => frame.includes('/host49999') && !frame.includes('filtering…') && /\d+ of 50,000/.test(frame) && (lines(frame)[4] ?? '').includes('host49999.fleet.example.com'),
      20_000,
    );
    expect(lines(g).length).toBeLessThanOrEqual(29);
  });

  it('re-lays out on resize and stays below the terminal height', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), columns: 140, rows: 40 });
    await h.waitForFrame('loaded');
    await h.press('2');
    let f = await h.waitForFrame('Renewal');
    h.resize(60, 15);
    f = await h.waitForFrame((fr) => !fr.includes('Renewal'));
    expect(lines(f).length).toBeLessThanOrEqual(14);
    for (const l of lines(f)) expect(l.length).toBeLessThanOrEqual(60);
    expect(f).toContain('Domain');
  });

  it('fills in progressively and shows loading until done', async () => {
    const src = fakeSource(fixtureCertificates(), { hold: true });
    h = await renderApp({ source: src });
    let f = await h.waitForFrame('details 4/4');
    expect(f).toContain('loading…');
    src.release();
    f = await h.waitForFrame('loaded');
    expect(f).not.toContain('loading…');
  });

  it('shows a failed region with its error', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates(), { failed: { 'eu-west-1': 'User is not authorized' } }) });
    const f = await h.waitForFrame('1 region failed');
    expect(f).toContain('✗ eu-west-1');
    expect(f).toContain('AccessDenied: User is not authorized');
  });

  it('r aborts the load in flight and reloads', async () => {
    const src = fakeSource(fixtureCertificates(), { hold: true });
    h = await renderApp({ source: src });
    await h.waitForFrame('details 4/4');
    await h.press('r');
    await h.waitForFrame(() => src.loads === 2);
    expect(src.aborted).toBe(1);
    await h.chunk('rrr'); // overlapping refreshes collapse into one new load
    await h.waitForFrame(() => src.loads === 3);
    src.release();
    await h.waitForFrame('loaded');
    expect(src.loads).toBe(3);
  });

  it('a failed load says so and r retries', async () => {
    h = await renderApp({ source: fakeSource([], { fail: 'Unable to reach the endpoint' }) });
    const f = await h.waitForFrame('Load failed: Unable to reach the endpoint');
    expect(f).toContain('r retry');
  });

  it('? shows the help from the keymap; Esc closes it', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('?');
    let f = await h.waitForFrame('Keys — ? or Esc closes');
    expect(f).toContain('This view (overview)');
    await h.press(KEY.escape);
    await h.waitForFrame('Expiry — next 12 months');
    // The table's own keys are listed where they apply.
    await h.press('2', '?');
    f = await h.waitForFrame('Keys — ? or Esc closes');
    expect(f).toContain('reverse sort');
    expect(f).toContain('PgDn');
    await h.press(KEY.escape);
    await h.waitForFrame('4 certificates');
  });

  it('q quits with 0; Ctrl+C with 130', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('q');
    expect(h.exitCodes).toEqual([0]);
    h.unmount();
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.press('2', '/', 'a', KEY.ctrlC);
    expect(h.exitCodes).toEqual([130]);
  });

  it('3, 4, 5 show Findings, the Advisor and the Report', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('3');
    await h.waitForFrame('No audit runs in this session.'); // no audit passed here (see findings.test.tsx)
    await h.press('4');
    await h.waitForFrame('Why it matters'); // the advisor (see advisor.test.tsx)
    await h.press('5');
    await h.waitForFrame('# ACM report: account 123456789012'); // the report preview (see report.test.tsx)
  });

  it('never writes a hostile tag’s escape sequences: the window title stays', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), color: true, rows: 80 });
    await h.waitForFrame('loaded');
    await h.chunk('2/shop\r\r');
    await h.waitForFrame('Tags (1)');
    await h.waitForFrame('evil');
    const all = h.stdout.frames.join('');
    expect(all).not.toContain('\u001b]0;pwned');
    expect(all).not.toContain('\u202e');
    expect(h.frame()).toContain('team = \uFFFD');
    expect(HOSTILE).toContain('\u001b]0;');
  });

  it('a view that throws shows the error with r retry / q quit; the app keeps working and r recovers', async () => {
    let loads = 0;
    const good = fixtureCertificates();
    const bad: Certificate = { ...good[0] };
    Object.defineProperty(bad, 'domainValidations', {
      get() {
        throw new Error('corrupt validation data');
      },
    });
    const source: InventorySource = {
      label: { profile: 'p', endpoint: null, demo: false, regions: ['us-east-1'] },
      async load(onEvent) {
        loads++;
        const certs = loads === 1 ? [bad] : [good[0]];
        const inv = inventoryOf(certs, ['us-east-1']);
        const events: InventoryEvent[] = [{ kind: 'summaries', region: 'us-east-1', certificates: certs }, { kind: 'done', inventory: inv }];
        for (const e of events) onEvent(e);
        return inv;
      },
    };
    h = await renderApp({ source });
    await h.waitForFrame('loaded');
    await h.chunk('2\r');
    const f = await h.waitForFrame('The detail view failed');
    expect(f).toContain('corrupt validation data');
    expect(f).toContain('r retry · q quit');
    expect(f).toContain('READ-ONLY'); // the rest of the app is still there
    await h.press('r');
    await h.waitForFrame('Used by');
    expect(h.exitCodes).toEqual([]);
  });

  it('the audit extension point: findings reach the detail pane and the overview', async () => {
    const audit = (certs: Certificate[]) =>
      certs
        .filter((c) => c.keyAlgorithm === 'RSA_1024')
        .map((c) => ({ ruleId: 'weak-key', severity: 'high' as const, certificateArn: c.arn, region: c.region, title: 'RSA key under 2048 bits', detail: 'weak', remediation: 'Reissue with RSA 2048' }));
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit });
    let f = await h.waitForFrame('Worst findings');
    expect(f).toContain('[high] legacy.internal.test: RSA key under 2048 bits');
    await h.chunk('2/legacy\r\r');
    await h.waitForFrame('legacy.internal.test');
    await h.press('G');
    f = await h.waitForFrame('Fix: Reissue with RSA 2048');
    expect(f).toContain('Findings (1)');
  });

  it('detail scrolls with j/k and G within its content', async () => {
    h = await renderApp({ source: fakeSource([cert('s1', 'us-east-1', { domainName: 'scroll.example.com', tags: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`tag${i}`, `v${i}`])) })]), rows: 24 });
    await h.waitForFrame('loaded');
    await h.chunk('2\r');
    await h.waitForFrame('scroll.example.com');
    await h.press('G');
    const f = await h.waitForFrame('tag39 = v39');
    expect(f).not.toContain('ARN');
    await h.press('g');
    await h.waitForFrame('ARN');
  });
});
