import { ConfigServiceClient, paginateSelectAggregateResourceConfig } from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Certificate } from '../domain/certificate.js';
import { DEADLINE_CODE, deadlinePassed } from '../domain/deadline.js';
import type { AccountIdentity, AccountState, Inventory, InventoryEvent, RegionState } from '../domain/inventory.js';
import type { AwsClients } from './clients.js';
import { aggregatorQuery, fromConfigurationItem, MISSING_FROM_CONFIG } from './config-item.js';
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
  const certificates: Certificate[] = [];
  let oldest: string | null = null;
  let newest: string | null = null;
  let stopped: Inventory['stopped'];
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
        if (!item) continue;
        const cert = { ...item.certificate, accountName: item.certificate.accountId ? (names?.get(item.certificate.accountId) ?? null) : null };
        batch.push(cert);
        if (item.capturedAt && (!oldest || item.capturedAt < oldest)) oldest = item.capturedAt;
        if (item.capturedAt && (!newest || item.capturedAt > newest)) newest = item.capturedAt;
      }
      certificates.push(...batch);
      // Grouped per region so progress reads like the live path's.
      for (const [region, certs] of groupBy(batch, (c) => c.region)) onEvent({ kind: 'summaries', region, certificates: certs });
    }
  } catch (error) {
    if (deadlinePassed(signal)) {
      // What the query returned so far stands; the run says the recording was not read to its end.
      const n = certificates.length;
      stopped = { code: DEADLINE_CODE, message: `${signal.reason.message} while querying the AWS Config aggregator '${req.aggregator}': ${n} certificate${n === 1 ? '' : 's'} read, more may exist` };
    } else if (isAbort(error, signal)) {
      throw abortError();
    } else {
      const e = error as Error;
      throw new EstateError(
      `could not query the AWS Config aggregator '${req.aggregator}' in ${req.homeRegion} (config:SelectAggregateResourceConfig: ${e.name && e.name !== 'Error' ? e.name : e.message}); check its name and region (--regions does not move it: set AWS_REGION or the profile's region)`,
      );
    }
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
      regions: regions.map((region) => regionState(region, mine.filter((c) => c.region === region).length, id)),
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

function regionState(region: string, count: number, accountId: string): RegionState {
  return { region, accountId, status: 'ok', listed: count, described: count };
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
