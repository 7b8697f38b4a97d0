import { describe, expect, it } from 'vitest';
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import { shareRepeatedValues, ValuePool } from '../../src/domain/shared-values.js';

function record(id: string, patch: Partial<Certificate> = {}): Certificate {
  return {
    ...emptyCertificate(`arn:aws:acm:eu-west-1:123456789012:certificate/${id}`, 'eu-west-1'),
    domainName: `${id}.example.com`,
    subjectAlternativeNames: [`${id}.example.com`, 'www.example.com'],
    status: 'ISSUED',
    keyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'],
    tags: { owner: 'team-web' },
    tagsState: { state: 'read' },
    domainValidations: [
      {
        domainName: `${id}.example.com`,
        validationMethod: 'DNS',
        validationStatus: 'SUCCESS',
        validationDomain: `${id}.example.com`,
        validationEmails: [],
        resourceRecord: { name: `_x.${id}.example.com.`, type: 'CNAME', value: '_y.acm-validations.aws.' },
        httpRedirect: null,
      },
    ],
    detail: { state: 'complete', cached: { describedAt: '2026-11-27T12:00:00.000Z' } },
    ...patch,
  };
}

/** What a parser hands over: every record its own copy of everything. */
const parsed = (certs: Certificate[]): Certificate[] => JSON.parse(JSON.stringify(certs)) as Certificate[];

describe('ValuePool', () => {
  it('changes no record’s content', () => {
    const original = [
      record('a'),
      record('b', { tags: {}, detail: { state: 'searched', missingFields: ['inUseBy', 'tags'] }, tagsState: { state: 'pending' }, keyUsages: [] }),
      record('c', { tags: null, detail: { state: 'failed', missingFields: ['issuer'], reason: 'denied', failure: { reason: 'denied', code: 'AccessDeniedException' } } }),
      record('d', { detail: { state: 'summary' }, tagsState: { state: 'failed', reason: 'throttled' } }),
    ];
    expect(shareRepeatedValues(parsed(original))).toEqual(original);
  });

  it('gives records that say the same thing one shared, frozen copy of it', () => {
    const pool = new ValuePool();
    const [a, b] = shareRepeatedValues(parsed([record('a'), record('b')]), pool);
    // A later batch through the same pool (the next region file) shares with the first.
    const [c] = shareRepeatedValues(parsed([record('c', { inUseBy: [] })]), pool);
    for (const x of [b, c]) {
      expect(x.detail).toBe(a.detail);
      expect(x.tagsState).toBe(a.tagsState);
      expect(x.keyUsages).toBe(a.keyUsages);
      expect(x.inUseBy).toBe(a.inUseBy);
      expect(x.extendedKeyUsages).toBe(a.inUseBy);
    }
    expect(Object.isFrozen(a.detail)).toBe(true);
    expect(() => (a.inUseBy as string[]).push('arn:aws:cloudfront::123456789012:distribution/E1')).toThrow(TypeError);
    expect(() => (a.keyUsages as string[]).push('CRL_SIGNING')).toThrow(TypeError);
    // What differs per record stays the record's own.
    expect(a.tags).not.toBe(b.tags);
    expect(a.subjectAlternativeNames).not.toBe(b.subjectAlternativeNames);
    expect(a.domainValidations[0]).not.toBe(b.domainValidations[0]);
  });

  it('keeps a different cached date apart', () => {
    const [a, b] = shareRepeatedValues(parsed([record('a'), record('b', { detail: { state: 'complete', cached: { describedAt: '2026-11-28T12:00:00.000Z' } } })]));
    expect(a.detail).not.toBe(b.detail);
    expect(b.detail).toEqual({ state: 'complete', cached: { describedAt: '2026-11-28T12:00:00.000Z' } });
  });
});
