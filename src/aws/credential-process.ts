import { spawn, type ChildProcess } from 'node:child_process';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CredentialsError } from './credentials-error.js';

/**
 * A profile whose own source of credentials is `credential_process`, run with a time limit.
 *
 * The SDK runs the command with `exec` and no timeout, and gives no handle on the child: a command
 * that never answers (a hung SSO helper, a prompt nobody sees) would hold the run past --timeout
 * and --deadline, and be left running when it ends. Here the command runs in a process group of its
 * own, killed whole when the time is up, when the read is cancelled, or when the process exits.
 * The output format is the AWS CLI's: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
 */
export interface BoundedProvider extends AwsCredentialIdentityProvider {
  /** Stops a command still running, with why (the deadline passed, the user quit). */
  cancel(reason: string): void;
}

/** The command to run when `profile`'s credentials come from credential_process itself; null when the SDK's chain decides. */
export async function ownCredentialProcess(profile: string): Promise<string | null> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The credentials file wins over the config file, as in the SDK.
  const section: Record<string, string | undefined> = { ...configFile[profile], ...credentialsFile[profile] };
  const command = section.credential_process;
  // Role assumption, static keys, web identity and SSO come before credential_process in the SDK's order.
  const other = ['role_arn', 'aws_access_key_id', 'web_identity_token_file', 'sso_session', 'sso_start_url'].some((k) => section[k] !== undefined);
  return command && !other ? command : null;
}

/** Credentials younger than this before they expire are fetched again. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export function boundedCredentialProcess(profile: string, command: string, timeoutMs: number): BoundedProvider {
  let current: Promise<AwsCredentialIdentity> | null = null;
  let running: { stop(reason: string): void } | null = null;
  const provider = (async () => {
    if (current) {
      const held = await current.catch(() => null);
      if (held && (!held.expiration || held.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS)) return held;
    }
    current = new Promise<AwsCredentialIdentity>((resolve, reject) => {
      running = runOnce(profile, command, timeoutMs, resolve, reject);
    }).finally(() => (running = null));
    return current;
  }) as BoundedProvider;
  provider.cancel = (reason) => running?.stop(reason);
  return provider;
}

/** Children still running, killed if the process ends first: a hung helper must not outlive the run. */
const live = new Set<ChildProcess>();
let exitHook = false;

function killGroup(child: ChildProcess): void {
  try {
    // Negative pid: the whole group (the shell and what it started). Windows has no groups.
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

function runOnce(
  profile: string,
  command: string,
  timeoutMs: number,
  resolve: (c: AwsCredentialIdentity) => void,
  reject: (e: Error) => void,
): { stop(reason: string): void } {
  const fail = (why: string) => new CredentialsError(`profile '${profile}' gave no credentials: its credential_process ${why}`, 'profile-failed');
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => live.forEach(killGroup));
  }
  const child = spawn(command, { shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  live.add(child);
  let stdout = '';
  let stderr = '';
  let settled = false;
  const end = (error: Error | null, value?: AwsCredentialIdentity) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    live.delete(child);
    if (error) reject(error);
    else resolve(value!);
  };
  const stop = (why: string) => {
    killGroup(child);
    end(fail(`${why}; it was stopped`));
  };
  const timer = setTimeout(() => stop(`did not answer within ${formatSeconds(timeoutMs)} (--timeout)`), timeoutMs);
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-500)));
  child.on('error', (e) => end(fail(`could not be started (${e.message})`)));
  child.on('close', (code, signal) => {
    if (code !== 0) return end(fail(`ended with ${signal ? `signal ${signal}` : `exit code ${code}`}${stderr.trim() ? ` (${stderr.trim().split('\n')[0]})` : ''}`));
    try {
      end(null, parseProcessOutput(stdout));
    } catch (e) {
      end(fail((e as Error).message));
    }
  });
  return { stop };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The documented output: Version 1, AccessKeyId, SecretAccessKey, optional SessionToken and Expiration. */
export function parseProcessOutput(text: string): AwsCredentialIdentity {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text.trim()) as Record<string, unknown>;
  } catch {
    throw new Error('printed no JSON');
  }
  if (data?.Version !== 1) throw new Error('did not print Version 1');
  if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string') throw new Error('printed no AccessKeyId and SecretAccessKey');
  const expiration = typeof data.Expiration === 'string' ? new Date(data.Expiration) : undefined;
  if (expiration && !(expiration.getTime() > Date.now())) throw new Error('printed expired credentials');
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(typeof data.SessionToken === 'string' ? { sessionToken: data.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(typeof data.AccountId === 'string' ? { accountId: data.AccountId } : {}),
  };
}
