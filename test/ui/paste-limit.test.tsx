/**
 * A huge paste into the app: only the first MAX_CHUNK_CHARS characters become keys, so the
 * workload prompt fills to its limit at once and the app keeps answering keys. (Key by key, a
 * 1 MB paste held the app for over ten seconds; waitForFrame gives up after five.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keyTokens, MAX_CHUNK_CHARS } from '../../src/ui/keymap.js';
import { fakeSource, fixtureCertificates } from './fixtures.js';
import { KEY, renderApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

const noKey = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false } as Parameters<typeof keyTokens>[1];

describe('a pasted megabyte', () => {
  it('becomes at most MAX_CHUNK_CHARS keys, never half a surrogate pair', () => {
    expect(keyTokens('x'.repeat(1_000_000), noKey)).toHaveLength(MAX_CHUNK_CHARS);
    const emoji = `${'x'.repeat(MAX_CHUNK_CHARS - 1)}🙂tail`;
    expect(keyTokens(emoji, noKey).at(-1)).toBe('x');
  });

  it('fills the workload prompt to its 100 characters and the app keeps answering keys', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    await h.waitForFrame('loaded');
    await h.press('4');
    await h.waitForFrame('Question 1');
    await h.press('w');
    await h.waitForFrame('Workload name:');
    await h.chunk('x'.repeat(1_000_000));
    await h.waitForFrame(new RegExp(`Workload name: x{100}█`));
    await h.press(KEY.enter);
    const f = await h.waitForFrame(/Workload: x+/);
    expect(f).not.toMatch(/x{101}/);
    await h.press('2');
    await h.waitForFrame('Domain');
  });
});
