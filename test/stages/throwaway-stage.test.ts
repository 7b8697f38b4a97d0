import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpointSource } from '../support/endpoint-source.js';
import { incompleteLines } from '../../src/audit/coverage.js';
import { DeadlineExceeded } from '../../src/domain/deadline.js';
import { isPartial, type Inventory, type InventoryEvent, type PriorReads } from '../../src/domain/inventory.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { FakeService } from '../../src/endpoint/service.js';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { defineStage, readsOf, type StageContext } from '../../src/stages/index.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { detailLines } from '../../src/ui/state/detail-lines.js';
import { stageSectionsOf } from '../../src/ui/state/selectors.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A read stage declared here and nowhere else — its fake service, its read, its join — run by the
 * engine against the wire endpoint: what a later stage gets for free without editing another file.
 * The service is AWS Config's DescribeConfigRules (an SDK client the project already has), served by
 * the fake below in place of the endpoint's own Config.
 */

const RULES = ['acm-certificate-expiration-check', 'acm-certificate-rsa-check', 'elb-acm-certificate-required', 'alb-http-to-https', 'cloudfront-viewer-policy-https', 'api-gw-ssl-enabled', 'acm-pca-root-ca-disabled'];
const QUOTA = 5;

const fake: FakeService = {
  service: 'config',
  protocol: 'json',
  targetPrefix: 'StarlingDoveService',
  quotas: { DescribeConfigRules: QUOTA },
  handle(request) {
    if (request.operation !== 'DescribeConfigRules') return null;
    // One rule a page, so the read makes one call per rule.
    const i = Number(request.json.NextToken ?? 0);
    const next = i + 1 < RULES.length ? { NextToken: String(i + 1) } : {};
    return { body: { ConfigRules: [{ ConfigRuleName: RULES[i], Source: { Owner: 'AWS', SourceIdentifier: RULES[i].toUpperCase() } }], ...next } };
  },
};

const RuleNames = z.array(z.string());

const configRules = defineStage({
  id: 'config-rules',
  title: 'Config rules',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [{ action: 'config:DescribeConfigRules', perSecond: QUOTA, source: 'https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html' }],
  checks: ['certificate-expiry-watched-by-config'],
  data: RuleNames,
  read: async () => ({
    async read(context: StageContext) {
      const client = context.client('config', ConfigServiceClient);
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await context.paced('config:DescribeConfigRules', () =>
          client.send(new DescribeConfigRulesCommand({ NextToken: token }), { abortSignal: context.signal }),
        );
        for (const r of page.ConfigRules ?? []) if (r.ConfigRuleName) names.push(r.ConfigRuleName);
        token = page.NextToken;
      } while (token);
      return names;
    },
  }),
  about: (certificate, reads) => {
    const here = reads.filter((r) => r.region === certificate.region).flatMap((r) => r.data);
    return here.includes('acm-certificate-expiration-check') ? [{ label: 'Expiry watched by', value: 'AWS Config rule acm-certificate-expiration-check' }] : [];
  },
});

const full = loadDemoAccount(new Date());
// A few certificates in one region: ACM at its real quotas stays quick, so the stage's own pacing shows.
const account = { ...full, enabledRegions: ['us-east-1'], certificates: full.certificates.filter((c) => c.region === 'us-east-1').slice(0, 4) };

function source(endpoint: RunningEndpoint) {
  return endpointSource(endpoint, ['us-east-1'], { timeoutMs: 60_000, stages: [configRules] });
}

/** The source's load also takes the cache's earlier reads (as the CLI's cached source passes them). */
type WithPrior = (onEvent: (e: InventoryEvent) => void, signal: AbortSignal | undefined, prior: PriorReads) => Promise<Inventory>;

async function seen(endpoint: RunningEndpoint, operation: string): Promise<void> {
  while (!endpoint.calls.some((c) => c.operation === operation)) await new Promise((r) => setTimeout(r, 10));
}

describe('a read stage declared in a test file', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account, services: [fake] });
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.resetCalls();
    endpoint.setFaults({ deniedOperations: [], stalledOperations: [] });
  });

  it('runs at its declared quota against a service that enforces it, and its data joins onto the certificates', async () => {
    const src = source(endpoint);
    const events: InventoryEvent[] = [];
    const inv = await src.load((e) => events.push(e));
    src.close();
    const calls = endpoint.calls.filter((c) => c.operation === 'DescribeConfigRules');
    expect(calls.map((c) => c.service)).toEqual(RULES.map(() => 'config'));
    // Seven calls against a bucket of five a second: any burst above the quota would have been throttled.
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    expect(isPartial(inv)).toBe(false);
    expect(inv.stages).toEqual([expect.objectContaining({ stage: 'config-rules', region: 'us-east-1', status: 'ok', data: RULES })]);
    expect(events.filter((e) => e.kind === 'stage')).toHaveLength(1);
    // The region is done only once its stage is.
    expect(events.findIndex((e) => e.kind === 'stage')).toBeLessThan(events.findIndex((e) => e.kind === 'region-done'));
    const cert = inv.certificates[0];
    expect(configRules.about(cert, readsOf(configRules, inv.stages))).toEqual([{ label: 'Expiry watched by', value: 'AWS Config rule acm-certificate-expiration-check' }]);
  });

  it('is shown in the detail view: its own section, from the events the app receives', async () => {
    const src = source(endpoint);
    const events: InventoryEvent[] = [];
    await src.load((e) => events.push(e));
    src.close();
    const state = reducer(initialState(undefined, { stages: [configRules] }), { type: 'inventory', generation: 1, events });
    const cert = state.certificates[0];
    const text = detailLines(cert, new Date(), DEFAULT_AUDIT_CONFIG.expiryDays, 120, null, stageSectionsOf(state, cert)).map((l) => `${l.label ?? ''} ${l.text}`.trim());
    expect(text).toContain('Config rules');
    expect(text).toContain('Expiry watched by AWS Config rule acm-certificate-expiration-check');
  });

  it('is cached: a second read within --max-age reuses it without a call, checked against its schema', async () => {
    const cache = new InventoryCache({ dir: tempDir('acm-advisor-stage-'), sourceKey: sourceKey({ profile: null, endpoint: endpoint.url }), readBack: true, reuseWithinMs: 3_600_000 });
    const first = source(endpoint);
    await (first.load as WithPrior)(() => {}, undefined, cache.priorReads());
    first.close();
    // (Answered calls: the service's quota is shared with the test before, so one may be throttled and retried.)
    expect(endpoint.calls.filter((c) => c.operation === 'DescribeConfigRules' && c.status === 200)).toHaveLength(RULES.length);
    endpoint.resetCalls();
    const second = source(endpoint);
    const inv = await (second.load as WithPrior)(() => {}, undefined, cache.priorReads());
    second.close();
    expect(endpoint.calls.filter((c) => c.operation === 'DescribeConfigRules')).toEqual([]);
    expect(inv.stages).toEqual([expect.objectContaining({ stage: 'config-rules', status: 'ok', data: RULES, cached: true })]);
    expect(isPartial(inv)).toBe(false);
  });

  it('denied: a named partial result that lists the checks it prevented', async () => {
    endpoint.setFaults({ deniedOperations: ['config:DescribeConfigRules'] });
    const src = source(endpoint);
    const inv = await src.load(() => {});
    src.close();
    expect(isPartial(inv)).toBe(true);
    expect(inv.regions[0]).toMatchObject({
      status: 'partial',
      detailsFailed: [{ part: 'config-rules', reason: 'denied', code: 'AccessDeniedException', count: account.certificates.length, prevents: ['certificate-expiry-watched-by-config'] }],
    });
    expect(incompleteLines(inv)).toEqual([
      'Config rules (config:DescribeConfigRules) denied for 4 certificates in us-east-1 (AccessDeniedException): certificate-expiry-watched-by-config could not be checked; grant the read permissions that \'acm-advisor policy\' prints',
    ]);
    // The certificates themselves were read in full.
    expect(inv.certificates.every((c) => c.detail.state === 'complete')).toBe(true);
  });

  it('cut by the deadline: unfinished, named, and the rest of the run stands', async () => {
    endpoint.setFaults({ stalledOperations: ['config:DescribeConfigRules'] });
    const src = source(endpoint);
    const stop = new AbortController();
    const load = src.load(() => {}, stop.signal);
    await seen(endpoint, 'DescribeConfigRules');
    stop.abort(new DeadlineExceeded('2m'));
    const inv = await load;
    src.close();
    endpoint.setFaults({ stalledOperations: [] });
    expect(inv.stopped?.code).toBe('DeadlineExceeded');
    expect(inv.regions[0].detailsFailed).toContainEqual(expect.objectContaining({ part: 'config-rules', reason: 'unfinished', code: 'DeadlineExceeded' }));
    expect(inv.stages).toEqual([expect.objectContaining({ stage: 'config-rules', status: 'failed', failure: { reason: 'unfinished', code: 'DeadlineExceeded' } })]);
  });
});
