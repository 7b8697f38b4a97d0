import { randomBytes } from 'node:crypto';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { sessionPolicy } from '../domain/read-permissions.js';
import { readPermissions } from '../stages/read-permissions.js';

/**
 * Credentials for a member account, through sts:AssumeRole from the caller's identity.
 *
 * Sessions ask for 900 s, the shortest STS grants: most runs end well inside it, and a
 * longer one is covered by refreshing before the session lapses (below), so no credential
 * outlives the run by more than a few minutes.
 */
export const SESSION_SECONDS = 900;

/** Refresh this long before expiry: a request signed now must still be valid when it lands. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export { DEFAULT_ROLE_NAME } from './assume-role-name.js';

/** `acm-advisor-` and a short random part: CloudTrail in each member shows who read it. */
export function sessionName(): string {
  return `acm-advisor-${randomBytes(4).toString('hex')}`;
}

export interface MemberRole {
  accountId: string;
  roleName: string;
  externalId?: string;
  sessionName: string;
  /** The caller's partition, from its ARN (aws, aws-cn, aws-us-gov). */
  partition: string;
  /** The caller's credentials: the role is assumed from them. */
  parent: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  /** Region and endpoint for STS. */
  region: string;
  endpoint?: string;
  /** Per request (--timeout), as every other client of the run: an AssumeRole that never answers must not hang it. */
  timeoutMs?: number;
}

export function roleArn(role: Pick<MemberRole, 'accountId' | 'roleName' | 'partition'>): string {
  return `arn:${role.partition}:iam::${role.accountId}:role/${role.roleName}`;
}

export function partitionOf(callerArn: string | undefined | null): string {
  const p = callerArn?.split(':')[1];
  return p && /^aws[a-z-]*$/.test(p) ? p : 'aws';
}

/**
 * One provider per member account, shared by every client reading it, so each account
 * costs one AssumeRole per session lifetime however many regions and services it reads.
 */
export function memberCredentials(role: MemberRole): AwsCredentialIdentityProvider {
  const assume = fromTemporaryCredentials({
    masterCredentials: role.parent,
    params: {
      RoleArn: roleArn(role),
      RoleSessionName: role.sessionName,
      DurationSeconds: SESSION_SECONDS,
      // The session can do only what both the role and this allow: reads, whatever the role grants.
      Policy: sessionPolicy(readPermissions()),
      ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    },
    clientConfig: {
      region: role.region,
      maxAttempts: 3,
      ...(role.endpoint ? { endpoint: role.endpoint } : {}),
      ...(role.timeoutMs ? { requestHandler: { connectionTimeout: Math.min(role.timeoutMs, 10_000), requestTimeout: role.timeoutMs, throwOnRequestTimeout: true } } : {}),
    },
  });
  return memoise(() => assume());
}

/** Keeps one set of credentials until shortly before it expires; concurrent callers share one request. */
export function memoise(provider: () => Promise<AwsCredentialIdentity>, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | null = null;
  let expiresAt = Infinity;
  return () => {
    if (current && now() < expiresAt - REFRESH_BEFORE_MS) return current;
    const next = provider().then((c) => {
      expiresAt = c.expiration ? c.expiration.getTime() : Infinity;
      return c;
    });
    current = next;
    // A failure is not kept: the next request asks again.
    next.catch(() => {
      if (current === next) current = null;
    });
    expiresAt = Infinity;
    return next;
  };
}
