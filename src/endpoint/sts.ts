import { AwsError } from './errors.js';
import type { Caller, Directory } from './organization.js';
import { element, errorResponse, queryResponse, textElement } from './xml.js';

/**
 * STS. The installed @aws-sdk/client-sts (3.1169) speaks awsQuery: a form-encoded POST
 * (`Action=GetCallerIdentity&Version=2011-06-15`) answered with XML whose result is
 * nested in <GetCallerIdentityResult>. Errors are <ErrorResponse><Error><Code>.
 * GetCallerIdentity over JSON (X-Amz-Target AWSSecurityTokenServiceV20110615.*) is
 * also answered, for SDK versions that move STS to the JSON protocol.
 */

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function callerIdentity(directory: Directory, caller: Caller): { Account: string; Arn: string; UserId: string } {
  const arn = directory.arnOf(caller);
  const session = arn.split('/').pop() ?? 'session';
  return { Account: caller.store.accountId, Arn: arn, UserId: `AROAEXAMPLEREADONLY01:${session}` };
}

export function handleStsQuery(operation: string, params: URLSearchParams, directory: Directory, caller: Caller, requestId: string): string | null {
  if (operation === 'GetCallerIdentity') {
    const id = callerIdentity(directory, caller);
    return response(
      'GetCallerIdentity',
      textElement('Arn', id.Arn) + textElement('UserId', id.UserId) + textElement('Account', id.Account),
      requestId,
    );
  }
  if (operation === 'AssumeRole') {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (!roleArn || !sessionName)
      throw new AwsError('MissingParameter', 400, `The request must contain the parameter ${roleArn ? 'RoleSessionName' : 'RoleArn'}`);
    const duration = params.get('DurationSeconds');
    const s = directory.assumeRole(caller, {
      roleArn,
      sessionName,
      durationSeconds: duration === null ? 3600 : Number(duration),
      externalId: params.get('ExternalId') ?? undefined,
      policy: params.get('Policy') ?? undefined,
    });
    const credentials =
      textElement('AccessKeyId', s.accessKeyId) +
      textElement('SecretAccessKey', s.secretAccessKey) +
      textElement('SessionToken', s.sessionToken) +
      textElement('Expiration', s.expiration.toISOString());
    const user =
      textElement('Arn', `arn:aws:sts::${s.accountId}:assumed-role/${s.roleName}/${s.sessionName}`) +
      textElement('AssumedRoleId', `AROA${s.accountId}EXAMPLE:${s.sessionName}`);
    return response('AssumeRole', element('Credentials', credentials) + element('AssumedRoleUser', user), requestId);
  }
  return null;
}

const response = (operation: string, result: string, requestId: string) => queryResponse(NS, operation, result, requestId);

export function stsErrorXml(error: AwsError, requestId: string): string {
  return errorResponse(error, requestId, NS);
}
