import {
  CertificateKeyPairOrigin,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListTagsForCertificateCommand,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Certificate } from '../domain/certificate.js';
import type { AccountIdentity, Inventory, InventoryEvent, RegionState } from '../domain/inventory.js';
import type { AwsClients } from './clients.js';
import { isAbort, isAccessDenied, regionErrorOf } from './errors.js';
import { DETAIL_ONLY_FIELDS, fromSummary, tagsToRecord, withDetail } from './normalise.js';
import { abortError, Pacer } from './pacer.js';
import { DEFAULT_ENABLED_REGIONS, type RegionSelection } from './regions.js';

/** Requests per second per region, each below ACM's published quota (acm-facts §3). */
export interface Pacing {
  listCertificates: number; // quota 8
  describeCertificate: number; // quota 10
  listTagsForCertificate: number; // quota 10
  concurrency: number;
}

export const DEFAULT_PACING: Pacing = { listCertificates: 6, describeCertificate: 8, listTagsForCertificate: 8, concurrency: 8 };

export interface InventoryRequest {
  clients: AwsClients;
  regions: RegionSelection;
  /** Region for STS and EC2 DescribeRegions. */
  homeRegion: string;
  pacing?: Partial<Pacing>;
  now?: () => Date;
}

// The API hides ECDSA, RSA_3072/4096 and ACME-issued certificates unless asked for them
// explicitly; several peer tools shipped that gap. Taken from the SDK so new values follow it.
const ALL_KEY_TYPES = Object.values(KeyAlgorithm);
const ALL_ORIGINS = Object.values(CertificateKeyPairOrigin);

/** How often, at most, a region emits a batch of described certificates. */
const DETAIL_BATCH_MS = 150;

/** `AccessDenied`, or the first line of a nameless error's message (network failures). */
function describeError(error: unknown): string {
  const e = error as Error;
  return e?.name && e.name !== 'Error' ? e.name : (e?.message ?? String(error)).split('\n')[0].slice(0, 160);
}

export async function loadInventory(
  req: InventoryRequest,
  onEvent: (e: InventoryEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<Inventory> {
  const pacing = { ...DEFAULT_PACING, ...req.pacing };
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    onEvent({ kind: 'warning', message });
  };

  const [account, regions] = await Promise.all([
    identity(req, signal).then((r) => {
      if (r.warning) warn(r.warning);
      // The warning travels as its own 'warning' event (warn above), not twice.
      onEvent({ kind: 'identity', account: r.account });
      return r.account;
    }),
    regionList(req, warn, signal),
  ]);
  if (signal?.aborted) throw abortError();
  onEvent({ kind: 'regions', regions });

  const states: RegionState[] = regions.map((region) => ({ region, status: 'pending', listed: 0, described: 0 }));
  const perRegion = await Promise.all(
    states.map((state) => loadRegion(req, state, pacing, onEvent, warn, signal)),
  );
  if (signal?.aborted) throw abortError();

  const inventory: Inventory = {
    generatedAt: (req.now?.() ?? new Date()).toISOString(),
    account,
    regions: states,
    certificates: perRegion.flat(),
    warnings,
  };
  onEvent({ kind: 'done', inventory });
  return inventory;
}

async function identity(
  req: InventoryRequest,
  signal?: AbortSignal,
): Promise<{ account: AccountIdentity | null; warning?: string }> {
  try {
    const out = await req.clients.sts(req.homeRegion).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (out.Account && out.Arn) return { account: { id: out.Account, arn: out.Arn } };
    return { account: null, warning: 'STS GetCallerIdentity returned no account; the account id is unknown' };
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return { account: null, warning: `could not read the account identity (sts:GetCallerIdentity: ${describeError(error)}); continuing without it` };
  }
}

async function regionList(req: InventoryRequest, warn: (m: string) => void, signal?: AbortSignal): Promise<string[]> {
  if (req.regions.kind === 'list') return req.regions.regions;
  try {
    const out = await req.clients.ec2(req.homeRegion).send(new DescribeRegionsCommand({}), { abortSignal: signal });
    const names = (out.Regions ?? []).map((r) => r.RegionName).filter((n): n is string => !!n).sort();
    if (names.length > 0) return names;
    warn('EC2 DescribeRegions returned no regions; reading the default commercial regions');
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    warn(
      `could not list the account's enabled regions (ec2:DescribeRegions: ${describeError(error)}); reading the ${DEFAULT_ENABLED_REGIONS.length} regions every account has — pass --regions to choose`,
    );
  }
  return [...DEFAULT_ENABLED_REGIONS];
}

async function loadRegion(
  req: InventoryRequest,
  state: RegionState,
  pacing: Pacing,
  onEvent: (e: InventoryEvent) => void,
  warn: (m: string) => void,
  signal?: AbortSignal,
): Promise<Certificate[]> {
  const { region } = state;
  const acm = req.clients.acm(region);
  state.status = 'loading';
  onEvent({ kind: 'region-started', region });

  const byArn = new Map<string, Certificate>();
  try {
    const listPacer = new Pacer(pacing.listCertificates, 1, signal);
    const pages = paginateListCertificates(
      { client: acm, pageSize: 1000 },
      { Includes: { keyTypes: ALL_KEY_TYPES }, CertificateKeyPairOrigins: ALL_ORIGINS },
    );
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      const page = await listPacer.run(() => iterator.next());
      if (page.done) break;
      if (signal?.aborted) throw abortError();
      const certs = (page.value.CertificateSummaryList ?? [])
        .filter((s) => s.CertificateArn && !byArn.has(s.CertificateArn))
        .map((s) => fromSummary(s, region));
      for (const c of certs) byArn.set(c.arn, c);
      state.listed = byArn.size;
      onEvent({ kind: 'summaries', region, certificates: certs });
    }
  } catch (error) {
    if (isAbort(error, signal)) throw abortError();
    state.status = 'error';
    state.error = regionErrorOf(error, region);
    onEvent({ kind: 'region-failed', region, error: state.error });
    return [...byArn.values()];
  }

  // Details and tags run side by side; each updates the record and both are batched.
  const pending = new Map<string, Certificate>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending.clear();
    onEvent({ kind: 'details', region, certificates: batch });
  };
  const update = (cert: Certificate) => {
    byArn.set(cert.arn, cert);
    pending.set(cert.arn, cert);
    if (!flushTimer) flushTimer = setTimeout(flush, DETAIL_BATCH_MS);
  };

  try {
    await Promise.all([describeAll(req, region, byArn, pacing, update, state, signal), tagAll(req, region, byArn, pacing, update, warn, signal)]);
  } finally {
    flush();
  }
  if (signal?.aborted) throw abortError();
  state.status = 'ok';
  onEvent({ kind: 'region-done', region });
  return [...byArn.values()];
}

async function describeAll(
  req: InventoryRequest,
  region: string,
  byArn: Map<string, Certificate>,
  pacing: Pacing,
  update: (c: Certificate) => void,
  state: RegionState,
  signal?: AbortSignal,
): Promise<void> {
  const acm = req.clients.acm(region);
  const pacer = new Pacer(pacing.describeCertificate, pacing.concurrency, signal);
  await Promise.all(
    [...byArn.keys()].map((arn) =>
      pacer
        .run(() => acm.send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }))
        .then(
          (out) => {
            const current = byArn.get(arn)!;
            update(out.Certificate ? withDetail(current, out.Certificate) : current);
          },
          (error) => {
            if (isAbort(error, signal)) return;
            const current = byArn.get(arn)!;
            const reason =
              (error as Error).name === 'ResourceNotFoundException'
                ? 'the certificate was deleted while it was being read'
                : `DescribeCertificate failed after retries: ${(error as Error).name}`;
            update({ ...current, detail: { state: 'failed', missingFields: [...DETAIL_ONLY_FIELDS], reason } });
          },
        )
        .finally(() => {
          state.described++;
        }),
    ),
  );
}

async function tagAll(
  req: InventoryRequest,
  region: string,
  byArn: Map<string, Certificate>,
  pacing: Pacing,
  update: (c: Certificate) => void,
  warn: (m: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (byArn.size === 0) return;
  // One paginated Tagging API call usually replaces one ListTagsForCertificate per certificate.
  try {
    const pages = paginateGetResources(
      { client: req.clients.tagging(region), pageSize: 100 },
      { ResourceTypeFilters: ['acm:certificate'] },
    );
    const found = new Map<string, Record<string, string>>();
    for await (const page of pages) {
      if (signal?.aborted) throw abortError();
      for (const m of page.ResourceTagMappingList ?? []) {
        if (m.ResourceARN) found.set(m.ResourceARN, tagsToRecord(m.Tags));
      }
    }
    // GetResources omits untagged resources: those simply have no tags.
    for (const [arn, tags] of found) {
      const current = byArn.get(arn);
      if (current) update({ ...current, tags });
    }
    return;
  } catch (error) {
    if (isAbort(error, signal)) throw abortError();
    if (!isAccessDenied(error)) {
      warn(`${region}: the Tagging API failed (${(error as Error).name}); reading tags certificate by certificate`);
    }
  }

  const acm = req.clients.acm(region);
  const pacer = new Pacer(pacing.listTagsForCertificate, pacing.concurrency, signal);
  let failures = 0;
  await Promise.all(
    [...byArn.keys()].map((arn) =>
      pacer
        .run(() => acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }))
        .then(
          (out) => {
            const current = byArn.get(arn)!;
            update({ ...current, tags: tagsToRecord(out.Tags) });
          },
          (error) => {
            if (isAbort(error, signal)) return;
            failures++;
            const current = byArn.get(arn)!;
            if (current.detail.state !== 'failed') {
              update({ ...current, detail: { state: 'tags-failed', reason: `ListTagsForCertificate failed: ${(error as Error).name}` } });
            }
          },
        ),
    ),
  );
  if (failures > 0) warn(`${region}: tags could not be read for ${failures} certificate(s)`);
}
