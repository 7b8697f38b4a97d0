import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { setMaxListeners } from 'node:events';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import {
  accountLabel,
  type AccountIdentity,
  type Inventory,
  type InventoryEvent,
  type RegionError,
  type RegionState,
} from '../domain/inventory.js';
import { foldEvents, inventoryOfFold } from '../domain/inventory-fold.js';
import type { Certificate } from '../domain/certificate.js';
import { DEADLINE_CODE, deadlinePassed } from '../domain/deadline.js';
import { memberCredentials, partitionOf, roleArn, sessionName } from './assume-role.js';
import type { AwsClients } from './clients.js';
import { EstateError } from './estate-error.js';
import { cancelled, isAbort, untilAborted } from './errors.js';
import { cutByDeadline, loadInventory, stoppedNote, type InventoryRequest, type Pacing } from './inventory.js';
import { isActive, listOrganizationAccounts, NO_ACTIVE_ACCOUNT, NoActiveAccountError, noActiveAccount, type OrgMember } from './organizations.js';
import { abortError } from './pacer.js';
import type { RegionSelection } from './regions.js';

/**
 * The estate: several accounts read as one inventory. Each account runs the ordinary
 * per-account inventory with its own clients — the caller's own account with the caller's
 * credentials, every other account through the member role — so ACM's per-account,
 * per-region quotas pace each account-region on its own while accounts run side by side.
 * An account that cannot be read is data, like a failed region: it is reported with its
 * reason and every other account is still read in full.
 */

/** Which accounts to read. */
export interface EstateScope {
  /** Every ACTIVE account of the organisation (Organizations ListAccounts). */
  org: boolean;
  /** Only these account ids (with or without `org`). */
  accounts: string[] | null;
  roleName: string;
  externalId?: string;
}

export interface EstateRequest {
  scope: EstateScope;
  /** The caller's credentials and clients; every account's clients share their settings, in-flight bound and connections. */
  credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  clients: AwsClients;
  endpoint?: string;
  profile?: string;
  regions: RegionSelection;
  homeRegion: string;
  pacing?: Partial<Pacing>;
  now?: () => Date;
  /** Passed to every account's inventory: one scheduler routes the user's attention to every account-region. */
  search?: InventoryRequest['search'];
  urgent?: InventoryRequest['urgent'];
  /** The local cache, per account and region (see InventoryRequest). */
  prior?: InventoryRequest['prior'];
  scheduler?: InventoryRequest['scheduler'];
  /** The read stages each account runs (the registered ones when omitted). */
  stages?: InventoryRequest['stages'];
}

interface Target {
  id: string;
  name: string | null;
  /** Set when the account is known not to be readable before trying (suspended, not a member). */
  skip?: RegionError;
}

export async function loadEstate(req: EstateRequest, report: (e: InventoryEvent) => void = () => {}, signal?: AbortSignal): Promise<Inventory> {
  // Every account's requests and pacers listen for the abort: hundreds at once is the design, not a leak.
  if (signal) setMaxListeners(0, signal);
  // The result is the fold of the events the estate sends (domain/inventory-fold.ts), as every listener's is.
  const events: InventoryEvent[] = [];
  const onEvent = (e: InventoryEvent) => {
    events.push(e);
    report(e);
  };
  const warn = (message: string) => onEvent({ kind: 'warning', message });

  const caller = await callerIdentity(req, warn, signal);
  onEvent({ kind: 'identity', account: caller });
  let targets: Target[];
  let unlisted: Inventory['stopped'];
  try {
    targets = await chooseTargets(req, caller, signal);
  } catch (error) {
    targets = [];
    if (error instanceof NoActiveAccountError) {
      // Listed, but nothing to read: said, and a partial result (exit 3), never an empty success.
      unlisted = { code: NO_ACTIVE_ACCOUNT, message: error.message };
    } else {
      if (!deadlinePassed(signal)) throw error;
      // Which accounts exist is unknown: none is read, and the run says why.
      unlisted = { code: DEADLINE_CODE, message: `${signal.reason.message} before organizations:ListAccounts answered: no account was read` };
    }
  }
  if (cancelled(signal)) throw abortError();
  onEvent({ kind: 'accounts', accounts: targets.map(({ id, name }) => ({ id, name })) });

  const session = sessionName();
  await Promise.all(targets.map((t) => readAccount(req, t, caller, session, onEvent, warn, signal)));
  if (cancelled(signal)) throw abortError();

  const folded = inventoryOfFold(foldEvents(events), (req.now?.() ?? new Date()).toISOString());
  const accounts = folded.accounts ?? [];
  const cut = accounts.filter((a) => a.error?.code === DEADLINE_CODE || a.regions.some(cutByDeadline)).length;
  const inventory: Inventory = {
    ...folded,
    accounts,
    ...(unlisted ? { stopped: unlisted } : stoppedNote(signal, cut, accounts.length, 'account')),
  };
  report({ kind: 'done', inventory });
  return inventory;
}

async function callerIdentity(req: EstateRequest, warn: (m: string) => void, signal?: AbortSignal): Promise<AccountIdentity | null> {
  try {
    const out = await req.clients.sts(req.homeRegion).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (out.Account && out.Arn) return { id: out.Account, arn: out.Arn };
  } catch (error) {
    if (isAbort(error, signal) && !deadlinePassed(signal)) throw error;
  }
  // Without it the caller's own account cannot be told apart, so it too is read through the role.
  warn('could not read the caller identity (sts:GetCallerIdentity); every account, the caller’s own included, is read through the role');
  return null;
}

async function chooseTargets(req: EstateRequest, caller: AccountIdentity | null, signal?: AbortSignal): Promise<Target[]> {
  const wanted = req.scope.accounts;
  if (!req.scope.org) return (wanted ?? []).map((id) => ({ id, name: null }));

  let members: OrgMember[];
  try {
    members = await listOrganizationAccounts(req.clients, req.homeRegion, signal);
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    const e = error as Error;
    throw new EstateError(
      `could not list the organisation's accounts (organizations:ListAccounts: ${e.name && e.name !== 'Error' ? e.name : e.message}); run from the management account or a delegated administrator, or name the accounts with --accounts`,
    );
  }
  const none = wanted ? null : noActiveAccount(members);
  if (none) throw new NoActiveAccountError(none);
  if (!wanted) return members.filter(isActive).map(({ id, name }) => ({ id, name }));
  const byId = new Map(members.map((m) => [m.id, m]));
  return wanted.map((id) => {
    const m = byId.get(id);
    if (!m) return { id, name: null, skip: { code: 'NotInOrganization', message: `account ${id} is not in the organisation${caller ? ` of ${caller.id}` : ''}` } };
    if (!isActive(m)) return { id, name: m.name, skip: { code: 'AccountNotActive', message: `account ${accountLabel(m)} is ${m.state}, not ACTIVE` } };
    return { id, name: m.name };
  });
}

/**
 * One account of the estate, reported through events only (account-started, its regions' and records'
 * events stamped with the account, account-done or account-failed): the estate's inventory is their fold.
 */
async function readAccount(
  req: EstateRequest,
  target: Target,
  caller: AccountIdentity | null,
  session: string,
  onEvent: (e: InventoryEvent) => void,
  warn: (m: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const label = accountLabel(target);
  const fail = (error: RegionError): void => {
    onEvent({ kind: 'account-failed', accountId: target.id, error });
    onEvent({ kind: 'account-done', accountId: target.id, status: 'error', error });
  };
  if (target.skip) return fail(target.skip);
  onEvent({ kind: 'account-started', accountId: target.id });

  const own = caller?.id === target.id;
  let clients = req.clients;
  let identity: AccountIdentity;
  if (own) {
    identity = caller!;
  } else {
    const role = { accountId: target.id, roleName: req.scope.roleName, partition: partitionOf(caller?.arn) };
    const credentials = memberCredentials({
      ...role,
      externalId: req.scope.externalId,
      sessionName: session,
      parent: req.credentials,
      region: req.homeRegion,
      endpoint: req.endpoint,
      timeoutMs: req.clients.timeoutMs,
    });
    try {
      // Assumed up front so a refused role is one clear account error, not one per region. The SDK
      // cannot abort a credential fetch, so the run's end is not left waiting on it.
      await untilAborted(credentials(), signal);
    } catch (error) {
      if (deadlinePassed(signal)) {
        return fail({ code: DEADLINE_CODE, message: `${signal.reason.message} before the member role was assumed: nothing in the account was read` });
      }
      if (isAbort(error, signal)) throw abortError();
      return fail(roleError(error, { roleName: req.scope.roleName, arn: roleArn(role) }, label, caller));
    }
    identity = { id: target.id, arn: `arn:${role.partition}:sts::${target.id}:assumed-role/${req.scope.roleName}/${session}` };
    clients = req.clients.withCredentials(credentials, target.id);
  }

  const stamp = (certs: Certificate[]) => certs.map((c) => ({ ...c, accountId: c.accountId ?? target.id, accountName: target.name }));
  const forward = (e: InventoryEvent) => {
    switch (e.kind) {
      case 'identity':
      case 'done':
        return;
      case 'warning':
        return warn(`${label}: ${e.message}`);
      case 'summaries':
      case 'details':
        return onEvent({ ...e, accountId: target.id, certificates: stamp(e.certificates) });
      case 'stage':
        return onEvent({ ...e, accountId: target.id, read: { ...e.read, accountId: target.id } });
      case 'regions':
      case 'region-started':
      case 'region-failed':
      case 'region-done':
        return onEvent({ ...e, accountId: target.id });
      default:
        return onEvent(e);
    }
  };

  try {
    const inv = await loadInventory(
      {
        clients,
        regions: req.regions,
        homeRegion: req.homeRegion,
        pacing: req.pacing,
        now: req.now,
        account: identity,
        search: req.search,
        urgent: req.urgent,
        scheduler: req.scheduler,
        prior: req.prior,
        stages: req.stages,
      },
      forward,
      signal,
    );
    const problem = accountProblem(inv.regions, inv.certificates);
    onEvent({ kind: 'account-done', accountId: target.id, status: problem ? 'error' : 'ok', ...(problem ? { error: problem } : {}) });
  } finally {
    if (clients !== req.clients) clients.destroy();
  }
}

function roleError(error: unknown, role: { roleName: string; arn: string }, label: string, caller: AccountIdentity | null): RegionError {
  const e = error as Error;
  const code = e?.name && e.name !== 'Error' ? e.name : 'AssumeRoleFailed';
  if (/AccessDenied/.test(code)) {
    return {
      code,
      message: `could not assume role ${role.roleName} in ${label}: the role is missing or its trust policy does not allow ${caller?.arn ?? 'the caller'}; check --role-name (and --external-id if the role needs one)`,
    };
  }
  return { code, message: `could not assume ${role.arn} in ${label}: ${(e?.message ?? String(error)).split('\n')[0].slice(0, 240)}` };
}

/**
 * What makes a readable account still incomplete: a failed region, or a call its role
 * denies (DescribeCertificate refused leaves summaries only). Either is named.
 */
function accountProblem(regions: readonly RegionState[], certificates: readonly Certificate[]): RegionError | undefined {
  const failed = regions.filter((r) => r.status === 'error');
  if (failed.length > 0) {
    const first = failed[0].error!;
    return {
      code: first.code,
      message: failed.length === 1 ? first.message : `${failed.length} regions failed (${failed.map((r) => r.region).join(', ')}): ${first.message}`,
    };
  }
  const denied = certificates.filter((c) => c.detail.state === 'failed' && /AccessDenied|Unauthorized/i.test(c.detail.reason));
  if (denied.length > 0) {
    return {
      code: 'AccessDeniedException',
      message: `the role denies acm:DescribeCertificate: ${denied.length} of ${certificates.length} certificate(s) have their summary only`,
    };
  }
  return undefined;
}
