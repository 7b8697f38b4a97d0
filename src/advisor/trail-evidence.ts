import type { ReadEvidence } from '../domain/read-evidence.js';
import { requestPace } from '../domain/request-pace.js';
import { safe } from '../domain/text.js';
import { trailCoverage } from '../domain/trail-coverage.js';
import type { EvidenceResult } from './evidence.js';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What CloudTrail says about certificate requests and their record: the request pace over its 90 days
 * (which proposes the rebuild frequency), and whether a logging trail keeps ACM's changes beyond them
 * (the article's auditability). Silent on what was not read.
 */
export function cloudTrailEvidence(read: ReadEvidence | undefined, now: Date): EvidenceResult {
  const lines: string[] = [];
  const proposals: NonNullable<EvidenceResult['proposals']> = {};
  if (read?.acmEvents) {
    const pace = requestPace(read.acmEvents, now);
    const perWeek = Math.round((pace.requests / pace.windowDays) * 7 * 10) / 10;
    lines.push(`CloudTrail recorded ${count(pace.requests, 'certificate request')} in the last ${pace.windowDays} days (${perWeek} a week)`);
    const top = pace.mostRepeated;
    if (top) {
      const every = Math.round(pace.windowDays / top.times);
      lines.push(
        `${safe(top.names.join(', '))}${top.others ? ` (and ${count(top.others, 'other name set')})` : ''} requested ${top.times} times, about every ${count(every, 'day')}, as a rebuild would`,
      );
    }
    proposals['rebuild-frequency'] = {
      value: pace.rebuilds,
      because: top
        ? `the same names were requested ${top.times} times in ${pace.windowDays} days (about every ${count(Math.round(pace.windowDays / top.times), 'day')})`
        : pace.requests === 0
          ? `no certificate was requested in the last ${pace.windowDays} days`
          : `no name was requested twice in the last ${pace.windowDays} days`,
    };
  }
  if (read?.trails) {
    const { uncovered, recording } = trailCoverage(read.trails);
    const several = read.trails.some((r) => r.accountId !== null);
    const where = (r: { accountId: string | null; region: string }) => (several && r.accountId ? `${r.accountId} ${r.region}` : r.region);
    const names = recording.map((t) => `trail ${safe(t.name)}${t.multiRegion ? ' (multi-Region)' : ''}`).join(', ');
    if (uncovered.length === 0) lines.push(`A logging trail keeps ACM's changes past 90 days in every ${several ? 'account and Region' : 'Region'} read: ${names}`);
    else
      lines.push(
        `No logging trail keeps ACM's changes in ${uncovered.length} of ${count(read.trails.length, several ? 'account-Region' : 'Region')} read (${uncovered.map(where).join(', ')}): their record ends after 90 days${recording.length ? `; elsewhere ${names}` : ''}`,
      );
  }
  return { lines, proposals };
}
