import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { footerHints } from '../../src/ui/components/footer.js';
import { bindingsFor, KEYMAP, keyTokens, route } from '../../src/ui/keymap.js';
import { commandHandler, textHandler } from '../../src/ui/screens/index.js';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

describe('key tokens', () => {
  it('splits a multi-character chunk into one token per key', () => {
    expect(keyTokens('jjj', noKey)).toEqual(['j', 'j', 'j']);
    expect(keyTokens('api\r\r', noKey)).toEqual(['a', 'p', 'i', 'return', 'return']);
    expect(keyTokens('ab\u007f', noKey)).toEqual(['a', 'b', 'backspace']);
    expect(keyTokens('x\u0003', noKey)).toEqual(['x', 'ctrl+c']);
  });

  it('maps Ink key flags', () => {
    expect(keyTokens('', { ...noKey, downArrow: true })).toEqual(['down']);
    expect(keyTokens('', { ...noKey, return: true })).toEqual(['return']);
    expect(keyTokens('', { ...noKey, escape: true, meta: true })).toEqual(['escape']);
    expect(keyTokens('', { ...noKey, delete: true })).toEqual(['delete']);
    expect(keyTokens('c', { ...noKey, ctrl: true })).toEqual(['ctrl+c']);
    expect(keyTokens('G', { ...noKey, shift: true })).toEqual(['G']);
  });
});

describe('routing by mode', () => {
  const table = { mode: 'normal' as const, screen: 'certificates' as const };
  const typing = { mode: 'filter' as const, screen: 'certificates' as const };

  it('in the table, keys are commands', () => {
    expect(route('q', table)).toEqual({ kind: 'command', command: 'quit' });
    expect(route('1', table)).toEqual({ kind: 'command', command: 'view.overview' });
    expect(route('j', table)).toEqual({ kind: 'command', command: 'cursor.down' });
    expect(route('/', table)).toEqual({ kind: 'command', command: 'filter.open' });
    expect(route('return', table)).toEqual({ kind: 'command', command: 'open' });
    expect(route('s', table)).toEqual({ kind: 'command', command: 'sort.next' });
    expect(route('S', table)).toEqual({ kind: 'command', command: 'sort.reverse' });
    expect(route('escape', table)).toEqual({ kind: 'command', command: 'back' });
  });

  it('typing in the filter never triggers q, 1, j or /', () => {
    for (const ch of ['q', '1', 'j', '/', '?', 's', 'r', 'G']) expect(route(ch, typing)).toEqual({ kind: 'text', text: ch });
    expect(route('return', typing)).toEqual({ kind: 'command', command: 'filter.confirm' });
    expect(route('escape', typing)).toEqual({ kind: 'command', command: 'filter.cancel' });
    expect(route('backspace', typing)).toEqual({ kind: 'command', command: 'filter.backspace' });
    expect(route('down', typing)).toEqual({ kind: 'command', command: 'cursor.down' });
    expect(route('ctrl+c', typing)).toEqual({ kind: 'command', command: 'interrupt' });
  });

  it('the detail scrolls and steps back; the overview has no table keys', () => {
    const detail = { mode: 'normal' as const, screen: 'detail' as const };
    expect(route('j', detail)).toEqual({ kind: 'command', command: 'cursor.down' });
    expect(route('escape', detail)).toEqual({ kind: 'command', command: 'back' });
    expect(route('return', detail)).toBeNull();
    const overview = { mode: 'normal' as const, screen: 'overview' as const };
    // A key of another screen says where it works instead of doing nothing.
    expect(route('s', overview)).toEqual({ kind: 'disabled', reason: 's: sort column works in Certificates (2), Findings (3), not here' });
    expect(route('2', overview)).toEqual({ kind: 'command', command: 'view.certificates' });
  });

  it('help mode: q quits, ?/Esc close, the rest is ignored', () => {
    const help = { mode: 'help' as const, screen: 'overview' as const };
    expect(route('escape', help)).toEqual({ kind: 'command', command: 'help.close' });
    expect(route('?', help)).toEqual({ kind: 'command', command: 'help.close' });
    expect(route('q', help)).toEqual({ kind: 'command', command: 'quit' });
    expect(route('2', help)).toBeNull();
  });
});

describe('the Advisor’s workload prompt', () => {
  const advisor = { mode: 'normal' as const, screen: 'advisor' as const };
  const typing = { mode: 'prompt' as const, screen: 'advisor' as const };

  it('w opens it on the advisor only', () => {
    expect(route('w', advisor)).toEqual({ kind: 'command', command: 'advisor.workload' });
    for (const screen of ['overview', 'certificates', 'detail', 'findings', 'report'] as const)
      expect(route('w', { mode: 'normal', screen })).toEqual({ kind: 'disabled', reason: 'w: name the workload works in Advisor (4), not here' });
  });

  it('while typing, every printable key is text: q, digits, j/k, b, n, v, X, y, w, r, ?', () => {
    for (const ch of ['q', '1', '4', '5', 'j', 'k', 'h', 'l', 'b', 'n', 'v', 'X', 'y', 'w', 'r', '?', '/', ' ', 'G'])
      expect(route(ch, typing)).toEqual({ kind: 'text', text: ch });
    expect(route('return', typing)).toEqual({ kind: 'command', command: 'advisor.workload-save' });
    expect(route('escape', typing)).toEqual({ kind: 'command', command: 'advisor.workload-cancel' });
    expect(route('backspace', typing)).toEqual({ kind: 'command', command: 'advisor.workload-backspace' });
    expect(route('delete', typing)).toEqual({ kind: 'command', command: 'advisor.workload-backspace' });
    expect(route('ctrl+c', typing)).toEqual({ kind: 'command', command: 'interrupt' });
    expect(route('down', typing)).toBeNull();
    // The Report's export prompt keeps its own commands.
    expect(route('return', { mode: 'prompt', screen: 'report' })).toEqual({ kind: 'command', command: 'prompt.confirm' });
  });

  it('the footer says how to save and cancel, and w shows on the advisor', () => {
    const typingHints = footerHints(typing).map((h) => `${h.label} ${h.description}`);
    expect(typingHints).toEqual(['Enter save the name', 'Esc cancel, keep the old name']);
    expect(footerHints(advisor).map((h) => `${h.label} ${h.description}`)).toContain('w name the workload');
  });
});

describe('one table', () => {
  it('every binding is described and no key is bound twice in one mode and screen', () => {
    for (const b of KEYMAP) expect(b.description.length).toBeGreaterThan(0);
    for (const mode of ['normal', 'filter', 'help', 'prompt', 'confirm'] as const) {
      for (const screen of ['overview', 'certificates', 'detail', 'findings', 'advisor', 'report'] as const) {
        const keys = bindingsFor({ mode, screen }, false).flatMap((b) => b.keys);
        expect(new Set(keys).size, `${mode}/${screen}`).toBe(keys.length);
      }
    }
  });

  it('the footer hints come from the keymap for the current context', () => {
    const hints = footerHints({ mode: 'normal', screen: 'certificates' }).map((h) => `${h.label} ${h.description}`);
    expect(hints).toEqual(expect.arrayContaining(['/ filter', 'Enter open', 's sort column', 'q quit', '? help']));
    const typing = footerHints({ mode: 'filter', screen: 'certificates' }).map((h) => `${h.label} ${h.description}`);
    expect(typing).toEqual(expect.arrayContaining(['Enter confirm filter', 'Esc clear filter']));
    expect(typing).not.toContain('q quit');
  });
});

describe('every key the keymap offers has a handler on its screen (screens/)', () => {
  // The modes a screen can be in: the filter input opens on the table, prompts on the Advisor and the Report.
  const reachable = (mode: string, screen: string): boolean =>
    mode === 'normal' || mode === 'help' || (mode === 'filter' && screen === 'certificates') || (mode === 'prompt' && (screen === 'advisor' || screen === 'report')) || (mode === 'confirm' && screen === 'report');

  it('each binding, in each mode and screen it is offered in, is handled there', () => {
    const missing: string[] = [];
    for (const b of KEYMAP)
      for (const screen of b.screens)
        for (const mode of b.modes) if (reachable(mode, screen) && !commandHandler(screen, b.command)) missing.push(`${b.command} on ${screen} (${mode})`);
    expect(missing).toEqual([]);
  });

  it('typed text goes to the screen whose input has the keys', () => {
    for (const screen of ['certificates', 'advisor', 'report'] as const) expect(textHandler(screen)).toBeTypeOf('function');
    expect(textHandler('overview')).toBeUndefined();
  });
});
