import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsLookups, caaRecordOf, checkCaaName, checkRenewalDns } from '../../src/aws/dns-lookups.js';
import { parseDnsServer } from '../../src/aws/dns-server-address.js';
import { startDnsServer, type RunningDnsServer } from '../../src/endpoint/dns-server.js';
import { cert } from '../audit/helpers.js';

const HOSTILE = 'evil|`<b>`\n\u001b[31m.example.com';

let dns: RunningDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    records: [
      { name: '_ok.app.example.com', type: 'CNAME', value: '_ok.acm-validations.aws' },
      { name: '_wrong.api.example.com', type: 'CNAME', value: 'stale.example.net' },
      { name: 'example.com', type: 'CAA', tag: 'issue', value: 'amazon.com' },
      { name: 'blocked.example.com', type: 'CNAME', value: 'cdn.example.net' },
      { name: 'cdn.example.net', type: 'CAA', tag: 'issue', value: 'letsencrypt.org' },
      { name: 'example.org', type: 'CAA', tag: 'issue', value: 'digicert.com' },
    ],
    silentNames: ['_slow.slow.example.com'],
  });
});
afterAll(() => dns.close());

const lookups = () => new DnsLookups({ server: dns.address, timeoutMs: 300 });

describe('CAA records as node:dns gives them', () => {
  it('takes the tag from the property beside critical, on every runtime (Node 24 adds type: CAA)', () => {
    expect(caaRecordOf({ critical: 0, issue: 'amazon.com' })).toEqual({ critical: false, tag: 'issue', value: 'amazon.com' });
    expect(caaRecordOf({ critical: 0, type: 'CAA', issue: 'letsencrypt.org' })).toEqual({ critical: false, tag: 'issue', value: 'letsencrypt.org' });
    expect(caaRecordOf({ critical: 128, type: 'CAA', issuewild: ';' })).toEqual({ critical: true, tag: 'issuewild', value: ';' });
  });
});

describe('DNS renewal checks against a loopback DNS server', () => {
  it('finds present, missing and wrong validation records and each CAA verdict', async () => {
    const dv = (name: string, value: string, domainName: string) => ({
      domainName,
      validationMethod: 'DNS',
      validationStatus: 'SUCCESS',
      validationDomain: domainName,
      validationEmails: [],
      resourceRecord: { name, type: 'CNAME', value },
      httpRedirect: null,
    });
    const ok = cert({ domainName: 'app.example.com', subjectAlternativeNames: ['app.example.com'], domainValidations: [dv('_ok.app.example.com.', '_ok.acm-validations.aws.', 'app.example.com')] });
    const gone = cert({ domainName: 'gone.example.com', subjectAlternativeNames: ['gone.example.com', 'blocked.example.com'], domainValidations: [dv('_gone.gone.example.com.', '_x.acm-validations.aws.', 'gone.example.com')] });
    const wrong = cert({ domainName: 'api.example.com', subjectAlternativeNames: [], domainValidations: [dv('_wrong.api.example.com.', '_y.acm-validations.aws.', 'api.example.com')] });
    const imported = cert({ type: 'IMPORTED', domainName: 'x.example.org', inUse: false, inUseBy: [] });
    // An import in use may be replaced by an ACM certificate (the plan): CAA is checked for its names, nothing else.
    const replaceable = cert({ type: 'IMPORTED', domainName: 'app.example.com', subjectAlternativeNames: ['app.example.com'] });
    const result = await checkRenewalDns([ok, gone, wrong, imported, replaceable], lookups(), ['example.com']);

    expect(result.get(ok.arn)!.validation[0]).toMatchObject({ state: 'present', zone: 'example.com' });
    expect(result.get(ok.arn)!.caa).toEqual([expect.objectContaining({ domainName: 'app.example.com', state: 'allows', relevantAt: 'example.com' })]);
    expect(result.get(gone.arn)!.validation[0]).toMatchObject({ state: 'missing', recordName: '_gone.gone.example.com' });
    // blocked.example.com is a CNAME to a name whose own CAA set names another CA.
    expect(result.get(gone.arn)!.caa.find((c) => c.domainName === 'blocked.example.com')).toMatchObject({ state: 'blocks', relevantAt: 'blocked.example.com' });
    expect(result.get(wrong.arn)!.validation[0]).toMatchObject({ state: 'wrong', found: 'stale.example.net' });
    expect(result.has(imported.arn)).toBe(false);
    expect(result.get(replaceable.arn)).toEqual({ validation: [], caa: [expect.objectContaining({ domainName: 'app.example.com', state: 'allows' })] });
  });

  it('asks each name once per run however many certificates share it', async () => {
    const l = lookups();
    const before = dns.queries.length;
    await Promise.all([checkCaaName(l, 'a.example.com'), checkCaaName(l, 'b.example.com'), checkCaaName(l, 'a.example.com')]);
    // a.example.com, b.example.com, then example.com once for both.
    expect(dns.queries.length - before).toBe(3);
    expect(l.sent).toBe(3);
  });

  it('a name that never answers is unknown after the timeout, not missing', async () => {
    const c = cert({
      domainName: 'slow.example.com',
      domainValidations: [{ domainName: 'slow.example.com', validationMethod: 'DNS', validationStatus: 'SUCCESS', validationDomain: null, validationEmails: [], resourceRecord: { name: '_slow.slow.example.com.', type: 'CNAME', value: '_z.acm-validations.aws.' }, httpRedirect: null }],
    });
    const result = await checkRenewalDns([c], lookups());
    expect(result.get(c.arn)!.validation[0]).toMatchObject({ state: 'unknown', error: 'ETIMEOUT' });
  });

  it('an aborted run cancels what is in flight and sends nothing more', async () => {
    const controller = new AbortController();
    const l = new DnsLookups({ server: dns.address, timeoutMs: 5_000, signal: controller.signal });
    const pending = l.cname('_slow.slow.example.com');
    controller.abort();
    expect(await pending).toEqual({ kind: 'error', code: 'ECANCELLED' });
    expect(await l.cname('_other.example.com')).toEqual({ kind: 'error', code: 'ECANCELLED' });
  });

  it('hostile names are looked up as data and answered as missing', async () => {
    const c = cert({ domainName: HOSTILE, subjectAlternativeNames: [HOSTILE] });
    const check = await checkCaaName(lookups(), HOSTILE);
    expect(['allows', 'unknown']).toContain(check.state);
    expect((await checkRenewalDns([c], lookups())).get(c.arn)!.caa).toHaveLength(1);
  });

  it('parses --dns-server HOST[:PORT]', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(parseDnsServer('[::1]:53')).toBe('[::1]:53');
    expect(parseDnsServer('::1')).toBe('::1');
    expect(() => parseDnsServer('dns.example.com')).toThrow(/IP address/);
    expect(() => parseDnsServer('10.0.0.1:99999')).toThrow(/out of range/);
  });
});
