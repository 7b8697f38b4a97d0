import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoAccount, startEndpoint, type FaultOptions, type RunningEndpoint } from '../../src/endpoint/index.js';
import { withoutDnsNotice } from '../cli/run-cli.js';

/**
 * The fault suite's harness: the project's wire-level endpoint in this process, with one fault
 * switched on, and the real built binary talking to it over HTTP, as a user's shell would run it.
 */

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const account = loadDemoAccount(new Date());
export const certsIn = (region: string) => account.certificates.filter((c) => c.region === region);

export async function faultyEndpoint(faults: FaultOptions): Promise<RunningEndpoint> {
  return startEndpoint({ account, ...faults });
}

/**
 * Runs `acm-advisor` against the endpoint with a clean AWS environment and its own empty HOME,
 * removed afterwards. `AWS_MAX_ATTEMPTS` is kept low so an exhausted retry costs seconds.
 */
export async function cli(endpoint: RunningEndpoint, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const home = await mkdtemp(join(tmpdir(), 'acm-advisor-fault-'));
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('AWS_') || k === 'NO_COLOR' || k === 'FORCE_COLOR') delete base[k];
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/acm-advisor.js', '--endpoint-url', endpoint.url, ...args], {
        env: {
          ...base,
          HOME: home,
          ACM_ADVISOR_CONFIG_DIR: join(home, '.config', 'acm-advisor'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: 'AKIDFAULTS',
          AWS_SECRET_ACCESS_KEY: 'faults',
          AWS_REGION: 'us-east-1',
          AWS_MAX_ATTEMPTS: '3',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      // Against this endpoint the DNS checks do not run, and every run says so (test/cli/dns-notice.test.ts): not a fault.
      child.on('close', (code) => resolve({ code, stdout, stderr: withoutDnsNotice(stderr) }));
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * The checks a failed DescribeCertificate costs after SearchCertificates answered (it gives the
 * renewal status and validation method, not the validation records or the CT preference).
 */
export const DETAIL_RULES = 'email-validation, transparency-logging-disabled and validation-record-missing could not be checked';
export const TAG_RULES = 'wildcard-in-production and missing-tags could not be checked';
