import { ConfigServiceClient, paginateSelectAggregateResourceConfig } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Certificate } from '../domain/certificate.js';
import { DEADLINE_CODE, deadlinePassed } from '../domain/deadline.js';
import type { AccountIdentity, AccountState, Inventory, InventoryEvent, RegionState } from '../domain/inventory.js';
import type { AwsClients } from './clients.js';
import { aggregatorQuery, fromConfigurationItem, MALFORMED_ITEM_CODE, MISSING_FROM_CONFIG } from './config-item.js';
import { PageGuard, RunawayPaginationError } from './page-guard.js';
import { detailFailuresOf } from '../domain/completeness.js';
import { EstateError } from './estate-error.js';
import { isAbort } from './errors.js';
import { isActive, listOrganizationAccounts } from './organizations.js';
import { abortError } from './pacer.js';
import type { RegionSelection } from './regions.js';

/**
 * The inventory from an AWS Config aggregator: one paginated query in the aggregator's
 * account and region, however many accounts and regions it covers. It is Config's
 * recording, not a live read: each item carries its capture time, and the inventory says
 * how old the oldest is.
 */

export interface AggregatorRequest {
  clients: AwsClients;
  aggregator: string;
  /** The aggregator's home region (where the query runs). */
  homeRegion: string;
  /** Only these accounts; null for every account the aggregator covers. */
  accounts: string[] | null;
  regions: RegionSelection;
  /** Read account names from Organizations (--org). */
  names: boolean;
  now?: () => Date;
}

export async function loadFromAggregator(req: AggregatorRequest, onEvent: (e: InventoryEvent) => void = () => {}, signal?: AbortSignal): Promise<Inventory> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    onEvent({ kind: 'warning', message });
  };
  const [caller, names] = await Promise.all([identity(req, signal), accountNames(req, warn, signal)]);
  onEvent({ kind: 'identity', account: caller });

  const regionFilter = req.regions.kind === 'list' ? req.regions.regions : null;
  // By ARN: an item Config answers twice (or on two pages) is one certificate, the later capture kept.
  const byArn = new Map<string, { certificate: Certificate; capturedAt: string | null }>();
  const unreadable = new Map<string, number>();
  let oldest: string | null = null;
  let newest: string | null = null;
  let stopped: Inventory['stopped'];
  const guard = new PageGuard('SelectAggregateResourceConfig', `the aggregator '${req.aggregator}'`, 'stopped the query');
  try {
    const pages = paginateSelectAggregateResourceConfig(
      { client: req.clients.config(req.homeRegion, ConfigServiceClient), pageSize: 100 },
      { ConfigurationAggregatorName: req.aggregator, Expression: aggregatorQuery(req.accounts, regionFilter) },
      { abortSignal: signal },
    );
    for await (const page of pages) {
      if (signal?.aborted) throw abortError();
      const batch: Certificate[] = [];
      for (const result of page.Results ?? []) {
        const item = fromConfigurationItem(result);
        if ('unreadable' in item) {
          unreadable.set(item.unreadable, (unreadable.get(item.unreadable) ?? 0) + 1);
          continue;
        }
        const cert = { ...item.certificate, accountName: item.certificate.accountId ? (names?.get(item.certificate.accountId) ?? null) : null };
        const seen = byArn.get(cert.arn);
        if (seen && (seen.capturedAt ?? '') >= (item.capturedAt ?? '')) continue;
        byArn.set(cert.arn, { certificate: cert, capturedAt: item.capturedAt });
        batch.push(cert);
        if (item.capturedAt && (!oldest || item.capturedAt < oldest)) oldest = item.capturedAt;
        if (item.capturedAt && (!newest || item.capturedAt > newest)) newest = item.capturedAt;
      }
      // Grouped per region so progress reads like the live path's.
      for (const [region, certs] of groupBy(batch, (c) => c.region)) onEvent({ kind: 'summaries', region, certificates: certs });
      // Checked before the paginator asks again: a token that repeats ends here, not after thousands of calls.
      guard.check(page.NextToken);
    }
  } catch (error) {
    const n = byArn.size;
    if (deadlinePassed(signal)) {
      // What the query returned so far stands; the run says the recording was not read to its end.
      stopped = { code: DEADLINE_CODE, message: `${signal.reason.message} while querying the AWS Config aggregator '${req.aggregator}': ${n} certificate${n === 1 ? '' : 's'} read, more may exist` };
    } else if (isAbort(error, signal)) {
      throw abortError();
    } else if (error instanceof RunawayPaginationError) {
      stopped = { code: error.name, message: `${error.message}: ${n} certificate${n === 1 ? '' : 's'} read, more may exist` };
    } else {
      const e = error as Error;
      throw new EstateError(
      `could not query the AWS Config aggregator '${req.aggregator}' in ${req.homeRegion} (config:SelectAggregateResourceConfig: ${e.name && e.name !== 'Error' ? e.name : e.message}); check its name and region (--regions does not move it: set AWS_REGION or the profile's region)`,
      );
    }
  }
  const certificates = [...byArn.values()].map((v) => v.certificate);
  if (unreadable.size > 0) {
    const count = [...unreadable.values()].reduce((a, b) => a + b, 0);
    const message = `${count} result${count === 1 ? '' : 's'} of the AWS Config aggregator '${req.aggregator}' could not be read (${[...unreadable.keys()].join('; ')}): ${count === 1 ? 'that certificate is' : 'those certificates are'} missing from this inventory`;
    // A result that names no certificate cannot be put on a region: the run itself is partial.
    stopped ??= { code: MALFORMED_ITEM_CODE, message };
    if (stopped.message !== message) warn(message);
  }

  const accountIds = new Set(certificates.map((c) => c.accountId).filter((id): id is string => !!id));
  for (const id of req.accounts ?? []) accountIds.add(id);
  const accounts: AccountState[] = [...accountIds].sort().map((id) => {
    const mine = certificates.filter((c) => c.accountId === id);
    const regions = [...new Set(mine.map((c) => c.region))].sort();
    return {
      id,
      name: names?.get(id) ?? null,
      status: 'ok',
      regions: regions.map((region) => regionState(region, mine.filter((c) => c.region === region), id)),
    };
  });
  const regionNames = [...new Set(certificates.map((c) => c.region))].sort();
  const inventory: Inventory = {
    generatedAt: (req.now?.() ?? new Date()).toISOString(),
    account: caller,
    regions: accounts.flatMap((a) => a.regions),
    accounts,
    certificates,
    warnings,
    origin: {
      kind: 'config-aggregator',
      aggregator: req.aggregator,
      capturedAt: { oldest, newest },
      missingFields: MISSING_FROM_CONFIG.map(({ field, reason }) => ({ field, reason })),
    },
    ...(stopped ? { stopped } : {}),
  };
  if (regionNames.length === 0 && !stopped) warn(`the aggregator '${req.aggregator}' holds no ACM certificates${req.accounts ? ' for the accounts asked for' : ''}`);
  onEvent({ kind: 'done', inventory });
  return inventory;
}

/** A region's items, read item by item: one Config could not give in full makes it partial, as a failed DescribeCertificate would. */
function regionState(region: string, certs: readonly Certificate[], accountId: string): RegionState {
  const failed = detailFailuresOf(certs);
  return {
    region,
    accountId,
    status: failed.length > 0 ? 'partial' : 'ok',
    listed: certs.length,
    described: certs.length,
    ...(failed.length > 0 ? { detailsFailed: failed } : {}),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}

async function identity(req: AggregatorRequest, signal?: AbortSignal): Promise<AccountIdentity | null> {
  try {
    const out = await req.clients.sts(req.homeRegion).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return out.Account && out.Arn ? { id: out.Account, arn: out.Arn } : null;
  } catch (error) {
    if (isAbort(error, signal) && !deadlinePassed(signal)) throw error;
    return null;
  }
}

/** Names come from Organizations when asked (--org); the aggregator itself knows only ids. */
async function accountNames(req: AggregatorRequest, warn: (m: string) => void, signal?: AbortSignal): Promise<Map<string, string> | null> {
  if (!req.names) return null;
  try {
    const members = await listOrganizationAccounts(req.clients, req.homeRegion, signal);
    return new Map(members.filter(isActive).flatMap((m) => (m.name ? [[m.id, m.name] as [string, string]] : [])));
  } catch (error) {
    if (isAbort(error, signal) && !deadlinePassed(signal)) throw error;
    warn(`could not read account names (organizations:ListAccounts: ${(error as Error).name}); accounts are shown by id`);
    return null;
  }
}
