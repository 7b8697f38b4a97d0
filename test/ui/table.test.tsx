import { afterEach, describe, expect, it } from 'vitest';
import { headerRuns, rowLine, type Run } from '../../src/ui/components/table.js';
import { displayWidth, fitCell, layoutColumns } from '../../src/ui/state/columns.js';
import { DEFAULT_SORT } from '../../src/ui/state/sort.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, fakeSource, fixtureCertificates, manyCertificates, NOW } from './fixtures.js';
import { renderApp, type Harness } from './harness.js';

const ESC = '\u001b';
const text = (runs: Run[]) => runs.map((r) => r.text).join('');
/** The line as shown: the head padded to its box, then the other cells. */
const shown = (l: ReturnType<typeof rowLine>) => text(l.head).padEnd(l.headWidth) + text(l.rest);

describe('cell fitting', () => {
  it('pads to the width, or cuts with an ellipsis like a truncate-end Text', () => {
    expect(fitCell('Issued', 9)).toEqual({ text: 'Issued', ellipsis: false, pad: 3 });
    expect(fitCell('legacy-admin.dev.example.com', 10)).toEqual({ text: 'legacy-ad', ellipsis: true, pad: 0 });
    expect(fitCell('abc', 1)).toEqual({ text: '', ellipsis: true, pad: 0 });
    expect(fitCell('abc', 3)).toEqual({ text: 'abc', ellipsis: false, pad: 0 });
  });

  it('counts wide characters as two columns', () => {
    expect(displayWidth('例え.jp')).toBe(7);
    expect(fitCell('例え.jp', 8)).toEqual({ text: '例え.jp', ellipsis: false, pad: 1 });
    // 4 columns for text before the ellipsis: 例 and え fit, nothing is split.
    expect(fitCell('例え例え', 5)).toEqual({ text: '例え', ellipsis: true, pad: 0 });
    expect(fitCell('例え例え', 4)).toEqual({ text: '例', ellipsis: true, pad: 1 });
  });
});

describe('table lines', () => {
  const [api, shop, legacy] = fixtureCertificates();
  const columns = layoutColumns(140);

  it('cells sit under their headers, padded, one space apart', () => {
    const header = text(headerRuns(columns, DEFAULT_SORT, false));
    expect(header).toMatch(/^ Domain +Region         SANs  Type     Status    Key      Expires▲ +In use  Hosts  Renewal$/);
    const line = shown(rowLine(legacy, columns, NOW, { selected: false, query: '', color: false, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays }));
    for (const [title, value] of [
      ['Status', 'Expired'],
      ['Key', 'RSA 1024'],
      ['Expires', '2026-11-22 -5d'],
      ['In use', 'no'],
      ['Region', 'eu-west-1'],
      // Its hostnames were not read: unknown, never 0.
      ['Hosts', '— '],
    ]) {
      const at = header.indexOf(title);
      expect(line.slice(at, at + value.length), title).toBe(value);
    }
    const served = shown(rowLine({ ...legacy, hostnames: ['a.example.com', 'b.example.com'] }, columns, NOW, { selected: false, query: '', color: false, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays }));
    expect(served.slice(header.indexOf('Hosts'), header.indexOf('Hosts') + 2)).toBe('2 ');
    expect(line.startsWith(' legacy.internal.test ')).toBe(true);
  });

  it('without colour: no styles at all, the marker shows the selection', () => {
    const l = rowLine(api, columns, NOW, { selected: true, query: 'api', color: false, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    expect([...l.head, ...l.rest].every((r) => r.style === null)).toBe(true);
    expect(l.head).toHaveLength(1);
    expect(shown(l).startsWith('›api.example.com')).toBe(true);
  });

  it('with colour: urgency tones, the selection inverse on cell text only, the marker bold', () => {
    const plain = rowLine(legacy, columns, NOW, { selected: false, query: '', color: true, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    expect(plain.rest.find((r) => r.text === 'Expired')?.style).toMatchObject({ color: 'red' });
    expect(plain.rest.find((r) => r.text === '2026-11-22 -5d')?.style).toMatchObject({ color: 'red' });
    expect(plain.rest.find((r) => r.text === 'no')?.style).toMatchObject({ dimColor: true });
    expect(plain.rest.some((r) => r.style?.inverse)).toBe(false);

    const sel = rowLine(legacy, columns, NOW, { selected: true, query: '', color: true, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    expect(sel.head[0]).toEqual({ text: '›', style: { bold: true } });
    expect(sel.head[1]).toEqual({ text: 'legacy.internal.test', style: { inverse: true } });
    for (const r of sel.rest) {
      if (r.text.trim() === '') expect(r.style, JSON.stringify(r.text)).toBeNull();
      else expect(r.style?.inverse, r.text).toBe(true);
    }
    expect(sel.rest.find((r) => r.text === 'Expired')?.style).toEqual({ color: 'red', inverse: true });
  });

  it('highlights the query in the domain, clipped to what is shown; the ellipsis keeps the style', () => {
    const l = rowLine(shop, columns, NOW, { selected: false, query: 'example', color: true, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    expect(l.head.map((r) => [r.text, r.style])).toEqual([
      [' shop.', null],
      ['example', { color: 'magenta', bold: true, underline: true }],
      ['.org', null],
    ]);
    const narrow = layoutColumns(40);
    const long = cert('z', 'us-east-1', { domainName: 'averyveryverylongname.with-a-long-subdomain.example.com' });
    const cut = rowLine(long, narrow, NOW, { selected: true, query: 'subdomain', color: true, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    const domainWidth = narrow[0].width;
    expect(text(cut.head)).toHaveLength(1 + domainWidth);
    expect(text(cut.head).endsWith('…')).toBe(true);
    expect(cut.head.at(-1)?.style).toMatchObject({ color: 'magenta', inverse: true });
  });

  it('shows hostile AWS strings sanitised', () => {
    const evil = cert('e', 'us-east-1', { domainName: `${ESC}]0;owned\u0007bad.example.com`, region: `us-east-1${ESC}[2J` });
    const l = rowLine(evil, columns, NOW, { selected: true, query: 'bad', color: true, expiryDays: DEFAULT_AUDIT_CONFIG.expiryDays });
    expect(shown(l)).not.toContain(ESC);
    expect(shown(l)).toContain('bad.example.com');
  });
});

describe('the table on screen', () => {
  let h: Harness | null = null;
  afterEach(() => {
    h?.unmount();
    h = null;
  });

  it('lines up at 120 and at 80 columns, one line per row, the scrollbar in the last column', async () => {
    for (const columns of [120, 80]) {
      h = await renderApp({ source: fakeSource([...fixtureCertificates(), ...manyCertificates(60)]), columns, rows: 24 });
      await h.waitForFrame('✓ eu-west-1');
      await h.press('2');
      const f = await h.waitForFrame('64 certificates');
      const lines = f.split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      const header = lines[3];
      expect(header.startsWith(' Domain')).toBe(true);
      const rows = lines.slice(4, 4 + 18);
      expect(rows[0].startsWith('›')).toBe(true);
      for (const r of rows) {
        expect(r.length).toBe(columns);
        expect('█│').toContain(r[columns - 1]);
      }
      expect(rows.filter((r) => r.endsWith('█')).length).toBeGreaterThan(0);
      const at = header.indexOf('Status');
      for (const r of rows) expect(r.slice(at).split(' ')[0]).toMatch(/^(Issued|Expired)$/);
      h.unmount();
      h = null;
    }
  });
});
