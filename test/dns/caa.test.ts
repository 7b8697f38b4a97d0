import { describe, expect, it } from 'vitest';
import { caaAllowsAmazon, caaClimb, caaIssuerDomain } from '../../src/domain/caa.js';
import { caaFix, caaNamesToCheck, judgeCaa, judgeValidationRecord, zoneFor } from '../../src/domain/renewal-dns.js';
import { cert } from '../audit/helpers.js';

const rec = (tag: string, value: string, critical = false) => ({ tag, value, critical });

describe('CAA (RFC 8659)', () => {
  it('climbs from the name to its top-level domain, a wildcard label dropped', () => {
    expect(caaClimb('*.Shop.Example.com.')).toEqual(['shop.example.com', 'example.com', 'com']);
  });

  it('reads the issuer domain before any parameters', () => {
    expect(caaIssuerDomain(' Amazon.com; account=1 ')).toBe('amazon.com');
    expect(caaIssuerDomain(';')).toBe('');
  });

  it('allows each of the four Amazon issuer domains and blocks others', () => {
    for (const d of ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'])
      expect(caaAllowsAmazon('a.example.com', [rec('issue', d)]).allowed).toBe(true);
    const blocked = caaAllowsAmazon('a.example.com', [rec('issue', 'letsencrypt.org'), rec('issue', 'digicert.com')]);
    expect(blocked).toEqual({ allowed: false, reason: 'CAA issue allows only letsencrypt.org, digicert.com', blockedBy: 'issue' });
  });

  it('lets issuewild govern wildcard names only, when present', () => {
    const set = [rec('issue', 'amazon.com'), rec('issuewild', ';')];
    expect(caaAllowsAmazon('www.example.com', set).allowed).toBe(true);
    expect(caaAllowsAmazon('*.example.com', set)).toEqual({ allowed: false, reason: 'CAA issuewild ";" allows no CA', blockedBy: 'issuewild' });
    expect(caaAllowsAmazon('*.example.com', [rec('issue', 'amazon.com')]).allowed).toBe(true);
  });

  it('a set without issue properties restricts nothing; an unknown critical property forbids', () => {
    expect(caaAllowsAmazon('a.example.com', [rec('iodef', 'mailto:x@example.com')]).allowed).toBe(true);
    expect(caaAllowsAmazon('a.example.com', [rec('issue', 'amazon.com'), rec('tbs', 'x', true)])).toMatchObject({ allowed: false, blockedBy: 'critical' });
  });

  it('says what to change where: the issue or issuewild record that governs, or the critical property', () => {
    const found = (v: ReturnType<typeof rec>[]) => ({ kind: 'found' as const, value: v });
    expect(caaFix(judgeCaa('www.example.com', [{ kind: 'nodata' }, found([rec('issue', 'pki.goog')])]))).toBe('add `0 issue "amazon.com"` to the CAA set at example.com');
    expect(caaFix(judgeCaa('*.example.com', [found([rec('issue', 'amazon.com'), rec('issuewild', ';')])]))).toBe('add `0 issuewild "amazon.com"` to the CAA set at example.com');
    expect(caaFix(judgeCaa('a.example.com', [found([rec('tbs', 'x', true)])]))).toBe('remove the unknown critical property from the CAA set at a.example.com (no CA may issue past it)');
    // A read saved before blockedBy was recorded still gets the issue record.
    expect(caaFix({ domainName: 'a.example.com', relevantAt: 'example.com' })).toBe('add `0 issue "amazon.com"` to the CAA set at example.com');
  });

  it('checks CAA for what ACM must issue again and for imports in use the plan may replace, never an IP address', () => {
    const acm = cert({ domainName: 'a.example.com', subjectAlternativeNames: ['a.example.com'] });
    const inUse = cert({ type: 'IMPORTED', domainName: 'b.example.com', subjectAlternativeNames: ['b.example.com'] });
    expect(caaNamesToCheck(acm)).toEqual(['a.example.com']);
    expect(caaNamesToCheck(inUse)).toEqual(['b.example.com']);
    expect(caaNamesToCheck({ ...inUse, inUse: false, inUseBy: [] })).toEqual([]);
    expect(caaNamesToCheck({ ...inUse, subjectAlternativeNames: ['b.example.com', '10.0.0.1'] })).toEqual([]);
    expect(caaNamesToCheck({ ...inUse, status: 'EXPIRED' })).toEqual([]);
  });

  it('the first non-empty set on the climb decides; a failed lookup before it leaves the verdict unknown', () => {
    const found = (v: ReturnType<typeof rec>[]) => ({ kind: 'found' as const, value: v });
    expect(judgeCaa('www.example.com', [{ kind: 'nodata' }, found([rec('issue', 'pki.goog')])])).toMatchObject({
      state: 'blocks',
      relevantAt: 'example.com',
    });
    expect(judgeCaa('www.example.com', [{ kind: 'nxdomain' }, { kind: 'nodata' }, { kind: 'nodata' }])).toMatchObject({ state: 'allows', relevantAt: null });
    expect(judgeCaa('www.example.com', [{ kind: 'error', code: 'ETIMEOUT' }])).toMatchObject({ state: 'unknown' });
  });
});

describe('validation record', () => {
  const record = { name: '_a1.www.example.com.', value: '_b2.acm-validations.aws.' };
  it('present when the CNAME points where ACM expects, ignoring case and the final dot', () => {
    expect(judgeValidationRecord('www.example.com', record, { kind: 'found', value: ['_B2.acm-validations.aws'] }, null).state).toBe('present');
  });
  it('missing, wrong or unknown otherwise', () => {
    expect(judgeValidationRecord('w', record, { kind: 'nxdomain' }, null).state).toBe('missing');
    expect(judgeValidationRecord('w', record, { kind: 'found', value: ['elsewhere.example.net'] }, null)).toMatchObject({ state: 'wrong', found: 'elsewhere.example.net' });
    expect(judgeValidationRecord('w', record, { kind: 'error', code: 'ESERVFAIL' }, null)).toMatchObject({ state: 'unknown', error: 'ESERVFAIL' });
  });
  it('names the longest Route 53 zone holding the record', () => {
    expect(zoneFor('_a1.www.example.com.', ['example.com.', 'www.example.com', 'other.com'])).toBe('www.example.com');
    expect(zoneFor('_a1.www.example.org', ['example.com'])).toBeNull();
    expect(zoneFor('notexample.com', ['example.com'])).toBeNull();
  });
});
