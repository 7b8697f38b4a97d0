import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_ROLE_NAME } from '../../aws/assume-role-name.js';
import { InputError } from '../../domain/errors.js';
import { READ_ROLE_NAME, stackSetTemplate, trustPolicy } from '../../domain/member-role.js';
import { memberPolicy as memberPolicyOf } from '../../domain/read-permissions.js';
import { toInertJson } from '../../domain/text.js';
import { packageRoot } from '../../platform/content-dir.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';
import { estateSettings } from '../estate-flags.js';
import type { Shell } from '../shell.js';

export function policyCommand(shell: Shell): Command {
  return new Command('policy')
    .description("print the least-privilege IAM policy acm-advisor needs (read-only); with --org, the caller's and the member role's")
    .option('--part <part>', "one document on its own: caller, member, trust (the member role's trust policy) or stackset (a CloudFormation template creating a read-only role)")
    .option('--caller-account <id>', 'with --part trust: the account acm-advisor runs in')
    .addHelpText(
      'after',
      `
Examples:
  acm-advisor policy > acm-advisor-policy.json
  aws iam create-policy --policy-name acm-advisor-read --policy-document file://acm-advisor-policy.json
  acm-advisor --org --role-name AuditRead policy --part caller
  acm-advisor --org policy --part trust --caller-account 111122223333 --external-id audit-7`,
    )
    .action(shell.runs(runPolicyCommand));
}

export const POLICY_PARTS = ['caller', 'member', 'trust', 'stackset'] as const;
export type PolicyPart = (typeof POLICY_PARTS)[number];

export interface PolicyOptions {
  org?: boolean;
  roleName?: string;
  externalId?: string;
  part?: string;
  /** The account acm-advisor runs in: the member role's trust policy names it. */
  callerAccount?: string;
}

/**
 * The least-privilege policies, each a document of its own that `aws iam create-policy
 * --policy-document` (or `create-role --assume-role-policy-document`, or CloudFormation) takes
 * as printed. One account: the read policy. `--part`: one of the caller's policy (list the
 * organisation, assume the member role, query a Config aggregator), the member role's (the
 * reads), its trust policy, or a StackSet template that creates that role everywhere.
 * `--org` alone keeps the earlier combined view, which points to `--part`.
 */
export async function runPolicyCommand(ctx: Pick<CommandContext, 'out'>, opts: PolicyOptions): Promise<number> {
  // The stages' declarations (and their schemas) load only for this command, never at start.
  const { readPermissions } = await import('../../stages/read-permissions.js');
  const memberPolicy = () => memberPolicyOf(readPermissions());
  // The same checks as a run's: the names end up in documents someone will paste into IAM.
  estateSettings({ org: true, roleName: opts.roleName, externalId: opts.externalId });
  const part = opts.part;
  if (part !== undefined && !(POLICY_PARTS as readonly string[]).includes(part))
    throw new InputError(`--part takes one of ${POLICY_PARTS.join(', ')} (got '${part}')`);
  const role = opts.roleName ?? (part === 'stackset' ? READ_ROLE_NAME : DEFAULT_ROLE_NAME);
  // The role name and external id are the user's: to a terminal they are data, never a control sequence.
  const print = (doc: unknown) => {
    ctx.out(toInertJson(doc) + '\n');
    return EXIT.ok;
  };
  switch (part as PolicyPart | undefined) {
    case 'member':
      return print(memberPolicy());
    case 'caller':
      return print(callerPolicy(role));
    case 'trust':
      if (!opts.callerAccount || !/^\d{12}$/.test(opts.callerAccount))
        throw new InputError(
          `--part trust needs --caller-account with the 12-digit account acm-advisor runs in (${opts.callerAccount ? `got '${opts.callerAccount}'` : "'aws sts get-caller-identity' prints it"})`,
        );
      return print(trustPolicy(opts.callerAccount, opts.externalId));
    case 'stackset':
      return print(stackSetTemplate(memberPolicy(), role));
    case undefined:
      break;
  }
  if (!opts.org) return print(memberPolicy());
  return print({
    callerPolicy: callerPolicy(role),
    memberRolePolicy: memberPolicy(),
    notes: [
      "Each document on its own, ready for 'aws iam create-policy --policy-document': acm-advisor policy --part caller|member|trust|stackset.",
      'callerPolicy: attach to the identity acm-advisor runs as, in the management account or a delegated administrator account.',
      `memberRolePolicy: attach to the role ${role} in every member account; its trust policy (--part trust --caller-account ID) must allow the caller.`,
      "The caller's own account is read with the caller's credentials, so attach memberRolePolicy to the caller as well.",
      'Member sessions are limited to these reads by a session policy whatever the role allows; --part stackset creates a role that allows nothing else.',
    ],
  });
}

function callerPolicy(role: string): unknown {
  const text = readFileSync(`${packageRoot()}/policy/org-caller-policy.json`, 'utf8');
  return JSON.parse(JSON.stringify(JSON.parse(text)).replaceAll(`role/${DEFAULT_ROLE_NAME}`, `role/${role}`)) as unknown;
}
