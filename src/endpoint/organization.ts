import { randomBytes } from 'node:crypto';
import { AwsError } from './errors.js';
import { parseSessionPolicy, type SessionPolicy } from './session-policy.js';
import { AccountStore } from './store.js';
import type { AccountData, OrganizationData, OrgAccount } from './types.js';

/**
 * The accounts the endpoint serves and who is calling. Every request's account comes from
 * its access key, as with AWS: the key the endpoint was started for (any key it has not
 * issued) belongs to the caller's account; keys issued by AssumeRole belong to the account
 * whose role was assumed, and carry that role's denials.
 */

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';

/** What AssumeRole hands out and later requests present. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  expiration: Date;
  deniedOperations: readonly string[];
  /** The inline session policy AssumeRole was given: the session may do only what it allows. Null: none given. */
  sessionPolicy: SessionPolicy | null;
}

/** Who made a request: the account whose data answers it, and the role session, if any. */
export interface Caller {
  store: AccountStore;
  /** The assumed-role session, or null for the caller's own credentials. */
  session: Session | null;
}

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  /** The inline session policy (AssumeRole `Policy`), as sent. */
  policy?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export class Directory {
  readonly home: AccountStore;
  readonly organization: OrganizationData | null;
  private readonly stores = new Map<string, AccountStore>();
  private readonly members = new Map<string, OrgAccount>();
  private readonly sessions = new Map<string, Session>();

  constructor(account: AccountData, organization: OrganizationData | undefined, private readonly now: () => Date = () => new Date()) {
    this.home = new AccountStore(account);
    this.stores.set(account.accountId, this.home);
    this.organization = organization ?? null;
    for (const member of organization?.accounts ?? []) {
      this.members.set(member.account.accountId, member);
      if (!this.stores.has(member.account.accountId)) this.stores.set(member.account.accountId, new AccountStore(member.account));
    }
  }

  /** Every account's store, the caller's first (Config aggregators read them all). */
  allStores(): AccountStore[] {
    return [...this.stores.values()];
  }

  member(accountId: string): OrgAccount | undefined {
    return this.members.get(accountId);
  }

  /**
   * The caller behind an access key. An issued key that has lapsed is refused as AWS refuses
   * it; any other key is the caller's own.
   */
  callerFor(accessKeyId: string | undefined): Caller {
    const session = accessKeyId ? this.sessions.get(accessKeyId) : undefined;
    if (!session) return { store: this.home, session: null };
    if (session.expiration.getTime() <= this.now().getTime())
      throw new AwsError('ExpiredTokenException', 400, 'The security token included in the request is expired');
    return { store: this.stores.get(session.accountId)!, session };
  }

  /** sts:AssumeRole: checks the role exists and trusts the caller, then issues keys for that account. */
  assumeRole(caller: Caller, input: AssumeRoleInput): Session {
    const m = ROLE_ARN.exec(input.roleArn);
    if (!m) throw new AwsError('ValidationError', 400, `${input.roleArn} is not a valid role ARN`);
    if (!SESSION_NAME.test(input.sessionName))
      throw new AwsError('ValidationError', 400, "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    // Role chaining caps a session at one hour; 3600 s is also every role's default maximum.
    if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 900 || input.durationSeconds > 3600)
      throw new AwsError('ValidationError', 400, `The requested DurationSeconds (${input.durationSeconds}) must be between 900 and 3600 seconds.`);
    const [, accountId, roleName] = m;
    const notAuthorised = () =>
      new AwsError('AccessDenied', 403, `User: ${caller.session ? `arn:aws:sts::${caller.store.accountId}:assumed-role/${caller.session.roleName}/${caller.session.sessionName}` : caller.store.callerArn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`);
    const member = this.members.get(accountId);
    if (!member || member.refusesRole) throw notAuthorised();
    const roles = member.roleNames ?? [DEFAULT_ROLE_NAME];
    if (!roles.includes(roleName)) throw notAuthorised();
    if (member.externalId !== undefined && member.externalId !== input.externalId) throw notAuthorised();
    if (member.status !== undefined && member.status !== 'ACTIVE') throw notAuthorised();

    const sessionPolicy = input.policy === undefined ? null : parseSessionPolicy(input.policy);
    const id = randomBytes(8).toString('hex').toUpperCase();
    const session: Session = {
      accessKeyId: `ASIA${id}`,
      secretAccessKey: randomBytes(20).toString('base64'),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(24).toString('base64url')}`,
      accountId,
      roleName,
      sessionName: input.sessionName,
      expiration: new Date(this.now().getTime() + input.durationSeconds * 1000),
      deniedOperations: member.deniedOperations ?? [],
      sessionPolicy,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** The ARN STS reports for a caller. */
  arnOf(caller: Caller): string {
    return caller.session
      ? `arn:aws:sts::${caller.store.accountId}:assumed-role/${caller.session.roleName}/${caller.session.sessionName}`
      : caller.store.callerArn;
  }
}
