import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAuditFlags,
  loadAuditConfigFile,
  parseAuditConfig,
  resolveAuditConfig,
} from '../../src/audit/config.js';
import { InputError } from '../../src/domain/errors.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('audit config', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_AUDIT_CONFIG.expiryDays).toEqual({ high: 30, medium: 60 });
    expect(DEFAULT_AUDIT_CONFIG.requiredTags).toEqual(['owner', 'environment', 'application']);
    expect(DEFAULT_AUDIT_CONFIG.productionTag).toEqual({ key: 'environment', values: ['prod', 'production', 'prd'] });
    expect(DEFAULT_AUDIT_CONFIG.stalePendingHours).toBe(72);
    expect(DEFAULT_AUDIT_CONFIG.ownerTag).toBe('owner');
    expect(DEFAULT_AUDIT_CONFIG.quotas.issuedPer365Days).toBe(5000);
    expect(DEFAULT_AUDIT_CONFIG.quotas.held).toBe(2500);
  });

  it('merges a partial file over the defaults', () => {
    const c = parseAuditConfig('expiryDays:\n  high: 14\nrequiredTags: [team]\nownerTag: Team\n', 'a.yaml');
    expect(c.expiryDays).toEqual({ high: 14, medium: 60 });
    expect(c.requiredTags).toEqual(['team']);
    expect(c.ownerTag).toBe('Team');
    expect(c.productionTag.key).toBe('environment');
  });

  it('treats an empty file as the defaults', () => {
    expect(parseAuditConfig('', 'a.yaml')).toEqual(DEFAULT_AUDIT_CONFIG);
  });

  it('rejects bad YAML with a one-line InputError', () => {
    const msg = usageMessage(() => parseAuditConfig('expiryDays: [1, 2\nfoo: : bar', 'bad.yaml'));
    expect(msg).toMatch(/^bad\.yaml: not valid YAML/);
    expect(msg).not.toContain('\n');
  });

  it('rejects unknown keys, at the top level and nested, naming the path', () => {
    const top = usageMessage(() => parseAuditConfig('expiryDayz: 3\n', 'c.yaml'));
    expect(top).toMatch(/^c\.yaml: /);
    expect(top).toMatch(/expiryDayz/);
    expect(top).not.toContain('\n');
    const nested = usageMessage(() => parseAuditConfig('expiryDays:\n  hgh: 3\n', 'c.yaml'));
    expect(nested).toMatch(/expiryDays/);
    expect(nested).not.toContain('\n');
  });

  it('rejects wrong types and inverted thresholds', () => {
    expect(usageMessage(() => parseAuditConfig('stalePendingHours: soon\n', 'c.yaml'))).toMatch(/stalePendingHours/);
    expect(usageMessage(() => parseAuditConfig('expiryDays: {high: 90, medium: 60}\n', 'c.yaml'))).toMatch(/must not exceed/);
    expect(usageMessage(() => parseAuditConfig('- a\n- b\n', 'c.yaml'))).toMatch(/^c\.yaml: /);
  });

  it('flags override the file', () => {
    const c = applyAuditFlags(DEFAULT_AUDIT_CONFIG, {
      expiryHigh: 10,
      expiryMedium: 20,
      requiredTags: 'team, cost-centre',
      productionTag: 'stage=live,prod',
      ownerTag: 'team',
    });
    expect(c.expiryDays).toEqual({ high: 10, medium: 20 });
    expect(c.requiredTags).toEqual(['team', 'cost-centre']);
    expect(c.productionTag).toEqual({ key: 'stage', values: ['live', 'prod'] });
    expect(c.ownerTag).toBe('team');
    expect(applyAuditFlags(DEFAULT_AUDIT_CONFIG, { productionTag: 'tier' }).productionTag).toEqual({
      key: 'tier',
      values: ['prod', 'production', 'prd'],
    });
    expect(applyAuditFlags(DEFAULT_AUDIT_CONFIG, { requiredTags: '' }).requiredTags).toEqual([]);
    // the defaults object is never mutated
    expect(DEFAULT_AUDIT_CONFIG.expiryDays.high).toBe(30);
  });

  it('rejects bad flag values', () => {
    expect(usageMessage(() => applyAuditFlags(DEFAULT_AUDIT_CONFIG, { expiryHigh: 0 }))).toMatch(/--expiry-high/);
    expect(usageMessage(() => applyAuditFlags(DEFAULT_AUDIT_CONFIG, { expiryHigh: 90 }))).toMatch(/must not exceed/);
    expect(usageMessage(() => applyAuditFlags(DEFAULT_AUDIT_CONFIG, { productionTag: '=prod' }))).toMatch(/--production-tag/);
  });

  describe('files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'acm-audit-config-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads a file and reports a missing one as an InputError', async () => {
      const p = join(dir, 'audit.yaml');
      await writeFile(p, 'stalePendingHours: 24\n');
      expect((await loadAuditConfigFile(p)).stalePendingHours).toBe(24);
      await expect(loadAuditConfigFile(join(dir, 'nope.yaml'))).rejects.toThrow(InputError);
      await expect(loadAuditConfigFile(join(dir, 'nope.yaml'))).rejects.toThrow(/no such file/);
    });

    it('uses the default path only when present, and flags still win', async () => {
      const p = join(dir, 'default.yaml');
      await writeFile(p, 'expiryDays: {high: 20}\n');
      expect((await resolveAuditConfig({ defaultPath: p, flags: {} })).expiryDays.high).toBe(20);
      expect((await resolveAuditConfig({ defaultPath: p, flags: { expiryHigh: 5 } })).expiryDays.high).toBe(5);
      expect(await resolveAuditConfig({ defaultPath: join(dir, 'absent.yaml'), flags: {} })).toEqual(DEFAULT_AUDIT_CONFIG);
    });
  });
});
