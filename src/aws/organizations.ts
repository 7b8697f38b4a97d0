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
