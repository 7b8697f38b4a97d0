import { readFileSync } from 'node:fs';
import { DEFAULT_ROLE_NAME } from '../../aws/assume-role-name.js';
import { toInertJson } from '../../domain/text.js';
import { packageRoot } from '../../platform/content-dir.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../errors.js';

/**
 * The least-privilege policies. One account: the read policy. With --org: the caller's
 * policy (management account or delegated administrator: list the organisation, assume
 * the member role, query a Config aggregator) and the member role's (today's reads), as one
 * JSON document with both. The caller's own account is read with its own credentials, so
 * when it holds certificates the caller needs the member policy too.
 */
export function runPolicyCommand(ctx: Pick<CommandContext, 'out'>, opts: { org?: boolean; roleName?: string }): number {
  const read = (name: string) => JSON.parse(readFileSync(`${packageRoot()}/policy/${name}`, 'utf8')) as unknown;
  const member = read('iam-policy.json');
  if (!opts.org) {
    ctx.out(JSON.stringify(member, null, 2) + '\n');
    return EXIT.ok;
  }
  const role = opts.roleName ?? DEFAULT_ROLE_NAME;
  const caller = JSON.parse(JSON.stringify(read('org-caller-policy.json')).replaceAll(`role/${DEFAULT_ROLE_NAME}`, `role/${role}`)) as unknown;
  // The role name is the user's: to a terminal it is data, never a control sequence.
  ctx.out(
    toInertJson(
      {
        callerPolicy: caller,
        memberRolePolicy: member,
        notes: [
          'callerPolicy: attach to the identity acm-advisor runs as, in the management account or a delegated administrator account.',
          `memberRolePolicy: attach to the role ${role} in every member account; its trust policy must allow the caller.`,
          "The caller's own account is read with the caller's credentials, so attach memberRolePolicy to the caller as well.",
        ],
      },
    ) + '\n',
  );
  return EXIT.ok;
}
