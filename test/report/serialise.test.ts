/**
 * The serialiser's shortcuts (text that needs no escape, table cells of one text node) must write
 * exactly what mdast-util-to-markdown writes without them, whatever the text and wherever it sits.
 */
import { describe, expect, it } from 'vitest';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { serialiseMarkdown } from '../../src/report/serialise.js';
import { buildReport } from '../../src/report/model.js';
import { buildReportTree } from '../../src/report/render-markdown.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { FACTS, HOSTILE_VALUES, NOW, hostileAdvice, hostileInventory } from './fixtures.js';

// Characters and runs that some Markdown construct reacts to somewhere: at a line start, next to
// a digit, inside a word, before a bracket, in a cell, in link text, next to emphasis.
const PIECES = [
  '_', '__', 'a_b', 'RSA_2048', '_x_', '*', '**', '1.', '1)', '- ', '-', '--', '+ ', '#', '# ', '>', '=', '[', ']', '](', '!',
  '![', '<a', '</', '<!', '&amp;', '&#x3C;', '&', '\\', '\\*', '`', '```', '|', '| a |', ':-', ':', '-:', 'www.', 'x@y.z', 'http://',
  'https://a.b/c', '~', '~~', ' ', '  ', '\t', '\n', '\r\n', 'é', '日本', 'ä_ö', 'eu-west-1', '2026-01-02', 'a.example.com',
  '*.example.com', 'arn:aws:acm:us-east-1:1:certificate/x', '"', "'", '(', ')', '{', '}', '$', '%', '^', '.', ',', ';', '?',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function tree(seed: number, count: number): Root {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const value = () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(PIECES)).join('');
  const text = (): PhrasingContent => ({ type: 'text', value: value() });
  const phrasing = (): PhrasingContent[] =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
      pick<() => PhrasingContent>([
        text,
        text,
        text,
        () => ({ type: 'inlineCode', value: value() }),
        () => ({ type: 'strong', children: [text()] }),
        () => ({ type: 'emphasis', children: [text()] }),
        () => ({ type: 'link', url: 'https://docs.aws.amazon.com/acm/', title: null, children: [text()] }),
      ])(),
    );
  // Most cells are one text node (the shortcut); the rest mix text with code, emphasis and links.
  const cell = () => (next() < 0.7 ? [text()] : phrasing());
  const children: RootContent[] = [];
  for (let i = 0; i < count; i++) {
    children.push(
      pick<() => RootContent>([
        () => ({ type: 'paragraph', children: phrasing() }),
        () => ({ type: 'heading', depth: 2, children: phrasing() }),
        () => ({ type: 'list', ordered: next() < 0.5, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: phrasing() }] }] }),
        () => ({ type: 'blockquote', children: [{ type: 'paragraph', children: phrasing() }] }),
        () => ({
          type: 'table',
          align: [null, null, null],
          children: Array.from({ length: 4 }, () => ({ type: 'tableRow' as const, children: Array.from({ length: 3 }, () => ({ type: 'tableCell' as const, children: cell() })) })),
        }),
      ])(),
    );
  }
  return { type: 'root', children };
}

function reportTree(withAdvice: boolean): Root {
  const inventory = hostileInventory();
  const audit = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW);
  return buildReportTree(buildReport({ inventory, audit, advice: withAdvice ? hostileAdvice() : null, facts: FACTS, config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW }));
}

describe('Markdown serialiser shortcuts', () => {
  it.each([true, false])('write the hostile report exactly as the library does (advice: %s)', (withAdvice) => {
    const t = reportTree(withAdvice);
    expect(serialiseMarkdown(t)).toBe(serialiseMarkdown(t, { shortcuts: false }));
  });

  it('write generated hostile text in every kind of block exactly as the library does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const t = tree(seed, 60);
      expect(serialiseMarkdown(t), `seed ${seed}`).toBe(serialiseMarkdown(t, { shortcuts: false }));
    }
  });

  it('still escape what needs it in a cell', () => {
    const cells = [...HOSTILE_VALUES, 'a|b', '<b>x</b>', '*x*', '[x](y)', 'RSA_2048'];
    const md = serialiseMarkdown({
      type: 'root',
      children: [{ type: 'table', align: [null], children: cells.map((value) => ({ type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value }] }] })) }],
    });
    expect(md).toContain('a\\|b');
    expect(md).toContain('\\<b>x\\</b>');
    expect(md).toContain('\\*x\\*');
    expect(md).toContain('\\[x]\\(y)');
    expect(md).toContain('RSA_2048');
  });
});
