import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import type { Inventory } from '../../src/domain/inventory.js';
import type { Finding } from '../../src/domain/finding.js';

export const NOW = new Date('2026-11-27T12:00:00Z');

let n = 0;
export function cert(over: Partial<Certificate> = {}, region = 'eu-west-1', account = '111122223333'): Certificate {
  n += 1;
  const id = `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
  return { ...emptyCertificate(`arn:aws:acm:${region}:${account}:certificate/${id}`, region), ...over };
}

export function inventory(certificates: Certificate[] = []): Inventory {
  return {
    generatedAt: NOW.toISOString(),
    account: { id: '111122223333', arn: 'arn:aws:iam::111122223333:root' },
    regions: [{ region: 'eu-west-1', status: 'ok', listed: certificates.length, described: certificates.length }],
    certificates,
    warnings: [],
  };
}

export function finding(ruleId: string, certificateArn: string | null = null): Finding {
  return { ruleId, severity: 'medium', certificateArn, region: 'eu-west-1', title: ruleId, detail: '', remediation: '' };
}

export function daysFromNow(days: number): string {
  return new Date(NOW.getTime() + days * 86_400_000).toISOString();
}
