import { describe, expect, it } from 'vitest';
import { collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { AcmEvent } from '../../src/domain/provenance.js';
import type { ReadEvidence } from '../../src/domain/read-evidence.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { RegionTrails, TrailState } from '../../src/domain/trail-coverage.js';
import { NOW, inventory } from './helpers.js';

/** CloudTrail's evidence in the Advisor: the request pace proposes the rebuild frequency; the trails say how long the record lasts. */

const kb = loadKnowledgeBase();
const HOSTILE = 'x|`y`<b>\n\u001b[31m';
const DAY = 86_400_000;
const rebuild = (read: ReadEvidence) => collectEvidence(kb, inventory([]), [], DEFAULT_AUDIT_CONFIG, NOW, read)['rebuild-frequency'];

let n = 0;
/** A successful request for `names`, `daysAgo` days before NOW. */
function request(names: string[], daysAgo: number, over: Partial<AcmEvent> = {}): AcmEvent {
  n += 1;
  return {
    id: `e${n}`,
    event: 'RequestCertificate',
    by: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/run',
    at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    region: 'eu-west-1',
    accountId: '111122223333',
    certificateArn: null,
    names,
    domains: [],
    tags: {},
    failed: false,
    ...over,
  };
}
/** `times` requests of the same names, evenly over the 90 days. */
const every = (names: string[], times: number) => Array.from({ length: times }, (_, i) => request(names, (i * 89) / times));

const trail = (t: Partial<TrailState>): TrailState => ({
  name: 'org-audit',
  arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-audit',
  homeRegion: 'us-east-1',
  multiRegion: true,
  organization: false,
  logging: true,
  management: 'all',
  ...t,
});

describe('rebuild-frequency from CloudTrail', () => {
  it('names requested again about every week propose weekly, saying how often', () => {
    const events = [...every(['preview.example.com', '*.preview.example.com'], 13), request(['www.example.com'], 40)];
    const e = rebuild({ acmEvents: events });
    expect(e.proposed).toEqual({ value: 'weekly', because: 'the same names were requested 13 times in 90 days (about every 7 days)' });
    expect(e.lines).toContain('CloudTrail recorded 14 certificate requests in the last 90 days (1.1 a week)');
    expect(e.lines).toContain('*.preview.example.com, preview.example.com requested 13 times, about every 7 days, as a rebuild would');
  });

  it('requests every day or two propose daily; failed calls and events past 90 days do not count', () => {
    const daily = every(['ci.example.com'], 60);
    const noise = [request(['ci.example.com'], 1, { failed: true }), request(['ci.example.com'], 120)];
    expect(rebuild({ acmEvents: [...daily, ...noise] }).proposed).toMatchObject({ value: 'daily', because: expect.stringContaining('60 times') });
  });

  it('different names, or none at all, propose rarely', () => {
    expect(rebuild({ acmEvents: [request(['a.example.com'], 3), request(['b.example.com'], 30)] }).proposed).toEqual({ value: 'rarely', because: 'no name was requested twice in the last 90 days' });
    const none = rebuild({ acmEvents: [] });
    expect(none.proposed).toEqual({ value: 'rarely', because: 'no certificate was requested in the last 90 days' });
    expect(none.lines).toContain('CloudTrail recorded 0 certificate requests in the last 90 days (0 a week)');
  });

  it('proposes nothing when CloudTrail was not read (it only proposes: the answer stays the user\'s)', () => {
    const e = rebuild({});
    expect(e.proposed).toBeUndefined();
    expect(e.lines.join('\n')).not.toContain('CloudTrail');
  });

  it('a hostile requested name is shown neutralised', () => {
    const e = rebuild({ acmEvents: every([`${HOSTILE}.example.com`], 20) });
    const line = e.lines.find((l) => l.includes('requested 20 times'))!;
    expect(line).not.toMatch(/[\u001b\n]/);
  });
});

describe('auditability: whether a trail keeps ACM changes past 90 days', () => {
  it('a logging trail in every Region read', () => {
    const trails: RegionTrails[] = ['us-east-1', 'eu-west-1'].map((region) => ({ accountId: null, region, trails: [trail({})] }));
    expect(rebuild({ trails }).lines).toContain("A logging trail keeps ACM's changes past 90 days in every Region read: trail org-audit (multi-Region)");
  });

  it('the Regions without one are named, with the trails that do keep them elsewhere', () => {
    const trails: RegionTrails[] = [
      { accountId: null, region: 'us-east-1', trails: [trail({ multiRegion: false })] },
      { accountId: null, region: 'eu-west-1', trails: [trail({ multiRegion: false })] },
      { accountId: null, region: 'ap-south-1', trails: [] },
    ];
    expect(rebuild({ trails }).lines).toContain("No logging trail keeps ACM's changes in 2 of 3 Regions read (eu-west-1, ap-south-1): their record ends after 90 days; elsewhere trail org-audit");
  });
});
