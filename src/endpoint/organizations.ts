import { AwsError, decodeToken, encodeToken } from './errors.js';
import type { Caller, Directory } from './organization.js';

/**
 * AWS Organizations ListAccounts (AWS JSON 1.1, X-Amz-Target AWSOrganizationsV20161128.*).
 * Only the management account answers it here; the real service also lets a delegated
 * administrator call it, which looks the same on the wire. Pages hold at most 20 accounts.
 */

type Json = Record<string, unknown>;

interface PageToken extends Json {
  i: number;
}

export function handleOrganizations(operation: string, body: Json, directory: Directory, caller: Caller, pageSize: (n: number) => number): Json | null {
  if (operation !== 'ListAccounts') return null;
  const org = directory.organization;
  if (!org) throw new AwsError('AWSOrganizationsNotInUseException', 400, 'Your account is not a member of an organization.');
  if (caller.session || caller.store !== directory.home)
    throw new AwsError('AccessDeniedException', 400, "You don't have permissions to access this resource.");

  const max = body.MaxResults ?? 20;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 20)
    throw new AwsError('InvalidInputException', 400, 'You provided a value that does not match the required pattern: MaxResults must be between 1 and 20.');
  let start = 0;
  if (body.NextToken !== undefined && body.NextToken !== null) {
    const t = decodeToken<PageToken>(String(body.NextToken), (t) => Number.isInteger(t.i) && t.i >= 0);
    if (!t) throw new AwsError('InvalidInputException', 400, 'The NextToken value is not valid.');
    start = t.i;
  }
  const end = Math.min(org.accounts.length, start + pageSize(max));
  const managementId = directory.home.accountId;
  const accounts = org.accounts.slice(start, end).map((a, i) => {
    const status = a.status ?? 'ACTIVE';
    return {
      Id: a.account.accountId,
      Arn: `arn:aws:organizations::${managementId}:account/o-exampleorgid/${a.account.accountId}`,
      Email: a.email ?? `aws+${a.account.accountId}@example.com`,
      Name: a.name,
      Status: status,
      ...(org.statusOnly ? {} : { State: status }),
      JoinedMethod: a.account.accountId === managementId ? 'CREATED' : 'INVITED',
      JoinedTimestamp: 1_600_000_000 + (start + i) * 86_400,
    };
  });
  return { Accounts: accounts, ...(end < org.accounts.length ? { NextToken: encodeToken({ i: end }) } : {}) };
}
