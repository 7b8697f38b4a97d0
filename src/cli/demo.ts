import { loadDemoAccount, loadDemoOrganization, startEndpoint, type RunningEndpoint } from '../endpoint/index.js';

/**
 * The built-in demo: the project's own ACM endpoint, started in-process on an
 * ephemeral loopback port, so `--demo` runs the very same SDK code path as a real
 * account — pagination, pacing, retries and all.
 */
export async function startDemoEndpoint(options: { organization?: boolean } = {}): Promise<RunningEndpoint> {
  const now = new Date();
  return startEndpoint({
    ...(options.organization ? loadDemoOrganization(now) : { account: loadDemoAccount(now) }),
    // A little latency makes progressive loading visible, as it is against AWS.
    latencyMs: { min: 20, max: 90 },
  });
}

export const DEMO_CREDENTIALS = { accessKeyId: 'AKIADEMODEMODEMO', secretAccessKey: 'demo-secret-not-a-real-key' };
