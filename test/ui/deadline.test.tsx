import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { endpointSource } from '../support/endpoint-source.js';
import { withDeadline } from '../../src/cli/deadline.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { renderApp } from './harness.js';

/**
 * The app with --deadline over the real endpoint: DescribeCertificate never answers, so the
 * deadline always comes first and the app ends its load with what it has, saying why.
 */
describe('the app at its deadline', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account: loadDemoAccount(new Date()), stalledOperations: ['acm:DescribeCertificate'] });
  });
  afterAll(() => endpoint.close());

  it('stops loading, names the deadline on the Overview and keeps every certificate listed', async () => {
    // ACM's own reads cut by the deadline; the read stages' deadline is tested with the stages.
    const live = endpointSource(endpoint, ['us-east-1'], { timeoutMs: 60_000, stages: [] });
    const source = withDeadline(live, { text: '1s', ms: 1000 });
    const h = await renderApp({ source, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings, now: () => new Date() });
    try {
      const frame = await h.waitForFrame(/the deadline of 1s passed before the read finished/, 15_000);
      // Ended, not loading; nothing was described and the region says every certificate lacks a part.
      expect(frame).not.toMatch(/loading/i);
      expect(frame).toMatch(/Certificates 17/);
      expect(frame).toMatch(/details 0\/17 · 17 not fully read/);
      expect(frame).toMatch(/us-east-1\s+0\/17 described · 17 not fully read/);
    } finally {
      h.unmount();
      live.close();
    }
  });
});
