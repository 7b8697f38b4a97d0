/**
 * The certificate filter: fuzzy, fast at 50,000 records, and never copies certificates.
 *
 * Design (fuse.js over 50k records costs 400–900 ms a query, so it cannot sit on the keystroke path):
 *
 * 1. Corpus. Each certificate gets ONE pre-joined lower-case "haystack" string — domain, SANs, tag keys
 *    and values, ARN, region and the hostnames it serves, separated by a byte no query can contain. It is built once per record
 *    as the record arrives (the reducer appends it with the certificate, and rebuilds only a replaced
 *    record's string), so the search index is built once per load and never per keystroke.
 * 2. Membership uses fuse.js's own rule for a match with `threshold: 0.3, ignoreLocation: true`:
 *    a token of m characters matches when some substring of the text is within floor(0.3·m) edits of it
 *    (bitap score = errors / m ≤ 0.3). Tokens are split on spaces and ANDed. Up to 3 characters that is
 *    an exact substring test (native `indexOf`); longer tokens first need one of their k+1 pieces to occur
 *    exactly (pigeonhole: k edits cannot touch all k+1 pieces), then a bit-parallel k-error bitap confirms
 *    — only over the window of m + 2k characters each piece occurrence allows, not the whole record.
 * 3. Narrowing. When every token of an earlier query is implied by a token of the new one (its text a
 *    substring, with no more edits allowed — typing on, adding a token), only that earlier result is
 *    scanned; the runner keeps a few recent results and narrows from the smallest that qualifies.
 * 4. Off the keystroke. The scan runs as a job in time slices (`FilterJob.step(budgetMs)`). The key
 *    handler runs the first slice on the keystroke, so a quick scan's count shows in the echo's frame;
 *    a longer one echoes at once and continues in slices scheduled after the frame, and a newer
 *    keystroke cancels an unfinished job.
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
  for (const [k, v] of Object.entries(cert.tags ?? {})) parts.push(k, v);
  parts.push(cert.arn, cert.region);
  if (cert.accountName) parts.push(cert.accountName);
  // The names that reach what it serves: searching "checkout" finds the certificate behind checkout.example.com.
  for (const h of cert.hostnames ?? []) parts.push(h);
  return parts.join(SEP).toLowerCase();
}

interface QueryToken {
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
  // Pigeonhole pieces, each with its offset in the token.
  const pieces: string[] = [];
  const offsets: number[] = [];
  const n = k + 1;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const len = Math.floor(m / n) + (i < m % n ? 1 : 0);
    pieces.push(text.slice(start, start + len));
    offsets.push(start);
    start += len;
  }
  // Bitap masks: a table for ASCII (haystacks are almost all ASCII), a map for the rest.
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) ascii[c] |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  const bitap: Bitap = { ascii, other, k, accept: 1 << (m - 1), r: new Int32Array(k + 1) };
  const tried = new Int32Array(32);
  return {
    tier(h: string): 0 | 1 | 2 {
      if (h.includes(text)) return 2;
      // A match within k edits leaves some piece untouched: it occurs exactly at h[i], and the matched
      // substring then lies within h[i - offset - k, i - offset + m + k). Only those windows are checked.
      // Pieces of one near-match point at the same window: each window start is checked once.
      const len = h.length;
      let count = 0;
      for (let p = 0; p < n; p++) {
        const piece = pieces[p];
        const shift = offsets[p] + k;
        next: for (let i = h.indexOf(piece); i >= 0; i = h.indexOf(piece, i + 1)) {
          const from = i - shift;
          for (let t = 0; t < count; t++) if (tried[t] === from) continue next;
          if (count < tried.length) tried[count++] = from;
          if (bitapWithin(h, from < 0 ? 0 : from, Math.min(len, from + m + 2 * k), bitap)) return 1;
        }
      }
      return 0;
    },
  };
}

interface Bitap {
  ascii: Int32Array;
  other: Map<number, number>;
  k: number;
  accept: number;
  r: Int32Array;
}

/**
 * Wu–Manber bitap: is there a substring of `h[from, to)` within `k` edits of the pattern?
 * Bit i of r[d] is set when pattern[0..i] matches text ending here with ≤ d edits.
 */
function bitapWithin(h: string, from: number, to: number, b: Bitap): boolean {
  const { ascii, other, k, accept, r } = b;
  for (let d = 0; d <= k; d++) r[d] = (1 << d) - 1;
  if (r[k] & accept) return true;
  for (let i = from; i < to; i++) {
    const c = h.charCodeAt(i);
    const pm = c < 128 ? ascii[c] : (other.get(c) ?? 0);
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
function compileTiered(query: string): (haystack: string) => 0 | 1 | 2 {
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

/**
 * True when every result of `next` is guaranteed to be among the results of `prev`, so `next` can scan
 * `prev`'s result instead of the corpus. Tokens are ANDed, so it is enough that each token of `prev` is
 * implied by some token of `next`: token b implies token a when a's text is a substring of b's and a
 * allows at least as many edits (an alignment of b restricted to a's part costs no more). Typing on
 * ("host" → "hosts") and adding a token ("team-auth" → "team-auth prod") qualify; a longer token whose
 * error budget grew ("api" → "api2", "team-auth pro" → "team-auth prod") does not.
 */
export function canNarrow(prev: string, next: string): boolean {
  const a = parseQuery(prev);
  const b = parseQuery(next);
  if (a.length === 0) return false;
  return a.every((ta) => b.some((tb) => tb.k <= ta.k && tb.text.includes(ta.text)));
}

/** Synchronous filter over the whole corpus (or over `within`, a previous result to narrow). */
export function filterIndices(corpus: readonly string[], query: string, within?: Int32Array | null): Int32Array | null {
  return runFilter(corpus, query, within).matches;
}

interface FilterOutcome {
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
  /** Fraction of the records scanned so far, 0..1. */
  progress(): number;
  result(): Int32Array | null;
  outcome(): FilterOutcome;
}

export function createFilterJob(corpus: readonly string[], query: string, within: Int32Array | null): FilterJob {
  const trimmed = query.trim();
  if (trimmed === '') {
    return { query, step: () => true, progress: () => 1, result: () => null, outcome: () => ({ matches: null, exact: null }) };
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
    progress: () => (total === 0 ? 1 : pos / total),
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

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
