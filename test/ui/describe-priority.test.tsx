import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpoint, syntheticAccount, type RunningEndpoint } from '../../src/endpoint/index.js';
import { endpointSource } from '../support/endpoint-source.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { KEY, renderApp } from './harness.js';

/**
 * The TUI over the real endpoint at ACM's real quotas (DescribeCertificate 10/s): a certificate
 * opened mid-load gets its full detail long before the load ends, because the app tells the
 * source what it shows.
 */
describe('a large region mid-load', () => {
  const COUNT = 150;
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account: syntheticAccount({ count: COUNT, regions: ['eu-west-1'], seed: 21, now: new Date() }) });
  });
  afterAll(() => endpoint.close());

  it('shows its full detail while most certificates are still waiting for theirs', async () => {
    const source = endpointSource(endpoint, ['eu-west-1']);
    const h = await renderApp({ source, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings, now: () => new Date() });
    try {
      await h.press('2');
      // Every row is searched (details still to come) before any detail read starts.
      await h.waitForFrame(new RegExp(`details \\d+/${COUNT}`), 10_000);
      await h.press('G', KEY.enter);
      await h.waitForFrame(/Detail\s+loading; still to come|Transparency logging/, 10_000);
      const full = await h.waitForFrame((f) => /Transparency logging\s+(ENABLED|DISABLED)/.test(f) && !/still to come/.test(f), 10_000);
      const described = Number(/details (\d+)\/\d+/.exec(full)?.[1]);
      // Read first (measured: within the first 5 of 150); without being told it waits its turn.
      expect(described).toBeLessThan(COUNT / 2);
    } finally {
      h.unmount();
      source.close();
    }
  });

  it('shows the findings that need no detail at once, marked provisional where a rule still waits', async () => {
    const source = endpointSource(endpoint, ['eu-west-1']);
    const h = await renderApp({ source, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings, now: () => new Date() });
    try {
      await h.press('3');
      const frame = await h.waitForFrame((f) => /\d+ findings?/.test(f) && /provisional/.test(f), 10_000);
      const described = Number(/details (\d+)\/\d+/.exec(frame)?.[1]);
      expect(described).toBeLessThan(COUNT / 2);
    } finally {
      h.unmount();
      source.close();
    }
  });
});
