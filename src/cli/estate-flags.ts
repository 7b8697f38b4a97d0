import { DEFAULT_ROLE_NAME } from '../aws/assume-role-name.js';
import { InputError } from '../domain/errors.js';

/** The flags that widen a run beyond the caller's account, as given on the command line. */
export interface EstateFlags {
  org?: boolean;
  accounts?: string;
  roleName?: string;
  externalId?: string;
  source?: string;
  concurrency?: string;
}

export interface EstateSettings {
  scope?: { org: boolean; accounts: string[] | null; roleName: string; externalId?: string };
  origin: { kind: 'api' } | { kind: 'config-aggregator'; name: string };
  concurrency?: number;
}

/** Validates the estate flags into settings; every problem is one usage sentence. */
export function estateSettings(f: EstateFlags): EstateSettings {
  let accounts: string[] | null = null;
  if (f.accounts !== undefined) {
    accounts = [...new Set(f.accounts.split(',').map((s) => s.trim()).filter(Boolean))];
    const bad = accounts.filter((id) => !/^\d{12}$/.test(id));
    if (accounts.length === 0 || bad.length > 0)
      throw new InputError(`--accounts takes 12-digit account ids separated by commas (got '${bad[0] ?? f.accounts}')`);
  }
  // IAM role names: 1–64 of letters, digits and + = , . @ _ -
  if (f.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(f.roleName))
    throw new InputError(`--role-name must be an IAM role name such as ${DEFAULT_ROLE_NAME} (got '${f.roleName}')`);
  // STS: 2–1224 characters of letters, digits and + = , . @ : / -
  if (f.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(f.externalId))
    throw new InputError('--external-id must be 2 to 1224 letters, digits or + = , . @ : / - characters');
  if ((f.roleName !== undefined || f.externalId !== undefined) && !f.org && !accounts)
    throw new InputError('--role-name and --external-id apply to member accounts: add --org or --accounts');

  let origin: EstateSettings['origin'] = { kind: 'api' };
  if (f.source !== undefined && f.source !== 'api') {
    const m = /^config-aggregator:([\w.-]{1,256})$/.exec(f.source);
    if (!m) throw new InputError(`--source takes 'api' or 'config-aggregator:NAME' (got '${f.source}')`);
    origin = { kind: 'config-aggregator', name: m[1] };
  }

  let concurrency: number | undefined;
  if (f.concurrency !== undefined) {
    concurrency = Number(f.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
      throw new InputError(`--concurrency takes a whole number from 1 to 1000 (got '${f.concurrency}')`);
  }

  const several = f.org === true || accounts !== null;
  return {
    ...(several ? { scope: { org: f.org === true, accounts, roleName: f.roleName ?? DEFAULT_ROLE_NAME, ...(f.externalId ? { externalId: f.externalId } : {}) } } : {}),
    origin,
    ...(concurrency !== undefined ? { concurrency } : {}),
  };
}
