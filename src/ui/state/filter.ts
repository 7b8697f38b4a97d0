/**
 * The certificate filter: fuzzy, fast at 50,000 records, and never copies certificates.
 *
 * Design (fuse.js over 50k records costs 400–900 ms a query, so it cannot sit on the keystroke path):
 *
 * 1. Corpus. Each certificate gets ONE pre-joined lower-case "haystack" string — domain, SANs, tag keys
 *    and values, ARN and region, separated by a byte no query can contain. It is built once per record
 *    as the record arrives (the reducer appends it with the certificate, and rebuilds only a replaced
 *    record's string), so the search index is built once per load and never per keystroke.
 * 2. Membership uses fuse.js's own rule for a match with `threshold: 0.3, ignoreLocation: true`:
 *    a token of m characters matches when some substring of the text is within floor(0.3·m) edits of it
 *    (bitap score = errors / m ≤ 0.3). Tokens are split on spaces and ANDed. Up to 3 characters that is
 *    an exact substring test (native `indexOf`); longer tokens first need one of their k+1 pieces to occur
 *    exactly (pigeonhole: k edits cannot touch all k+1 pieces), then a bit-parallel k-error bitap confirms.
 * 3. Narrowing. When the new query extends the previous one (same tokens, last one longer, same error
 *    budget — a prefix of an alignment never costs more), only the previous result is scanned.
 * 4. Off the keystroke. The scan runs as a job in time slices (`FilterJob.step(budgetMs)`) scheduled after
 *    the keystroke's frame: the typed character echoes at once, the count follows, and a newer keystroke
 *    cancels an unfinished job.
 * 5. Ranking: like fuse's score, exact hits (every token a plain substring) rank first — the table shows
 *    them, in the chosen sort order, before the fuzzy-only hits. Typing an exact id puts it on top.
 * 6. Highlighting uses fuse.js itself (`includeMatches`), but only over the cells in the visible window.
 *
 * Results are `Int32Array`s of indices into the full certificate list (ascending), never copies.
 */
import Fuse from 'fuse.js';
import type { Certificate } from '../../domain/certificate.js';

/** Field separator inside a haystack: a control byte that a typed query never contains. */
const SEP = '\u0001';

export function haystackOf(cert: Certificate): string {
  const parts: string[] = [cert.domainName ?? ''];
  for (const san of cert.subjectAlternativeNames) if (san !== cert.domainName) parts.push(san);
  for (const [k, v] of Object.entries(cert.tags)) parts.push(k, v);
  parts.push(cert.arn, cert.region);
  return parts.join(SEP).toLowerCase();
}

export interface QueryToken {
  text: string;
  /** Edits allowed: floor(0.3 · length), fuse's threshold rule. */
  k: number;
}

export function errorBudget(length: number): number {
  return Math.floor((length * 3) / 10);
}

export function parseQuery(query: string): QueryToken[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((text) => ({ text, k: text.length > 31 ? 0 : errorBudget(text.length) }));
}

/** A compiled token: pieces for the pigeonhole prefilter plus bitap masks. */
interface Matcher {
  /** 0 no match, 1 fuzzy match, 2 exact (substring) match. */
  tier(text: string): 0 | 1 | 2;
}

function compileToken(token: QueryToken): Matcher {
  const { text, k } = token;
  if (k === 0) return { tier: (h) => (h.includes(text) ? 2 : 0) };
  const m = text.length;
  // Pigeonhole pieces.
  const pieces: string[] = [];
  const n = k + 1;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const len = Math.floor(m / n) + (i < m % n ? 1 : 0);
    pieces.push(text.slice(start, start + len));
    start += len;
  }
  const masks = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = text.charCodeAt(i);
    masks.set(c, (masks.get(c) ?? 0) | (1 << i));
  }
  const accept = 1 << (m - 1);
  const r = new Int32Array(k + 1);
  return {
    tier(h: string): 0 | 1 | 2 {
      if (h.includes(text)) return 2;
      let candidate = false;
      for (const p of pieces) {
        if (h.includes(p)) {
          candidate = true;
          break;
        }
      }
      if (!candidate) return 0;
      return bitapWithin(h, masks, m, k, accept, r) ? 1 : 0;
    },
  };
}

/**
 * Wu–Manber bitap: is there a substring of `h` within `k` edits of the pattern?
 * Bit i of r[d] is set when pattern[0..i] matches text ending here with ≤ d edits.
 */
function bitapWithin(h: string, masks: Map<number, number>, m: number, k: number, accept: number, r: Int32Array): boolean {
  for (let d = 0; d <= k; d++) r[d] = (1 << d) - 1;
  if (r[k] & accept) return true;
  for (let i = 0; i < h.length; i++) {
    const pm = masks.get(h.charCodeAt(i)) ?? 0;
    let prevOld = r[0];
    r[0] = ((r[0] << 1) | 1) & pm;
    for (let d = 1; d <= k; d++) {
      const old = r[d];
      r[d] = (((old << 1) | 1) & pm) | ((prevOld << 1) | 1) | prevOld | ((r[d - 1] << 1) | 1);
      prevOld = old;
    }
    if (r[k] & accept) return true;
  }
  return false;
}

/** 0 no match, 1 fuzzy, 2 exact: the lowest tier over all tokens. */
export function compileTiered(query: string): (haystack: string) => 0 | 1 | 2 {
  const matchers = parseQuery(query).map(compileToken);
  if (matchers.length === 0) return () => 2;
  if (matchers.length === 1) return matchers[0].tier;
  return (h) => {
    let t: 0 | 1 | 2 = 2;
    for (const mm of matchers) {
      const x = mm.tier(h);
      if (x === 0) return 0;
      if (x < t) t = x;
    }
    return t;
  };
}

export function compileQuery(query: string): (haystack: string) => boolean {
  const tiered = compileTiered(query);
  return (h) => tiered(h) !== 0;
}

/** True when every result of `next` is guaranteed to be among the results of `prev`. */
export function canNarrow(prev: string, next: string): boolean {
  const a = parseQuery(prev);
  const b = parseQuery(next);
  if (a.length === 0 || b.length < a.length) return false;
  for (let i = 0; i < a.length; i++) {
    const last = i === a.length - 1;
    if (last ? !b[i].text.startsWith(a[i].text) : b[i].text !== a[i].text) return false;
    if (b[i].k !== a[i].k) return false;
  }
  return true;
}

/** Synchronous filter over the whole corpus (or over `within`, a previous result to narrow). */
export function filterIndices(corpus: readonly string[], query: string, within?: Int32Array | null): Int32Array | null {
  return runFilter(corpus, query, within).matches;
}

export interface FilterOutcome {
  /** Every match (fuzzy included), ascending indices into the full list; null: no filter. */
  matches: Int32Array | null;
  /** The exact matches among them (every token a substring), ascending; null: no filter. */
  exact: Int32Array | null;
}

export function runFilter(corpus: readonly string[], query: string, within?: Int32Array | null): FilterOutcome {
  const job = createFilterJob(corpus, query, within ?? null);
  while (!job.step(Infinity));
  return job.outcome();
}

export interface FilterJob {
  readonly query: string;
  /** Scan for up to `budgetMs`; true when finished. */
  step(budgetMs: number): boolean;
  result(): Int32Array | null;
  outcome(): FilterOutcome;
}

export function createFilterJob(corpus: readonly string[], query: string, within: Int32Array | null): FilterJob {
  const trimmed = query.trim();
  if (trimmed === '') {
    return { query, step: () => true, result: () => null, outcome: () => ({ matches: null, exact: null }) };
  }
  const tier = compileTiered(trimmed);
  const total = within ? within.length : corpus.length;
  const out = new Int32Array(total);
  const exact = new Int32Array(total);
  let found = 0;
  let exactFound = 0;
  let pos = 0;
  const CHUNK = 2048;
  return {
    query,
    step(budgetMs: number): boolean {
      const deadline = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
      while (pos < total) {
        const end = Math.min(total, pos + CHUNK);
        if (within) {
          for (; pos < end; pos++) {
            const idx = within[pos];
            const t = tier(corpus[idx]);
            if (t !== 0) {
              out[found++] = idx;
              if (t === 2) exact[exactFound++] = idx;
            }
          }
        } else {
          for (; pos < end; pos++) {
            const t = tier(corpus[pos]);
            if (t !== 0) {
              out[found++] = pos;
              if (t === 2) exact[exactFound++] = pos;
            }
          }
        }
        if (performance.now() >= deadline) break;
      }
      return pos >= total;
    },
    result: () => out.subarray(0, found),
    outcome: () => ({ matches: out.subarray(0, found), exact: exact.subarray(0, exactFound) }),
  };
}

/** Half-open [start, end) character ranges to highlight. */
export type Range = [number, number];

const highlightOptions = { includeMatches: true, threshold: 0.3, ignoreLocation: true, minMatchCharLength: 1 } as const;

/**
 * Ranges of `text` (already sanitised, as displayed) matching the query: exact occurrences first,
 * fuse.js's fuzzy match indices otherwise. Called for visible cells only.
 */
export function highlightRanges(text: string, query: string): Range[] {
  const tokens = parseQuery(query);
  if (tokens.length === 0 || text === '') return [];
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const t of tokens) {
    const at = lower.indexOf(t.text);
    if (at >= 0) {
      ranges.push([at, at + t.text.length]);
      continue;
    }
    if (t.k === 0) continue;
    const fuse = new Fuse([text], highlightOptions);
    const hit = fuse.search(t.text)[0];
    for (const m of hit?.matches ?? []) {
      for (const [s, e] of m.indices) if (e - s + 1 >= Math.min(2, t.text.length)) ranges.push([s, e + 1]);
    }
  }
  return mergeRanges(ranges);
}

export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
