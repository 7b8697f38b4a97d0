import type { PolicyDocument } from './read-permissions.js';

/**
 * The member-account role acm-advisor assumes, as documents a person can paste: its trust
 * policy, and a CloudFormation template (for a StackSet, so every account gets the same role)
 * that creates it with the member read policy and nothing else. With it, the organisation no
 * longer needs OrganizationAccountAccessRole, an administrator, to be read.
 */

/** The role the StackSet template creates, unless told otherwise. */
export const READ_ROLE_NAME = 'AcmAdvisorRead';

/**
 * Who may assume the role: principals of the caller's account (their own IAM policy must still
 * allow sts:AssumeRole on it), and when given, only with this ExternalId.
 */
export function trustPolicy(callerAccountId: string, externalId?: string, partition = 'aws'): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AcmAdvisorCallerMayAssume',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${callerAccountId}:root` },
        Action: 'sts:AssumeRole',
        ...(externalId !== undefined ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
      },
    ],
  };
}

/**
 * A CloudFormation template for a StackSet: one IAM role per account, trusted by the caller's
 * account (optionally only with an ExternalId), allowed exactly the member read policy, with
 * sessions of at most an hour. Parameters keep it one template for every organisation.
 */
export function stackSetTemplate(readPolicy: PolicyDocument, roleName: string = READ_ROLE_NAME): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'acm-advisor: a read-only role in every account (ACM certificates, their tags, enabled regions). Deploy as a StackSet.',
    Parameters: {
      CallerAccountId: {
        Type: 'String',
        AllowedPattern: '^\\d{12}$',
        Description: 'The account acm-advisor runs in (the management or delegated administrator account).',
      },
      ExternalId: {
        Type: 'String',
        Default: '',
        Description: 'When not empty, the role may be assumed only with this ExternalId (acm-advisor --external-id).',
      },
      RoleName: { Type: 'String', Default: roleName, AllowedPattern: '^[\\w+=,.@-]{1,64}$', Description: 'The role name (acm-advisor --role-name).' },
    },
    Conditions: { HasExternalId: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] }] } },
    Resources: {
      AcmAdvisorReadRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          Description: 'Read-only access for acm-advisor: ACM certificates, their tags, enabled regions.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${CallerAccountId}:root' } },
                Action: 'sts:AssumeRole',
                Condition: { 'Fn::If': ['HasExternalId', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }, { Ref: 'AWS::NoValue' }] },
              },
            ],
          },
          Policies: [{ PolicyName: 'acm-advisor-read', PolicyDocument: readPolicy }],
        },
      },
    },
    Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['AcmAdvisorReadRole', 'Arn'] } } },
  };
}
