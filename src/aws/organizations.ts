import { OrganizationsClient, paginateListAccounts, type Account } from '@aws-sdk/client-organizations';
import type { AwsClients } from './clients.js';
import { abortError } from './pacer.js';

/** An account of the organisation as acm-advisor needs it. */
export interface OrgMember {
  id: string;
  name: string | null;
  /** State when Organizations sends it (newer API), else Status: ACTIVE, SUSPENDED, … */
  state: string;
}

/**
 * Organizations is a global service answered in one region per partition (us-east-1 for
 * the commercial partition).
 */
export function organizationsRegion(home: string): string {
  if (home.startsWith('cn-')) return 'cn-northwest-1';
  if (home.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/** Every account of the organisation, 20 to a page (the API's maximum). */
export async function listOrganizationAccounts(clients: AwsClients, home: string, signal?: AbortSignal): Promise<OrgMember[]> {
  const client = clients.organizations(organizationsRegion(home), OrganizationsClient);
  const members: OrgMember[] = [];
  for await (const page of paginateListAccounts({ client, pageSize: 20 }, {}, { abortSignal: signal })) {
    // A part of the organisation is never taken for the whole of it.
    if (signal?.aborted) throw abortError();
    for (const a of page.Accounts ?? []) if (a.Id) members.push(memberOf(a));
  }
  return members;
}

export function memberOf(a: Account): OrgMember {
  // Organizations is retiring Status in favour of State; State wins when both are present.
  return { id: a.Id!, name: a.Name ?? null, state: String(a.State ?? a.Status ?? 'UNKNOWN') };
}

export function isActive(m: OrgMember): boolean {
  return m.state === 'ACTIVE';
}

/** The `stopped` code of an organisation with no account to read. */
export const NO_ACTIVE_ACCOUNT = 'NoActiveAccount';

/**
 * What ListAccounts found when no account of it can be read (none at all, or none ACTIVE), in
 * one sentence; null when some account is ACTIVE. Nothing is read then, and the run must say so
 * rather than end as if an empty organisation were a complete read.
 */
export function noActiveAccount(members: readonly OrgMember[]): string | null {
  if (members.some(isActive)) return null;
  if (members.length === 0) return 'organizations:ListAccounts answered no account at all: nothing was read';
  const byState = new Map<string, number>();
  for (const m of members) byState.set(m.state, (byState.get(m.state) ?? 0) + 1);
  const states = [...byState].map(([state, n]) => `${n} ${state}`).join(', ');
  const n = members.length;
  return `organizations:ListAccounts found ${n} account${n === 1 ? '' : 's'}, none ACTIVE (${states}): nothing was read`;
}

/** Thrown by the account listing when there is nothing to read (see noActiveAccount). */
export class NoActiveAccountError extends Error {
  override readonly name = NO_ACTIVE_ACCOUNT;
}
