import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionPath } from '../../src/advisor/index.js';
import { fakeSource, fixtureCertificates, FIXTURE_OWNER } from './fixtures.js';
import { renderApp, type Harness } from './harness.js';

let h: Harness | null = null;
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-verdict-'));
});
afterEach(() => {
  h?.unmount();
  h = null;
  rmSync(dir, { recursive: true, force: true });
});

function seed(answers: Record<string, string>): void {
  const path = sessionPath(dir, FIXTURE_OWNER);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ version: 1, workload: null, answers, currentQuestionId: null, savedAt: '2026-11-27T12:00:00Z' }));
}

async function recommendation(): Promise<string> {
  h = await renderApp({ source: fakeSource(fixtureCertificates()), configDir: dir, rows: 50 });
  await h.waitForFrame('loaded');
  await h.press('4');
  await h.waitForFrame('Why it matters');
  await h.press('v');
  return h.waitForFrame('Verdict:');
}

describe('the Advisor shows how final its verdict is', () => {
  it('with no answers: UNDECIDED, the rule, and the questions that could decide it', async () => {
    const f = await recommendation();
    expect(f).toContain('Verdict: UNDECIDED — no verdict yet');
    expect(f).toMatch(/Could still change it: aws-integrated-endpoints, /);
    expect(f).toContain('Rule no-decisive-answer:');
  });

  it('with contradicting answers: a provisional verdict and a caution naming both answers', async () => {
    seed({ 'existing-ca': 'none', 'mature-process': 'keep' });
    const f = await recommendation();
    expect(f).toContain('Verdict: IMPORT ONLY  (provisional)');
    expect(f).toContain('[caution] no-ca-but-mature-process: existing-ca "Nothing in place yet"');
    expect(f).toContain('Settle the answers that contradict each other');
  });

  it('answers to questions the branching skipped are shown as ignored', async () => {
    seed({ 'certificate-pinning': 'none', 'non-tls-use': 'no', 'email-encryption': 'yes' });
    const f = await recommendation();
    expect(f).toContain('Ignored (no longer asked): email-encryption=yes');
  });
});
