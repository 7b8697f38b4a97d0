import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { CaaCheck, RenewalDns } from '../../src/domain/renewal-dns.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { NOW, cert, daysFromNow, inventory } from './helpers.js';

/** The replace-imports step checks CAA for the names it proposes to request from ACM, and says what to change. */

const kb = loadKnowledgeBase();
const ADOPT = { 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' };
const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1';
const HOSTILE = 'x|`y`<b>\n\u001b[31m.example.com';
const imported = (domainName: string) =>
  cert({ domainName, subjectAlternativeNames: [domainName], type: 'IMPORTED', status: 'ISSUED', issuer: 'CN=DigiCert TLS RSA SHA256 2020 CA1, O=DigiCert Inc', subject: `CN=${domainName}`, inUse: true, inUseBy: [ELB], notAfter: daysFromNow(200) });
const caa = (domainName: string, over: Partial<CaaCheck> = {}): CaaCheck => ({ domainName, relevantAt: null, state: 'allows', reason: 'no CAA record on the name or any parent', ...over });
const blocks = (domainName: string, at: string, tag: 'issue' | 'issuewild' = 'issue'): CaaCheck =>
  caa(domainName, { relevantAt: at, state: 'blocks', reason: `CAA ${tag} allows only letsencrypt.org (at ${at})`, blockedBy: tag });

function caaLines(certs: Certificate[], dns?: Map<string, RenewalDns>) {
  const a = advise(kb, { workload: null, answers: ADOPT }, inventory(certs), [], DEFAULT_AUDIT_CONFIG, NOW, dns ? { dns } : {});
  return a.plan.steps.find((s) => s.id === 'replace-commercial-imports')!.how.filter((h) => h.includes('CAA'));
}

describe('CAA for the names the plan proposes to request', () => {
  const shop = imported('shop.example.eu');
  const www = imported('www.example.eu');
  const api = imported('api.example.com');
  const wild = imported('*.example.org');

  it('says per CAA set which names it blocks and what to add before requesting', () => {
    const dns = new Map<string, RenewalDns>([
      [shop.arn, { validation: [], caa: [blocks('shop.example.eu', 'example.eu')] }],
      [www.arn, { validation: [], caa: [blocks('www.example.eu', 'example.eu')] }],
      [api.arn, { validation: [], caa: [caa('api.example.com', { relevantAt: 'example.com', reason: 'CAA issue allows amazon.com (at example.com)' })] }],
      [wild.arn, { validation: [], caa: [blocks('*.example.org', 'example.org', 'issuewild')] }],
    ]);
    expect(caaLines([shop, www, api, wild], dns)).toEqual([
      'CAA blocks Amazon for shop.example.eu, www.example.eu: CAA issue allows only letsencrypt.org (at example.eu); add `0 issue "amazon.com"` to the CAA set at example.eu before requesting them.',
      'CAA blocks Amazon for *.example.org: CAA issuewild allows only letsencrypt.org (at example.org); add `0 issuewild "amazon.com"` to the CAA set at example.org before requesting it.',
    ]);
  });

  it('confirms when every name was checked and allowed, and names those it could not check', () => {
    const allowed = new Map<string, RenewalDns>([[api.arn, { validation: [], caa: [caa('api.example.com')] }]]);
    expect(caaLines([api], allowed)).toEqual(['CAA checked: Amazon may issue for every name above.']);
    const partly = new Map<string, RenewalDns>([[api.arn, { validation: [], caa: [caa('api.example.com', { state: 'unknown', reason: 'the CAA lookup of api.example.com failed (ETIMEOUT)' })] }]]);
    expect(caaLines([api, shop], partly)).toEqual(['CAA could not be checked for shop.example.eu, api.example.com: make sure it allows amazon.com before requesting.']);
  });

  it('says so when the DNS checks did not run', () => {
    expect(caaLines([api])).toEqual(['CAA was not checked for these names (the DNS checks did not run): before requesting, make sure any CAA set above them allows amazon.com.']);
  });

  it('hostile names reach the plan neutralised', () => {
    const bad = imported(HOSTILE);
    const dns = new Map<string, RenewalDns>([[bad.arn, { validation: [], caa: [blocks(HOSTILE, 'example.com')] }]]);
    const [line] = caaLines([bad], dns);
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(line).toContain('to the CAA set at example.com before requesting it.');
  });
});
