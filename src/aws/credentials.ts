import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { boundedCredentialProcess, ownCredentialProcess, type BoundedProvider } from './credential-process.js';
import { CredentialsError } from './credentials-error.js';

export { CredentialsError };

/**
 * One provider for every client: the SDK's default chain (env, SSO, shared files,
 * credential_process, assume-role, web identity, container/IMDS), memoised by the SDK — except
 * that a profile whose own source is credential_process runs it bounded by `timeoutMs`
 * (see credential-process.ts). `cancel` stops such a command still running.
 */
export function credentialProvider(profile: string | undefined, options: { timeoutMs: number }): BoundedProvider {
  const chain = fromNodeProviderChain(profile ? { profile } : {});
  // With no profile named, environment keys come first in the SDK's chain.
  const name = profile ?? (process.env.AWS_ACCESS_KEY_ID ? null : 'default');
  let chosen: Promise<AwsCredentialIdentityProvider> | null = null;
  let bounded: BoundedProvider | null = null;
  const provider = (async (properties?: Parameters<AwsCredentialIdentityProvider>[0]) => {
    chosen ??= (async () => {
      // A shared file the SDK cannot read either: its chain says so in its own words.
      const command = name ? await ownCredentialProcess(name).catch(() => null) : null;
      return command ? (bounded = boundedCredentialProcess(name!, command, options.timeoutMs)) : chain;
    })();
    return (await chosen)(properties);
  }) as BoundedProvider;
  provider.cancel = (reason) => bounded?.cancel(reason);
  return provider;
}

export { effectiveProfile } from './source-label.js';

/**
 * The SDK says "Could not load credentials from any providers" for an unknown profile;
 * checking the shared files first lets us name the profile instead.
 */
export async function assertProfileExists(profile: string): Promise<void> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  if (profile in configFile || profile in credentialsFile) return;
  const known = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].sort();
  const list = known.length ? `known profiles: ${known.join(', ')}` : 'no profiles are configured';
  throw new CredentialsError(`unknown AWS profile '${profile}' (${list})`, 'unknown-profile');
}

/** Resolves credentials once, up front, so a problem is one sentence rather than one error per region. */
export async function resolveCredentials(
  provider: AwsCredentialIdentityProvider,
  profile: string | undefined,
): Promise<AwsCredentialIdentity> {
  if (profile) await assertProfileExists(profile);
  try {
    return await provider();
  } catch (error) {
    throw describeCredentialFailure(error, profile);
  }
}

export function describeCredentialFailure(error: unknown, profile: string | undefined): CredentialsError {
  // Already one sentence that names the profile (a bounded credential_process).
  if (error instanceof CredentialsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const who = profile ? ` --profile ${profile}` : '';
  if (/sso/i.test(message) && /(expired|invalid|not found|refresh)/i.test(message)) {
    return new CredentialsError(
      `the AWS SSO session${profile ? ` for profile '${profile}'` : ''} has expired or was never started; run: aws sso login${who}`,
      'sso-expired',
    );
  }
  if (profile) {
    return new CredentialsError(
      `profile '${profile}' gave no credentials (${firstLine(message)}); check its keys, role_arn/source_profile or credential_process`,
      'profile-failed',
    );
  }
  return new CredentialsError(
    "no AWS credentials found: run 'aws configure' or 'aws sso login', set AWS_PROFILE or pass --profile, or try the built-in demo account with --demo",
    'none',
  );
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 200);
}
