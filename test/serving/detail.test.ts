import { describe, expect, it } from 'vitest';
import { detailLines } from '../../src/ui/state/detail-lines.js';
import { haystackOf } from '../../src/ui/state/filter.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { Endpoint } from '../../src/domain/serving.js';
import { cert, NOW } from '../audit/helpers.js';

const endpoint: Endpoint = {
  arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/1/443',
  service: 'elasticloadbalancing',
  label: 'ALB shop :443',
  accountId: '123456789012',
  region: 'eu-west-1',
  names: ['checkout.example.com', '\u001b[31mred\u001b[0m|`x`\n<b>.example.com'],
  tls: { policy: 'ELBSecurityPolicy-2016-08', minimumProtocol: 'TLSv1', postQuantum: false },
  backendProtocol: 'HTTP',
  passthrough: false,
};

const text = (c: ReturnType<typeof cert>) => detailLines(c, NOW, DEFAULT_AUDIT_CONFIG.expiryDays, 120).map((l) => `${l.label ?? ''}${l.text}`).join('\n');

describe('the detail view says what a certificate serves', () => {
  it('hostname → endpoint → TLS policy, the weak policy marked, hostile names inert', () => {
    const c = cert({ hostnames: endpoint.names, endpoints: [endpoint], servedElsewhere: [{ name: 'www.example.com', target: 'example.com.edgekey.net', cdn: 'Akamai' }] });
    const lines = detailLines(c, NOW, DEFAULT_AUDIT_CONFIG.expiryDays, 120);
    const all = text(c);
    expect(all).toContain('Serves (2 names, 1 endpoint)');
    expect(all).toContain('ALB shop :443  TLS 1.0+ (ELBSecurityPolicy-2016-08)  → backend HTTP');
    expect(all).toContain('checkout.example.com → ALB shop :443');
    expect(all).toContain('www.example.com → example.com.edgekey.net (outside AWS: Akamai)');
    expect(lines.find((l) => l.text.includes('ELBSecurityPolicy-2016-08'))?.tone).toBe('warning');
    // No escape byte or newline from the record reaches the screen.
    expect(all).not.toMatch(/\u001b/);
    for (const l of lines) expect(l.text).not.toContain('\n');
  });

  it('not read is said as such, never as "serves nothing"', () => {
    expect(text(cert({ hostnames: null, endpoints: null }))).toContain('Not read');
    expect(text(cert({ hostnames: [], endpoints: [] }))).toContain('No listener, distribution or API domain presents it.');
  });

  it('the fuzzy filter finds a certificate by a hostname it serves', () => {
    expect(haystackOf(cert({ hostnames: ['checkout.example.com'] }))).toContain('checkout.example.com');
  });
});
