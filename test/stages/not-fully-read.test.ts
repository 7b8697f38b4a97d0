import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointSource } from '../support/endpoint-source.js';
import { runAudit } from '../../src/audit/run.js';
import { DeadlineExceeded } from '../../src/domain/deadline.js';
import type { Inventory, InventorySource } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { elbStage } from '../../src/stages/elb/index.js';
import { renderApp } from '../ui/harness.js';

/**
 * A certificate that lacks several parts is one certificate not fully read. Over the wire: the load
 * balancer stage is denied and DescribeCertificate never answers, so the deadline leaves every
 * certificate of the region without its details AND without the stage's data — counted once, while
 * each part keeps its own count.
 */

const full = loadDemoAccount(new Date());
const account = { ...full, enabledRegions: ['us-east-1'], certificates: full.certificates.filter((c) => c.region === 'us-east-1') };
const N = account.certificates.length;

/** The deadline passes as soon as the stage's denial is in: no race against a clock. */
function deadlineAfterDenial(source: InventorySource): InventorySource & { result: Promise<Inventory> } {
  let settle!: (inv: Inventory) => void;
  const result = new Promise<Inventory>((resolve) => (settle = resolve));
  return {
    label: source.label,
    result,
    async load(onEvent, signal) {
      const deadline = new AbortController();
      const joined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      const inv = await source.load((e) => {
        onEvent(e);
        if (e.kind === 'stage' && e.read.stage === 'elb' && e.read.status === 'failed') deadline.abort(new DeadlineExceeded('1m'));
      }, joined);
      settle(inv);
      return inv;
    },
  };
}

describe('certificates not fully read', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({
      account,
      deniedOperations: ['elasticloadbalancing:DescribeLoadBalancers'],
      stalledOperations: ['acm:DescribeCertificate'],
    });
  });
  afterAll(() => endpoint.close());

  it('are counted once each in the region, the status line and the Overview; each part keeps its own count', async () => {
    const live = endpointSource(endpoint, ['us-east-1'], { timeoutMs: 60_000, stages: [elbStage] });
    const source = deadlineAfterDenial(live);
    const h = await renderApp({ source, columns: 260, audit: (certs, now) => runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings, now: () => new Date() });
    try {
      const inv = await source.result;
      expect(N).toBeGreaterThan(1);
      const region = inv.regions[0];
      expect(region.detailsFailed).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ part: 'details', reason: 'unfinished', code: 'DeadlineExceeded', count: N }),
          expect.objectContaining({ part: 'elb', reason: 'denied', code: 'AccessDenied', count: N }),
        ]),
      );
      // The parts overlap: their sum counts each certificate once per part it lacks.
      expect(region.detailsFailed!.reduce((n, f) => n + f.count, 0)).toBeGreaterThanOrEqual(2 * N);
      expect(region.notFullyRead).toBe(N);

      const frame = await h.waitForFrame(new RegExp(`us-east-1\\s+0/${N} described · ${N} not fully read`), 15_000);
      expect(frame).toMatch(new RegExp(`details 0/${N} · ${N} not fully read`));
      // The Overview's causes keep the per-part counts.
      expect(frame).toMatch(new RegExp(`not fully read: details unfinished ${N}, .*elb denied ${N}`));
    } finally {
      h.unmount();
      live.close();
    }
  });
});
