import { AwsError } from './errors.js';

/**
 * An inline session policy, as STS and IAM evaluate it for the actions this endpoint serves:
 * an action is allowed when an Allow statement names it (exactly or by `*` / `?` wildcard) and
 * no Deny statement does. Resources and conditions are not modelled: every action here is
 * granted on `*`. A session without a policy is not limited by one.
 */
export interface SessionPolicy {
  allows(action: string): boolean;
}

/** STS's plain-text limit for an inline session policy (AssumeRole, `Policy`). */
const MAX_CHARS = 2048;

export function parseSessionPolicy(text: string): SessionPolicy {
  if (text.length > MAX_CHARS)
    throw new AwsError('ValidationError', 400, `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_CHARS}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 400, 'The policy is not valid JSON.');
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : null;
  if (!list) throw new AwsError('MalformedPolicyDocument', 400, 'Syntax errors in policy: no Statement.');
  const allow: RegExp[] = [];
  const deny: RegExp[] = [];
  for (const raw of list) {
    const st = raw as { Effect?: unknown; Action?: unknown };
    const actions = typeof st.Action === 'string' ? [st.Action] : Array.isArray(st.Action) ? st.Action.filter((a): a is string => typeof a === 'string') : [];
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw new AwsError('MalformedPolicyDocument', 400, 'Syntax errors in policy: Effect must be Allow or Deny.');
    (st.Effect === 'Allow' ? allow : deny).push(...actions.map(pattern));
  }
  return { allows: (action) => !deny.some((p) => p.test(action)) && allow.some((p) => p.test(action)) };
}

/** IAM action names compare case-insensitively; `*` is any run of characters, `?` one. */
function pattern(action: string): RegExp {
  const body = action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
