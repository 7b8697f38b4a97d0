import type { Inventory } from './inventory.js';

/**
 * Whether a CloudTrail trail keeps ACM's management events in a Region: the record that outlives the
 * 90-day event history, and what EventBridge's "AWS API Call via CloudTrail" rules (the plan's alerts)
 * need in order to fire. Pure: the trails come in as the trails read stage (src/stages/trails/) found
 * them, Region by Region.
 */

/** Which of ACM's management events a trail's selectors keep. ACM's changes (requests, deletions, exports) are writes. */
export type ManagementEvents = 'all' | 'writes' | 'reads' | 'none';

/** One trail as DescribeTrails shows it in a Region (its own trails and the copies of multi-Region ones), with its status. */
export interface TrailState {
  name: string;
  arn: string;
  homeRegion: string;
  multiRegion: boolean;
  organization: boolean;
  /** GetTrailStatus's IsLogging: a stopped trail records nothing. */
  logging: boolean;
  management: ManagementEvents;
}

/** The trails of one account-Region, as read. */
export interface RegionTrails {
  accountId: string | null;
  region: string;
  trails: TrailState[];
}

/** The id of the stage whose data this is (the advisor reads stage data by id; it may not import src/stages/). */
export const TRAILS_STAGE = 'trails';

/** The trail keeps ACM's changes made in `region`: logging, management writes included, and the Region in its scope. */
export function recordsAcmChanges(trail: TrailState, region: string): boolean {
  return trail.logging && (trail.management === 'all' || trail.management === 'writes') && (trail.multiRegion || trail.homeRegion === region);
}

/** Why a trail present in a Region does not keep ACM's changes there, in a few words ("is not logging"). */
export function whyNotRecording(trail: TrailState): string {
  if (!trail.logging) return 'is not logging';
  if (trail.management === 'none') return "excludes ACM's management events";
  if (trail.management === 'reads') return 'records read events only';
  return 'covers another Region';
}

/** What GetEventSelectors returns (the SDK's shapes, the parts read here). */
export interface EventSelectors {
  EventSelectors?: Array<{ ReadWriteType?: string; IncludeManagementEvents?: boolean; ExcludeManagementEventSources?: string[] }>;
  AdvancedEventSelectors?: Array<{ FieldSelectors?: Array<{ Field?: string; Equals?: string[]; NotEquals?: string[] }> }>;
}

const ACM = 'acm.amazonaws.com';

/**
 * Which of ACM's management events the selectors keep. Basic selectors: IncludeManagementEvents (true by
 * default) and ReadWriteType (All by default), ACM not excluded. Advanced selectors: one on
 * eventCategory = Management, its readOnly condition (if any) saying reads or writes, its eventSource
 * conditions not leaving ACM out. A trail with neither logs every management event (CloudTrail's default).
 */
export function managementEventsOf(selectors: EventSelectors): ManagementEvents {
  let reads = false;
  let writes = false;
  const basic = selectors.EventSelectors ?? [];
  const advanced = selectors.AdvancedEventSelectors ?? [];
  if (basic.length === 0 && advanced.length === 0) return 'all';
  for (const s of basic) {
    if (s.IncludeManagementEvents === false || (s.ExcludeManagementEventSources ?? []).includes(ACM)) continue;
    const type = s.ReadWriteType ?? 'All';
    if (type !== 'WriteOnly') reads = true;
    if (type !== 'ReadOnly') writes = true;
  }
  for (const s of advanced) {
    const field = (name: string) => (s.FieldSelectors ?? []).find((f) => f.Field === name);
    if (!(field('eventCategory')?.Equals ?? []).includes('Management')) continue;
    const source = field('eventSource');
    if (source?.Equals && !source.Equals.includes(ACM)) continue;
    if (source?.NotEquals?.includes(ACM)) continue;
    const readOnly = field('readOnly')?.Equals ?? [];
    if (readOnly.length === 0 || readOnly.includes('true')) reads = true;
    if (readOnly.length === 0 || readOnly.includes('false')) writes = true;
  }
  return reads && writes ? 'all' : writes ? 'writes' : reads ? 'reads' : 'none';
}

/** Each account-Region's trails as read (Regions the stage could not read are absent). */
export function trailsByRegion(inventory: Pick<Inventory, 'stages'>): RegionTrails[] {
  const out: RegionTrails[] = [];
  for (const r of inventory.stages ?? [])
    if (r.stage === TRAILS_STAGE && r.status === 'ok' && Array.isArray(r.data)) out.push({ accountId: r.accountId ?? null, region: r.region, trails: r.data as TrailState[] });
  return out;
}

/** The account-Regions read whose ACM changes no trail keeps, and the trails that do keep them elsewhere (each once). */
export function trailCoverage(read: readonly RegionTrails[]): { uncovered: RegionTrails[]; recording: TrailState[] } {
  const uncovered = read.filter((r) => !r.trails.some((t) => recordsAcmChanges(t, r.region)));
  const recording = new Map<string, TrailState>();
  for (const r of read) for (const t of r.trails) if (recordsAcmChanges(t, r.region)) recording.set(t.arn, t);
  return { uncovered, recording: [...recording.values()] };
}
