import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { managementEventsOf, type RegionTrails, type TrailState } from '../../src/domain/trail-coverage.js';
import { cert, NOW } from './helpers.js';

const trail = (t: Partial<TrailState>): TrailState => ({
  name: 'audit',
  arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/audit',
  homeRegion: 'us-east-1',
  multiRegion: false,
  organization: false,
  logging: true,
  management: 'all',
  ...t,
});
const audit = (trails: RegionTrails[] | undefined, certs = [cert()]) =>
  runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW, { evidence: trails ? { trails } : {}, rules: ['no-management-trail'] }).findings;

describe("which of ACM's management events a trail's selectors keep", () => {
  it('no selectors, or the default basic selector: every management event', () => {
    expect(managementEventsOf({})).toBe('all');
    expect(managementEventsOf({ EventSelectors: [{}] })).toBe('all');
    expect(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] })).toBe('all');
  });
  it('basic selectors: read or write only, management left out, ACM excluded by source', () => {
    expect(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] })).toBe('writes');
    expect(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }] })).toBe('reads');
    expect(managementEventsOf({ EventSelectors: [{ IncludeManagementEvents: false }] })).toBe('none');
    expect(managementEventsOf({ EventSelectors: [{ ExcludeManagementEventSources: ['acm.amazonaws.com'] }] })).toBe('none');
    expect(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }] })).toBe('all');
  });
  it('advanced selectors: only a Management category counts, with its readOnly and eventSource conditions', () => {
    const management = { Field: 'eventCategory', Equals: ['Management'] };
    expect(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management] }] })).toBe('all');
    expect(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management, { Field: 'readOnly', Equals: ['false'] }] }] })).toBe('writes');
    expect(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management, { Field: 'readOnly', Equals: ['true'] }] }] })).toBe('reads');
    expect(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'acm.amazonaws.com'] }] }] })).toBe('none');
    expect(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] })).toBe('none');
  });
});

describe('no-management-trail', () => {
  it('is silent where a logging trail keeps management writes, and when trails were not read', () => {
    expect(audit([{ accountId: null, region: 'us-east-1', trails: [trail({})] }])).toEqual([]);
    expect(audit([{ accountId: null, region: 'eu-west-1', trails: [trail({ multiRegion: true, management: 'writes' })] }])).toEqual([]);
    expect(audit(undefined)).toEqual([]);
  });
  it('names the one Region without such a trail, and why the trails there do not count', () => {
    const [f, ...more] = audit([
      { accountId: null, region: 'us-east-1', trails: [trail({})] },
      { accountId: null, region: 'eu-west-1', trails: [trail({ name: 'stopped', homeRegion: 'eu-west-1', logging: false }), trail({ name: 'reader', homeRegion: 'eu-west-1', management: 'reads' })] },
    ]);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'no-management-trail', severity: 'medium', region: 'eu-west-1', certificateArn: null, title: "No CloudTrail trail keeps ACM's changes in eu-west-1" });
    expect(f.detail).toContain('trail stopped is not logging in eu-west-1; trail reader records read events only in eu-west-1');
  });
  it('a single-Region trail elsewhere does not cover a Region; a Region with no trail at all is named', () => {
    const [f] = audit([
      { accountId: null, region: 'us-east-2', trails: [trail({})] },
      { accountId: null, region: 'ap-south-1', trails: [] },
    ]);
    expect(f).toMatchObject({ region: null, title: "No CloudTrail trail keeps ACM's changes in 2 Regions" });
    expect(f.detail).toContain('ap-south-1, us-east-2');
    expect(f.detail).toContain('trail audit covers another Region in us-east-2');
  });
  it("across an organisation, each account is judged on its own trails", () => {
    const a = cert({ accountId: '111111111111' });
    const b = cert({ accountId: '222222222222' });
    const findings = audit(
      [
        { accountId: '111111111111', region: 'us-east-1', trails: [trail({})] },
        { accountId: '222222222222', region: 'us-east-1', trails: [] },
      ],
      [a, b],
    );
    expect(findings.map((f) => [f.accountId, f.region])).toEqual([['222222222222', 'us-east-1']]);
  });
});
