import { afterEach, describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/domain/certificate.js';
import type { Finding, Severity } from '../../src/domain/finding.js';
import { initialState, reducer, screenOf, type AppState } from '../../src/ui/state/app-state.js';
import {
  findingsExtent,
  findingsLayout,
  findingsListHeight,
  INITIAL_FINDINGS_VIEW,
  jumpTarget,
  selectedFinding,
  type FindingsLayout,
  type FindingsViewState,
} from '../../src/ui/state/findings-view.js';
import { clampScroll, moveScroll, type CursorMove } from '../../src/ui/state/scroll.js';
import { route } from '../../src/ui/keymap.js';
import { ACCOUNT, fakeSource, fixtureCertificates } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

const arn = (id: string, region = id === 'c3' || id === 'd4' ? 'eu-west-1' : 'us-east-1') => `arn:aws:acm:${region}:${ACCOUNT}:certificate/${id}`;

/** The Findings list through the one scroll model. */
const moveFindings = (s: FindingsViewState, layout: FindingsLayout, move: CursorMove, height: number) => moveScroll(s, move, findingsExtent(layout, height));
const clampFindings = (s: FindingsViewState, layout: FindingsLayout, height: number) => clampScroll(s, findingsExtent(layout, height));

function finding(ruleId: string, severity: Severity, id: string | null, title: string): Finding {
  return {
    ruleId,
    severity,
    certificateArn: id ? arn(id) : null,
    region: id ? (id === 'c3' || id === 'd4' ? 'eu-west-1' : 'us-east-1') : null,
    title,
    detail: `detail of ${title}`,
    remediation: `fix for ${title}`,
  };
}

/** Deliberately out of order: the view must group them. */
const FINDINGS: Finding[] = [
  finding('missing-tags', 'low', 'b2', 'missing owner on shop'),
  finding('weak-key', 'high', 'c3', 'RSA key of 1024 bits'),
  finding('issuance-quota', 'medium', null, 'near the issuance quota'),
  finding('expiring-soon', 'high', 'a1', 'expires in 12 days'),
  finding('expired-in-use', 'critical', 'c3', 'expired 5 days ago'),
  finding('missing-tags', 'low', 'd4', 'missing owner on billing'),
];

const audit = (_certs: Certificate[]) => FINDINGS;

describe('findings layout (pure)', () => {
  it('groups by severity critical → info, then by rule, with counts; the audit order stays within a rule', () => {
    const layout = findingsLayout(FINDINGS);
    expect(layout.ordered.map((f) => `${f.severity}/${f.ruleId}`)).toEqual([
      'critical/expired-in-use',
      'high/expiring-soon',
      'high/weak-key',
      'medium/issuance-quota',
      'low/missing-tags',
      'low/missing-tags',
    ]);
    expect(layout.ordered[4].title).toBe('missing owner on shop');
    expect(layout.counts).toEqual({ critical: 1, high: 2, medium: 1, low: 2, info: 0 });
    const headers = layout.rows.filter((r) => r.kind !== 'finding').map((r) => (r.kind === 'severity' ? `${r.severity}(${r.count})` : r.kind === 'rule' ? `  ${r.ruleId}(${r.count})` : ''));
    expect(headers).toEqual([
      'critical(1)',
      '  expired-in-use(1)',
      'high(2)',
      '  expiring-soon(1)',
      '  weak-key(1)',
      'medium(1)',
      '  issuance-quota(1)',
      'low(2)',
      '  missing-tags(2)',
    ]);
    for (let i = 0; i < layout.ordered.length; i++) {
      const row = layout.rows[layout.rowOf[i]];
      expect(row.kind === 'finding' && row.finding).toBe(layout.ordered[i]);
    }
    expect(findingsLayout(FINDINGS)).toBe(layout);
  });

  it('moves over findings only and keeps the group headers in view at the top', () => {
    const layout = findingsLayout(FINDINGS);
    let s = moveFindings(INITIAL_FINDINGS_VIEW, layout, 'down', 4);
    expect(s.cursor).toBe(1);
    s = moveFindings(s, layout, 'bottom', 4);
    expect(s.cursor).toBe(5);
    expect(s.offset).toBe(layout.rows.length - 4);
    s = moveFindings(s, layout, 'top', 4);
    expect(s).toMatchObject({ cursor: 0, offset: 0 });
    // Scrolling back up onto the first high finding shows "HIGH" and its rule header too.
    s = clampFindings({ cursor: 1, offset: 8, notice: null }, layout, 4);
    expect(s.offset).toBe(layout.rowOf[1] - 2);
    expect(moveFindings(s, layout, 'up', 4).cursor).toBe(0);
    // A move clears the notice (the reducer's 'scroll' on the findings pane).
    const noticed: AppState = { ...initialState(), view: 'findings', findings: FINDINGS, findingsView: { cursor: 0, offset: 0, notice: 'x' } };
    expect(reducer(noticed, { type: 'scroll', pane: 'findings', move: 'up', extent: findingsExtent(layout, 4) }).findingsView).toMatchObject({ cursor: 0, notice: null });
    expect(moveFindings(INITIAL_FINDINGS_VIEW, layout, 'page-down', 4).cursor).toBe(4);
  });

  it('Enter targets the certificate, or says why not (account-level, gone)', () => {
    const certs = fixtureCertificates();
    const index = new Map(certs.map((c, i) => [c.arn, i]));
    expect(jumpTarget(INITIAL_FINDINGS_VIEW, FINDINGS, index)).toEqual({ arn: arn('c3') });
    expect(jumpTarget({ cursor: 3, offset: 0, notice: null }, FINDINGS, index)).toEqual({ notice: expect.stringContaining('Account-level') });
    expect(jumpTarget({ cursor: 1, offset: 0, notice: null }, FINDINGS, new Map())).toEqual({ notice: expect.stringContaining('no longer') });
    expect(jumpTarget(INITIAL_FINDINGS_VIEW, [], index)).toBeNull();
    expect(selectedFinding({ cursor: 99, offset: 0, notice: null }, FINDINGS)?.title).toBe('missing owner on billing');
  });

  it('open-certificate opens the detail by ARN whatever the filter hides; Esc goes back to Findings', () => {
    let s: AppState = { ...initialState(), view: 'findings' as const, findings: FINDINGS };
    s = reducer(s, { type: 'open-certificate', arn: arn('b2'), from: 'findings' });
    expect(screenOf(s)).toBe('detail');
    expect(s.detail).toEqual({ arn: arn('b2'), scroll: 0, returnTo: 'findings' });
    s = reducer(s, { type: 'back' });
    expect(s.view).toBe('findings');
    expect(s.detail).toBeNull();
    // A detail opened from the table still steps back to the table.
    s = reducer(reducer(s, { type: 'open-detail', arn: arn('b2') }), { type: 'back' });
    expect(s.view).toBe('certificates');
  });

  it('a refresh keeps the cursor on the same finding (rule + certificate + region), else clamps it', () => {
    const H = findingsListHeight(36);
    const loaded = (findings: Finding[], generation = 1): AppState => reducer({ ...initialState(), view: 'findings' as const }, { type: 'findings', generation, findings });
    const selected = (st: AppState) => selectedFinding(st.findingsView, st.findings)?.title;
    const reload = (st: AppState, findings: Finding[]) => {
      const r = reducer(st, { type: 'refresh' });
      expect(r.findings).toBeNull();
      return reducer(r, { type: 'findings', generation: r.load.generation, findings });
    };
    let s = loaded(FINDINGS);
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'down', extent: findingsExtent(findingsLayout(s.findings!), H) });
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'down', extent: findingsExtent(findingsLayout(s.findings!), H) });
    expect(selected(s)).toBe('RSA key of 1024 bits'); // high/weak-key c3, position 2

    // New findings ahead of it and a different order: the cursor follows the finding (now at position 4).
    const more = [finding('expired-in-use', 'critical', 'a1', 'expired on api'), ...[...FINDINGS].reverse(), finding('expiring-soon', 'high', 'b2', 'shop expires')];
    s = reload(s, more.map((f) => (f.ruleId === 'weak-key' ? { ...f, title: 'RSA key of 1024 bits (re-audited)' } : f)));
    expect(selected(s)).toBe('RSA key of 1024 bits (re-audited)');
    expect(s.findingsView.cursor).toBe(4);
    expect(s.findingsView.keep ?? null).toBeNull();

    // Several r before the findings are back: the first refresh's finding is kept.
    s = reducer(reducer(s, { type: 'refresh' }), { type: 'refresh' });
    s = reducer(s, { type: 'findings', generation: s.load.generation, findings: FINDINGS });
    expect(selected(s)).toBe('RSA key of 1024 bits');

    // A finding that is gone: the cursor stays at its position, clamped to the new list.
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'bottom', extent: findingsExtent(findingsLayout(s.findings!), H) });
    expect(s.findingsView.cursor).toBe(5);
    s = reload(s, FINDINGS.filter((f) => f.ruleId !== 'missing-tags' || f.certificateArn !== arn('d4')).slice(0, 3));
    expect(s.findingsView.cursor).toBe(2);
    expect(selected(s)).toBe(findingsLayout(s.findings!).ordered[2].title);
    s = reload(s, []);
    expect(s.findingsView.cursor).toBe(0);

    // Alike findings (same rule, certificate and region): the same one of them, by order.
    const alike = [finding('missing-tags', 'low', 'd4', 'first'), finding('missing-tags', 'low', 'd4', 'second'), finding('missing-tags', 'low', 'd4', 'third')];
    s = loaded(alike);
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'down', extent: findingsExtent(findingsLayout(s.findings!), H) });
    s = reload(s, [finding('weak-key', 'high', 'c3', 'new'), ...alike.map((f) => ({ ...f, title: `${f.title}'` }))]);
    expect(selected(s)).toBe("second'");
    s = reducer(s, { type: 'scroll', pane: 'findings', move: 'bottom', extent: findingsExtent(findingsLayout(s.findings!), H) });
    s = reload(s, alike.slice(0, 2));
    expect(selected(s)).toBe('second'); // the third is gone: the nearest alike one
    // A stale audit (superseded load) does not touch the cursor.
    const r = reducer(s, { type: 'refresh' });
    expect(reducer(r, { type: 'findings', generation: r.load.generation - 1, findings: [] })).toBe(r);
  });

  it('Enter on the Findings screen is the open-certificate command', () => {
    expect(route('return', { mode: 'normal', screen: 'findings' })).toEqual({ kind: 'command', command: 'findings.open' });
    expect(route('j', { mode: 'normal', screen: 'findings' })).toEqual({ kind: 'command', command: 'cursor.down' });
    expect(route('G', { mode: 'normal', screen: 'findings' })).toEqual({ kind: 'command', command: 'cursor.bottom' });
  });
});

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

const lineIndex = (frame: string, needle: string | RegExp) =>
  frame.split('\n').findIndex((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));

describe('Findings view (harness)', () => {
  it('3 shows the findings grouped by severity then rule, with counts, and the selected finding’s fix', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit });
    await h.waitForFrame('loaded');
    await h.press('3');
    const f = await h.waitForFrame('6 findings');
    expect(f).toContain('1 critical · 2 high · 1 medium · 2 low · 0 info');
    const order = ['CRITICAL (1)', 'expired-in-use — Expired certificate still in use (1)', 'HIGH (2)', 'expiring-soon', 'weak-key — ', 'MEDIUM (1)', 'issuance-quota', 'LOW (2)', 'missing-tags — '];
    const at = order.map((n) => lineIndex(f, n));
    expect(at.every((i) => i >= 0), `${at}\n${f}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(f).toContain('missing-tags — Required tags missing (2)');
    expect(f).toMatch(/› critical +expired-in-use +legacy\.internal\.test +eu-west-1 +expired 5 days ago/);
    expect(f).toMatch(/medium +issuance-quota +\(account\) +— +near the issuance quota/);
    expect(f).toContain('Fix: fix for expired 5 days ago');
    expect(f).toContain('Why: ');
    expect(f).toContain('Enter open certificate');
    await h.press('j');
    const g = await h.waitForFrame('Fix: fix for expires in 12 days');
    expect(g).toMatch(/› high +expiring-soon +api\.example\.com/);
  });

  it('Enter opens the selected finding’s certificate, Esc returns to Findings; account-level gives a notice', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit });
    await h.waitForFrame('loaded');
    await h.press('3');
    await h.waitForFrame('6 findings');
    await h.press('j', 'j', KEY.enter);
    let f = await h.waitForFrame('Used by');
    expect(f).toContain('arn:aws:acm:eu-west-1:123456789012:certificate/c3');
    expect(f).toContain('legacy.internal.test');
    await h.press(KEY.escape);
    f = await h.waitForFrame('6 findings');
    expect(f).toMatch(/› high +weak-key/);
    await h.press('j', KEY.enter);
    f = await h.waitForFrame('Account-level finding: there is no certificate to open.');
    expect(f).toContain('6 findings');
    await h.press('j');
    await h.waitForFrame((fr) => !fr.includes('Account-level finding'));
    expect(h.exitCodes).toEqual([]);
  });

  it('Enter opens a certificate the Certificates filter hides', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit });
    await h.waitForFrame('loaded');
    await h.press('2', '/', 'b', 'i', 'l', 'l', KEY.enter);
    await h.waitForFrame('1 of 4');
    await h.press('3');
    await h.waitForFrame('6 findings');
    await h.press('G');
    await h.waitForFrame(/› low +missing-tags +billing/);
    await h.press('k', KEY.enter);
    const f = await h.waitForFrame('Used by');
    expect(f).toContain('certificate/b2');
    expect(f).toContain('shop.example.org');
    await h.press(KEY.escape);
    await h.waitForFrame('6 findings');
  });

  it('says "auditing…" while the load runs and has an empty state', async () => {
    const src = fakeSource(fixtureCertificates(), { hold: true });
    h = await renderApp({ source: src, audit });
    await h.press('3');
    await h.waitForFrame('auditing…');
    src.release();
    await h.waitForFrame('6 findings');
    h.unmount();
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: () => [] });
    await h.waitForFrame('loaded');
    await h.press('3');
    await h.waitForFrame('No findings');
  });

  it('r keeps the selected finding across the reload, wherever it moved; a gone one clamps the cursor', async () => {
    let audits = 0;
    const extra = finding('expired-in-use', 'critical', 'a1', 'expired on api');
    h = await renderApp({
      source: fakeSource(fixtureCertificates()),
      audit: () => {
        audits++;
        if (audits === 1) return FINDINGS;
        if (audits === 2) return [extra, ...[...FINDINGS].reverse()];
        return [FINDINGS[1], FINDINGS[3]]; // weak-key c3 and expiring-soon a1 (both high)
      },
    });
    await h.waitForFrame('loaded');
    await h.press('3');
    await h.waitForFrame('6 findings');
    await h.press('j', 'j', 'j');
    let f = await h.waitForFrame(/› medium +issuance-quota/);
    expect(f).toContain('Fix: fix for near the issuance quota');
    await h.press('r');
    f = await h.waitForFrame('7 findings');
    expect(f).toMatch(/› medium +issuance-quota/); // one more critical above it: the cursor moved with it
    expect(f).toContain('Fix: fix for near the issuance quota');
    await h.press('G');
    await h.waitForFrame(/› low +missing-tags +shop\.example\.org/); // the reversed audit order lists shop last
    await h.press('r');
    f = await h.waitForFrame('2 findings');
    expect(f).toMatch(/› high +weak-key +legacy\.internal\.test/); // shop's finding is gone: the nearest, the last one
    expect(f).toContain('Fix: fix for RSA key of 1024 bits');
    expect(audits).toBe(3);
  });

  it('windows a long list: G reaches the last finding and the frame stays within the terminal', async () => {
    const many: Finding[] = [];
    for (let i = 0; i < 300; i++) many.push({ ...finding('missing-tags', 'low', 'd4', `finding ${i}`) });
    h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: () => many, rows: 24, columns: 100 });
    await h.waitForFrame('Findings 300');
    await h.press('3');
    await h.waitForFrame('300 findings');
    await h.press('G');
    const f = await h.waitForFrame('300/300');
    expect(f).toMatch(/› low +missing-tags +billing\.example\.net +eu-west-1 +finding 299/);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await h.press(KEY.pageUp);
    await h.waitForFrame(/\d+\/300/);
    await h.press('g');
    const top = await h.waitForFrame('1/300');
    expect(top).toContain('LOW (300)');
  });
});
