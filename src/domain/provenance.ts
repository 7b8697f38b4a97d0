/**
 * Who did what to which certificate, from CloudTrail's record of ACM's management events
 * (LookupEvents, event source acm.amazonaws.com, the last 90 days). Pure: the events come in as
 * CloudTrail returns them; this reads the fields it needs out of each event's JSON.
 */

/** The ACM calls whose record says something about a certificate's life. */
export const PROVENANCE_EVENTS = [
  'RequestCertificate',
  'ImportCertificate',
  'ExportCertificate',
  'RenewCertificate',
  'RevokeCertificate',
  'DeleteCertificate',
  'AddTagsToCertificate',
] as const;
export type ProvenanceEventName = (typeof PROVENANCE_EVENTS)[number];

/** One entry of a certificate's `provenance` (the inventory JSON's field). */
export interface ProvenanceEvent {
  event: ProvenanceEventName;
  /** The principal's ARN (an assumed role's session ARN as CloudTrail has it); null when the record has none. */
  by: string | null;
  at: string;
  region: string;
}

/** An ACM management event, reduced to what provenance and the trail rules use. */
export interface AcmEvent extends ProvenanceEvent {
  id: string;
  /** The account the call was made in (CloudTrail's recipientAccountId). */
  accountId: string | null;
  certificateArn: string | null;
  /** RequestCertificate: the names asked for. */
  names: string[];
  /** The registrable domains of `names` (Public Suffix List), as the reader worked them out. */
  domains: string[];
  /** RequestCertificate / ImportCertificate / AddTagsToCertificate: the tags given. */
  tags: Record<string, string>;
  /** The call failed (CloudTrail records refused calls too): it changed nothing. */
  failed: boolean;
}

/** What LookupEvents returns for one event (the SDK's Event, the parts read here). */
export interface TrailEventRecord {
  EventId?: string;
  EventName?: string;
  EventTime?: Date | string;
  Username?: string;
  CloudTrailEvent?: string;
  Resources?: Array<{ ResourceType?: string; ResourceName?: string }>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function tagsFrom(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const t of list) {
    const key = str(obj(t).key) ?? str(obj(t).Key);
    if (key) out[key] = String(obj(t).value ?? obj(t).Value ?? '');
  }
  return out;
}

/**
 * One CloudTrail record as an ACM event, or null when it is not one of PROVENANCE_EVENTS or cannot be
 * read. `registrable` gives a name's registrable domain (the reader passes the Public Suffix List's).
 */
export function acmEventOf(record: TrailEventRecord, region: string, registrable: (name: string) => string | null = () => null): AcmEvent | null {
  const name = record.EventName as ProvenanceEventName | undefined;
  if (!name || !(PROVENANCE_EVENTS as readonly string[]).includes(name)) return null;
  let detail: Json = {};
  try {
    detail = obj(JSON.parse(record.CloudTrailEvent ?? '{}'));
  } catch {
    // A record whose JSON is damaged still says what happened and when.
  }
  const request = obj(detail.requestParameters);
  const response = obj(detail.responseElements);
  const identity = obj(detail.userIdentity);
  const at = record.EventTime instanceof Date ? record.EventTime.toISOString() : str(record.EventTime) ?? str(detail.eventTime);
  if (!at || Number.isNaN(Date.parse(at))) return null;
  const resourceArn = record.Resources?.find((r) => str(r.ResourceName)?.startsWith('arn:'))?.ResourceName ?? null;
  const names = [str(request.domainName), ...(Array.isArray(request.subjectAlternativeNames) ? request.subjectAlternativeNames.map(str) : [])].filter(
    (n): n is string => n !== null,
  );
  const lower = [...new Set(names.map((n) => n.toLowerCase()))];
  return {
    id: record.EventId ?? `${name}@${at}`,
    event: name,
    by: str(identity.arn) ?? str(obj(obj(identity.sessionContext).sessionIssuer).arn) ?? (record.Username ? record.Username : null),
    at: new Date(at).toISOString(),
    region: str(detail.awsRegion) ?? region,
    accountId: str(detail.recipientAccountId),
    certificateArn: str(response.certificateArn) ?? str(request.certificateArn) ?? resourceArn,
    names: lower,
    domains: [...new Set(lower.map((n) => registrable(n.replace(/^\*\./, '')) ?? n))],
    tags: tagsFrom(request.tags),
    failed: str(detail.errorCode) !== null,
  };
}

/** The provenance of each certificate: its events, oldest first (failed calls left out). */
export function provenanceByCertificate(events: readonly AcmEvent[]): Map<string, ProvenanceEvent[]> {
  const out = new Map<string, ProvenanceEvent[]>();
  const sorted = [...events].filter((e) => !e.failed && e.certificateArn).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of sorted) {
    let list = out.get(e.certificateArn!);
    if (!list) out.set(e.certificateArn!, (list = []));
    list.push({ event: e.event, by: e.by, at: e.at, region: e.region });
  }
  return out;
}

/** `role/ci-deploy` for an assumed role's session ARN, `user/alice` for a user; the ARN's resource part otherwise. */
export function principalName(arn: string | null): string {
  if (!arn) return 'an unknown principal';
  const resource = arn.split(':').slice(5).join(':');
  const assumed = /^assumed-role\/([^/]+)/.exec(resource);
  if (assumed) return `role/${assumed[1]}`;
  return resource || arn;
}

const VERBS: Record<ProvenanceEventName, string> = {
  RequestCertificate: 'requested',
  ImportCertificate: 'imported',
  ExportCertificate: 'exported',
  RenewCertificate: 'renewed',
  RevokeCertificate: 'revoked',
  DeleteCertificate: 'deleted',
  AddTagsToCertificate: 'tagged',
};

/** "requested by role/ci-deploy on 2026-10-01": one line of a certificate's provenance. */
export function provenanceSentence(e: ProvenanceEvent): string {
  return `${VERBS[e.event]} by ${principalName(e.by)} on ${e.at.slice(0, 10)}`;
}

/** Requests per 30 days over the window the events cover (90 days of LookupEvents), for the volume estimate. */
export function requestsPerMonth(events: readonly AcmEvent[], windowDays = 90): number {
  const requests = events.filter((e) => e.event === 'RequestCertificate' && !e.failed).length;
  return Math.round((requests / windowDays) * 30 * 10) / 10;
}
