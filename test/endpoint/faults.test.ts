import { DescribeCertificateCommand, GetAccountConfigurationCommand, ListCertificatesCommand, paginateListCertificates } from '@aws-sdk/client-acm';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/endpoint/rate-limit.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { clients, listEverything, rejectionOf } from './helpers.js';

const account = loadDemoAccount(new Date('2026-11-27T12:00:00Z'));
let endpoint: RunningEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('fault injection', () => {
  it('throttles with a ThrottlingException the SDK recognises and retries', async () => {
    endpoint = await startEndpoint({ account, throttleFraction: 1, rateLimit: false });
    const once = await rejectionOf(clients(endpoint, 'eu-west-1').acm.send(new ListCertificatesCommand({})));
    expect(once.name).toBe('ThrottlingException');
    expect(once.$metadata?.httpStatusCode).toBe(400);
    // With retries on, the SDK tries again: it classified the error as retryable throttling.
    const retried = await rejectionOf(clients(endpoint, 'eu-west-1', 2).acm.send(new ListCertificatesCommand({})));
    expect(retried.$metadata?.attempts).toBe(2);
  });

  it('a 30% throttle rate still yields a complete listing through the SDK’s retries', async () => {
    endpoint = await startEndpoint({ account, throttleFraction: 0.3, rateLimit: false, pageSizeCap: 5, seed: 7 });
    const { acm } = clients(endpoint, 'eu-west-1', 10);
    const arns: string[] = [];
    for await (const page of paginateListCertificates({ client: acm }, listEverything())) arns.push(...page.CertificateSummaryList!.map((s) => s.CertificateArn!));
    expect(arns.sort()).toEqual(account.certificates.filter((c) => c.region === 'eu-west-1').map((c) => c.arn).sort());
    expect(endpoint.calls.some((c) => c.status === 400)).toBe(true);
  });

  it('answers 500 InternalFailure or 503 ServiceUnavailable at the server-error rate', async () => {
    endpoint = await startEndpoint({ account, serverErrorFraction: 1, rateLimit: false });
    const { acm, tagging } = clients(endpoint, 'eu-west-1');
    for (let i = 0; i < 6; i++) {
      const error = await rejectionOf(acm.send(new GetAccountConfigurationCommand({})));
      expect(['InternalFailure', 'ServiceUnavailable']).toContain(error.name);
      expect([500, 503]).toContain(error.$metadata?.httpStatusCode);
    }
    expect(new Set(endpoint.calls.map((c) => c.status))).toEqual(new Set([500, 503]));
    expect([500, 503]).toContain((await rejectionOf(tagging.send(new GetResourcesCommand({})))).$metadata?.httpStatusCode);
  });

  it('leaves STS alone and can be switched off at run time', async () => {
    endpoint = await startEndpoint({ account, throttleFraction: 1, serverErrorFraction: 1, rateLimit: false });
    const { acm, sts } = clients(endpoint, 'eu-west-1');
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
    endpoint.setFaults({ throttleFraction: 0, serverErrorFraction: 0 });
    expect((await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList!.length).toBeGreaterThan(0);
  });

  it('is deterministic for a given seed', async () => {
    const statuses = async () => {
      const ep = await startEndpoint({ account, throttleFraction: 0.5, rateLimit: false, seed: 42 });
      const { acm } = clients(ep, 'eu-west-1');
      for (let i = 0; i < 12; i++) await acm.send(new GetAccountConfigurationCommand({})).catch(() => undefined);
      const out = ep.calls.map((c) => c.status);
      await ep.close();
      return out;
    };
    const first = await statuses();
    expect(first).toContain(400);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });

  it('adds latency without changing answers', async () => {
    endpoint = await startEndpoint({ account, latencyMs: { min: 1, max: 5 }, rateLimit: false });
    const { acm } = clients(endpoint, 'us-east-1');
    expect((await acm.send(new GetAccountConfigurationCommand({}))).ExpiryEvents?.DaysBeforeExpiry).toBe(45);
  });
});

describe('rate limiting at ACM quotas', () => {
  it('throttles a burst beyond the per-second quota', async () => {
    endpoint = await startEndpoint({ account });
    const { acm } = clients(endpoint, 'eu-west-1');
    // GetAccountConfiguration's quota is 1/s: ten at once cannot all pass.
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => acm.send(new GetAccountConfigurationCommand({}))));
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('keeps buckets per region and per operation', async () => {
    endpoint = await startEndpoint({ account });
    await clients(endpoint, 'eu-west-1').acm.send(new GetAccountConfigurationCommand({}));
    // Another region and another operation each have their own bucket.
    await clients(endpoint, 'us-east-1').acm.send(new GetAccountConfigurationCommand({}));
    const arn = account.certificates.find((c) => c.region === 'eu-west-1')!.arn;
    await clients(endpoint, 'eu-west-1').acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    expect(endpoint.calls.map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it('refills at the quota rate with burst equal to the rate (simulated clock)', () => {
    let t = 0;
    const limiter = new RateLimiter(1, () => t);
    const take = (n: number) => Array.from({ length: n }, () => limiter.take('eu-west-1', 'ListCertificates')).filter(Boolean).length;
    expect(take(20)).toBe(8);
    t += 500;
    expect(take(20)).toBe(4);
    t += 10_000;
    expect(take(20)).toBe(8);
    expect(limiter.take('eu-west-1', 'SomethingUnquoted')).toBe(true);
    limiter.setScale(10);
    expect(take(200)).toBe(80);
  });
});
