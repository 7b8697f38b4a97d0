import { describe, expect, it } from 'vitest';
import { collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { Endpoint } from '../../src/domain/serving.js';
import { NOW, cert, inventory } from '../advisor/helpers.js';

const kb = loadKnowledgeBase();

const endpoint = (over: Partial<Endpoint> = {}): Endpoint => ({
  arn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/1/443',
  service: 'elasticloadbalancing',
  label: 'ALB shop :443',
  accountId: '111122223333',
  region: 'eu-west-1',
  names: ['shop.example.com'],
  tls: { policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', minimumProtocol: 'TLSv1.2', postQuantum: false },
  backendProtocol: 'HTTPS',
  passthrough: false,
  ...over,
});

describe('evidence from what certificates serve (proposes, never answers)', () => {
  it('names outside AWS beside integrated endpoints propose partly; a CDN proposes the non-AWS-CDN answer', () => {
    const served = cert({ inUse: true, hostnames: ['shop.example.com'], endpoints: [endpoint()], servedElsewhere: [] });
    const cdn = cert({ hostnames: [], endpoints: [], servedElsewhere: [{ name: 'www.example.com', target: 'example.com.edgekey.net', cdn: 'Akamai' }] });
    const e = collectEvidence(kb, inventory([served, cdn]), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(e['aws-integrated-endpoints'].proposed?.value).toBe('partly');
    expect(e['non-aws-cdn'].proposed).toEqual({ value: 'yes', because: expect.stringContaining('Akamai') });
    expect(e['non-aws-cdn'].lines.join('\n')).toContain('Akamai (1)');
  });

  it('only names outside AWS propose none', () => {
    const out = cert({ inUse: false, inUseBy: [], hostnames: [], endpoints: [], servedElsewhere: [{ name: 'a.example.com', target: 'host.example.net', cdn: null }] });
    expect(collectEvidence(kb, inventory([out]), [], DEFAULT_AUDIT_CONFIG, NOW)['aws-integrated-endpoints'].proposed?.value).toBe('none');
  });

  it('TCP listeners on TLS ports propose that some TLS already ends on instances', () => {
    const inv = { ...inventory([cert()]), serving: { passthrough: [endpoint({ label: 'NLB payments :443', tls: null, backendProtocol: 'TCP', passthrough: true })] } };
    const e = collectEvidence(kb, inv, [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(e['pci-passthrough'].proposed).toEqual({ value: 'yes', because: expect.stringContaining('1 TCP listener') });
    expect(e['pci-passthrough'].lines.join('\n')).toContain('NLB payments :443');
  });

  it('legacy policies inform client compatibility without proposing', () => {
    const weak = cert({ endpoints: [endpoint({ tls: { policy: 'ELBSecurityPolicy-2016-08', minimumProtocol: 'TLSv1', postQuantum: false } })] });
    const e = collectEvidence(kb, inventory([weak]), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(e['client-crypto-compat'].lines.join('\n')).toContain('1 endpoint still accepts TLS 1.0 or 1.1 (ELBSecurityPolicy-2016-08 (1))');
    expect(e['client-crypto-compat'].proposed).toBeUndefined();
  });

  it('nothing read, nothing said', () => {
    const e = collectEvidence(kb, inventory([cert()]), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(e['non-aws-cdn'].proposed).toBeUndefined();
    expect(e['pci-passthrough'].proposed).toBeUndefined();
  });
});
