import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { canNarrow, compileQuery, runFilter, createFilterJob, errorBudget, filterIndices, haystackOf, highlightRanges, parseQuery } from '../../src/ui/state/filter.js';
import { cert, fixtureCertificates, manyCertificates } from './fixtures.js';

/** Smallest edit distance between `p` and any substring of `t` (the reference for the bitap). */
function bestSubstringDistance(p: string, t: string): number {
  let prev = new Array(t.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (p[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev);
}

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('haystack', () => {
  it('joins domain, SANs, tag keys and values, ARN and region, lower-cased', () => {
    const c = cert('x9', 'ap-south-1', { domainName: 'Shop.Example.com', subjectAlternativeNames: ['Shop.Example.com', 'cdn.example.com'], tags: { Owner: 'Team-Blue' } });
    const h = haystackOf(c);
    for (const part of ['shop.example.com', 'cdn.example.com', 'owner', 'team-blue', 'certificate/x9', 'ap-south-1']) expect(h).toContain(part);
  });
});

describe('query parsing', () => {
  it('gives each token fuse’s error budget (threshold 0.3)', () => {
    expect([1, 2, 3, 4, 6, 7, 10].map(errorBudget)).toEqual([0, 0, 0, 1, 1, 2, 3]);
    expect(parseQuery('  API  prod ')).toEqual([
      { text: 'api', k: 0 },
      { text: 'prod', k: 1 },
    ]);
  });
});

describe('fuzzy match', () => {
  it('agrees with a brute-force edit distance on random strings', () => {
    const r = rng(7);
    const alphabet = 'abcde.';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let i = 0; i < 400; i++) {
      const p = word(1 + Math.floor(r() * 9));
      const t = word(Math.floor(r() * 25));
      const expected = bestSubstringDistance(p, t) <= errorBudget(p.length);
      expect(compileQuery(p)(t), `${p} in ${t}`).toBe(expected);
    }
  });

  it('agrees with a brute-force edit distance on long texts and long patterns (k up to 4)', () => {
    const r = rng(11);
    const alphabet = 'abc.-';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let i = 0; i < 600; i++) {
      const p = word(4 + Math.floor(r() * 12));
      // Near-copies of the pattern inside a longer text exercise the windows around piece occurrences.
      const edit = (c: string) => {
        const x = r();
        if (x < 0.1) return alphabet[Math.floor(r() * alphabet.length)]; // substitution
        if (x < 0.15) return ''; // deletion
        if (x < 0.25) return c + alphabet[Math.floor(r() * alphabet.length)]; // insertion
        return c;
      };
      const mutated = [...p].map(edit).join('');
      const t = word(Math.floor(r() * 60)) + mutated + word(Math.floor(r() * 60));
      const expected = bestSubstringDistance(p, t) <= errorBudget(p.length);
      expect(compileQuery(p)(t), `${p} in ${t}`).toBe(expected);
    }
  });

  it('matches whatever fuse.js matches with the same threshold (and typos)', () => {
    const texts = ['payments.example.com', 'legacy-billing.internal', 'status.example.org', 'admin.corp.local'];
    for (const q of ['paymnts', 'bilingg', 'stat', 'examp1e', 'corp', 'zzzz']) {
      const fuse = new Fuse(texts, { threshold: 0.3, ignoreLocation: true });
      const fuseHits = new Set(fuse.search(q).map((r) => r.item));
      const ours = new Set(texts.filter((t) => compileQuery(q)(t.toLowerCase())));
      for (const hit of fuseHits) expect(ours.has(hit), `${q} → ${hit}`).toBe(true);
    }
    expect(compileQuery('paymnts')('payments.example.com')).toBe(true);
  });

  it('ANDs space-separated tokens', () => {
    const test = compileQuery('api us-east-1');
    expect(test('api.example.com\u0001us-east-1')).toBe(true);
    expect(test('api.example.com\u0001eu-west-1')).toBe(false);
  });
});

describe('filterIndices', () => {
  const certs = fixtureCertificates();
  const corpus = certs.map(haystackOf);

  it('returns indices into the full list, not copies, and null for an empty query', () => {
    const m = filterIndices(corpus, 'example');
    expect(m).toBeInstanceOf(Int32Array);
    expect(Array.from(m!)).toEqual([0, 1, 3]);
    expect(certs[m![0]].domainName).toBe('api.example.com');
    expect(filterIndices(corpus, '   ')).toBeNull();
  });

  it('searches tags, ARNs and regions', () => {
    expect(Array.from(filterIndices(corpus, 'platform')!)).toEqual([0]);
    expect(Array.from(runFilter(corpus, 'certificate/c3').exact!)).toEqual([2]);
    expect(Array.from(filterIndices(corpus, 'eu-west-1')!)).toEqual([2, 3]);
    expect(Array.from(filterIndices(corpus, 'billing')!)).toEqual([3]);
  });

  it('counts: 1 of 5,000', () => {
    const many = manyCertificates(5000);
    const big = many.map(haystackOf);
    const { matches, exact } = runFilter(big, 'host4321.fleet');
    expect(exact!.length).toBe(1);
    expect(big[exact![0]]).toContain('host4321.fleet');
    // Fuzzy hits (within fuse's 0.3 error budget) are kept, ranked after the exact one.
    expect(matches!.length).toBeGreaterThan(1);
    expect(Array.from(exact!).every((i) => matches!.includes(i))).toBe(true);
  });

  it('narrowing from a previous result gives the same answer as a full scan', () => {
    const many = manyCertificates(3000).map(haystackOf);
    const first = filterIndices(many, 'host123')!;
    expect(canNarrow('host123', 'host1234')).toBe(true);
    expect(Array.from(filterIndices(many, 'host1234', first)!)).toEqual(Array.from(filterIndices(many, 'host1234')!));
  });

  it('narrows from any earlier query whose tokens the new one implies', () => {
    expect(canNarrow('team-auth', 'team-auth prod')).toBe(true); // a token added, the cached one unchanged
    expect(canNarrow('prod', 'team-auth prod')).toBe(true);
    expect(canNarrow('host1', 'host12 eu')).toBe(true); // a longer token, the same error budget (1)
    expect(canNarrow('host12', 'host123')).toBe(false); // the budget grew from 1 to 2
    expect(canNarrow('api', 'xapi')).toBe(false); // "xapi" allows an edit, "api" none
    expect(canNarrow('team-auth pro', 'team-auth prod')).toBe(false); // "pro" exact, "prod" one edit
    const many = manyCertificates(3000).map(haystackOf);
    for (const [prev, next] of [
      ['team-auth', 'team-auth prod'],
      ['host1', 'host12 east'],
      ['east', 'host12 east'],
      ['example', 'host2 example'],
    ]) {
      expect(canNarrow(prev, next), `${prev} → ${next}`).toBe(true);
      const within = filterIndices(many, prev)!;
      expect(Array.from(filterIndices(many, next, within)!), `${prev} → ${next}`).toEqual(Array.from(filterIndices(many, next)!));
    }
  });

  it('only narrows when it is safe', () => {
    expect(canNarrow('api', 'api2')).toBe(false); // 3 → 4 chars: the error budget grows from 0 to 1
    expect(canNarrow('host', 'hosts')).toBe(true);
    expect(canNarrow('api', 'api prod')).toBe(true);
    expect(canNarrow('api prod', 'ap prod')).toBe(false);
    expect(canNarrow('', 'a')).toBe(false);
  });

  it('a job run in slices gives the same result as one run', () => {
    const many = manyCertificates(10000).map(haystackOf);
    const job = createFilterJob(many, 'host99', null);
    let steps = 0;
    while (!job.step(0)) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(Array.from(job.result()!)).toEqual(Array.from(filterIndices(many, 'host99')!));
  });
});

describe('highlightRanges', () => {
  it('marks exact occurrences', () => {
    expect(highlightRanges('api.example.com', 'example')).toEqual([[4, 11]]);
    expect(highlightRanges('API.example.com', 'api com')).toEqual([
      [0, 3],
      [12, 15],
    ]);
  });

  it('marks fuzzy matches through fuse.js', () => {
    const ranges = highlightRanges('payments.example.com', 'paymnts');
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges[0][0]).toBe(0);
  });

  it('marks nothing when the text does not match', () => {
    expect(highlightRanges('api.example.com', 'zzz')).toEqual([]);
    expect(highlightRanges('api.example.com', '')).toEqual([]);
  });
});
