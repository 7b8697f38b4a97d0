/**
 * The cache's files. Each is versioned; a file of another version or shape is never half-read but set
 * aside (see inventory-cache.ts). Certificates are stored as the one domain model, metadata and tags
 * only: the cache never holds credentials, private keys or certificate bodies.
 */
import type { Endpoint, ServedElsewhere } from '../domain/serving.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CERTIFICATE_FIELDS, type Certificate, type FieldKind, type FieldKinds } from '../domain/certificate.js';
import { FAILURE_REASONS } from '../domain/inventory.js';

/**
 * Bump on any incompatible change to a region file — its layout or the Certificate model it holds
 * (a file whose hash matches is read without checking each record); older files are then set aside and
 * re-read. 3: a header line with the body's SHA-256, then the certificates.
 */
export const CACHE_VERSION = 3;
/** sources.json has not changed since version 2: remembered accounts survive the region files' bump. */
export const SOURCES_VERSION = 2;
export const REGION_FORMAT = 'acm-advisor/region-inventory';
export const SOURCES_FORMAT = 'acm-advisor/sources';

const str = z.string();
const nstr = z.string().nullable();
const strings = z.array(z.string());

const domainValidation = z.object({
  domainName: str,
  validationMethod: nstr,
  validationStatus: nstr,
  validationDomain: nstr,
  validationEmails: strings,
  resourceRecord: z.object({ name: str, type: str, value: str }).nullable(),
  httpRedirect: z.object({ from: str, to: str }).nullable(),
});

const detail = z.discriminatedUnion('state', [
  z.object({ state: z.literal('summary') }),
  z.object({ state: z.literal('searched'), missingFields: strings }),
  z.object({ state: z.literal('complete'), cached: z.object({ describedAt: z.iso.datetime() }).optional() }),
  z.object({ state: z.literal('failed'), missingFields: strings, reason: str, failure: z.object({ reason: z.enum(FAILURE_REASONS), code: str }).optional() }),
]);

const tagsState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending') }),
  z.object({ state: z.literal('read') }),
  z.object({ state: z.literal('failed'), reason: str, failure: z.object({ reason: z.enum(FAILURE_REASONS), code: str }).optional() }),
]);

/** How the cache checks each kind of field the model declares (see CERTIFICATE_FIELDS). */
const KIND_SCHEMAS: { [K in FieldKind]: z.ZodType<FieldKinds[K]> } = {
  id: str,
  text: nstr,
  texts: strings,
  flag: z.boolean().nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
  tagsState,
  detail,
  domainValidations: z.array(domainValidation),
  // What a certificate serves is joined in each run from its own reads; a record saved without it reads as not known.
  names: strings.nullable().default(null),
  endpoints: z.array(z.custom<Endpoint>((v) => typeof v === 'object' && v !== null)).nullable().default(null),
  servedElsewhere: z.array(z.custom<ServedElsewhere>((v) => typeof v === 'object' && v !== null)).nullable().default(null),
};

/**
 * A certificate record, derived from the model's own field list. Loose: a field added to the model
 * later survives a round trip; the version guards incompatible changes.
 */
export const certificateSchema = z.looseObject(
  Object.fromEntries(Object.entries(CERTIFICATE_FIELDS).map(([field, kind]) => [field, KIND_SCHEMAS[kind]])),
) as unknown as z.ZodType<Certificate>;

export type RegionFile = { format: typeof REGION_FORMAT; version: typeof CACHE_VERSION; savedAt: string; accountId: string; region: string; certificates: Certificate[] };

/** A region file's first line: what it holds, and the SHA-256 of the rest (the certificates, as JSON). */
const regionHeaderSchema = z.object({
  format: z.literal(REGION_FORMAT),
  version: z.literal(CACHE_VERSION),
  savedAt: z.iso.datetime(),
  accountId: str,
  region: str,
  count: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const certificatesSchema = z.array(certificateSchema);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function encodeRegionFile(file: RegionFile): string {
  const { certificates, ...about } = file;
  const body = JSON.stringify(certificates);
  return `${JSON.stringify({ ...about, count: certificates.length, sha256: sha256(body) })}\n${body}`;
}

/**
 * Reads a region file. Checking 10,000 records field by field takes longer than the rest of a warm
 * start, so a body whose hash matches its header — byte for byte what this version wrote, atomically,
 * into a 0600 file — is taken as written. Any other body (edited, damaged) is checked record by record
 * and used only if every record fits the model. The hash guards against accidents, not an attacker: one
 * who can write the user's files needs no cache to mislead the tool.
 */
export function decodeRegionFile(text: string): { ok: RegionFile } | { unusable: string } {
  const newline = text.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(newline < 0 ? text : text.slice(0, newline));
  } catch {
    return { unusable: 'not valid JSON' };
  }
  const version = (header as { version?: unknown } | null)?.version;
  if (version !== CACHE_VERSION) return { unusable: `version ${JSON.stringify(version ?? null)}, expected ${CACHE_VERSION}` };
  const about = regionHeaderSchema.safeParse(header);
  if (!about.success || newline < 0) return { unusable: 'unexpected content' };
  const body = text.slice(newline + 1);
  let certificates: unknown;
  try {
    certificates = JSON.parse(body);
  } catch {
    return { unusable: 'not valid JSON' };
  }
  const { count, sha256: expected, ...rest } = about.data;
  if (sha256(body) === expected && Array.isArray(certificates) && certificates.length === count) {
    return { ok: { ...rest, certificates: certificates as Certificate[] } };
  }
  const checked = certificatesSchema.safeParse(certificates);
  if (!checked.success) return { unusable: 'unexpected content' };
  return { ok: { ...rest, certificates: checked.data } };
}

/**
 * Which account each source (profile and endpoint) last read: what a warm start shows before STS answers.
 * An estate's source (--org, --accounts) also names the accounts it read, with their names from AWS
 * Organizations (optional: a file without it still reads).
 */
export const sourcesFileSchema = z.object({
  format: z.literal(SOURCES_FORMAT),
  version: z.literal(SOURCES_VERSION),
  sources: z.record(
    z.string(),
    z.object({
      accountId: str,
      accountArn: nstr,
      savedAt: z.iso.datetime(),
      accounts: z.array(z.object({ id: str, name: nstr })).optional(),
    }),
  ),
});
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export const STAGE_FORMAT = 'acm-advisor/stage-read';
export const STAGE_VERSION = 1;

/**
 * A read stage's section of a cached region (`accounts/<account>/stages/<stage>/<region>.json`): its last
 * successful read. The envelope is checked here; the data against the stage's own schema when reused.
 */
export const stageFileSchema = z.object({
  format: z.literal(STAGE_FORMAT),
  version: z.literal(STAGE_VERSION),
  read: z.object({
    stage: str,
    region: str,
    status: z.literal('ok'),
    data: z.unknown(),
    readAt: z.iso.datetime(),
  }),
});

/** A stage id becomes a path segment too. */
export const STAGE_ID = /^[a-z][a-z0-9-]{0,40}$/;

/** Only these become path segments: an account id or region from the wire must never escape the folder. */
export const ACCOUNT_ID = /^\d{12}$/;
export const REGION_NAME = /^[a-z]{2}(?:-[a-z0-9]+){2,3}$/;
