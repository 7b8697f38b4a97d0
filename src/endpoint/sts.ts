import { AwsError } from './errors.js';
import type { AccountStore } from './store.js';
import { element, textElement } from './xml.js';

/**
 * STS. The installed @aws-sdk/client-sts (3.1169) speaks awsQuery: a form-encoded POST
 * (`Action=GetCallerIdentity&Version=2011-06-15`) answered with XML whose result is
 * nested in <GetCallerIdentityResult>. Errors are <ErrorResponse><Error><Code>.
 * The same operation over JSON (X-Amz-Target AWSSecurityTokenServiceV20110615.*) is
 * also answered, for SDK versions that move STS to the JSON protocol.
 */

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function callerIdentity(store: AccountStore): { Account: string; Arn: string; UserId: string } {
  const session = store.callerArn.split('/').pop() ?? 'session';
  return { Account: store.accountId, Arn: store.callerArn, UserId: `AROAEXAMPLEREADONLY01:${session}` };
}

export function handleStsQuery(operation: string, store: AccountStore, requestId: string): string | null {
  if (operation !== 'GetCallerIdentity') return null;
  const id = callerIdentity(store);
  return (
    `<GetCallerIdentityResponse xmlns="${NS}">` +
    element('GetCallerIdentityResult', textElement('Arn', id.Arn) + textElement('UserId', id.UserId) + textElement('Account', id.Account)) +
    element('ResponseMetadata', textElement('RequestId', requestId)) +
    `</GetCallerIdentityResponse>`
  );
}

export function stsErrorXml(error: AwsError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NS}">` +
    element('Error', textElement('Type', type) + textElement('Code', error.code) + textElement('Message', error.message)) +
    textElement('RequestId', requestId) +
    `</ErrorResponse>`
  );
}
