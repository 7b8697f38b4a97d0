/**
 * CloudTrail's history extended from the cache by a plain CLI run (no --max-age), through the real
 * binary: the second `audit` asks LookupEvents only for what is new since the first, what was recorded
 * in between shows up, and certificates are still described live. With --no-cache it reads in full.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { materialiseAccount, parseAccountFile, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { StoredTrailEvent } from '../../src/stages/cloudtrail/fake.js';
import { LATE_DELIVERY_OVERLAP_MS } from '../../src/stages/cloudtrail/incremental.js';
import { emptyHome, runCli, TEST_KEYS, withoutDnsNotice } from './run-cli.js';
import { recordingLookupStarts } from '../support/lookup-start-times.js';

const ACCOUNT = '444455556666';
const REGION = 'us-east-1';
const DAY = 86_400_000;
const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188`;

function request(id: string, at: Date, domainName: string, who = 'ci-deploy'): StoredTrailEvent {
  return {
    id,
    region: REGION,
    name: 'RequestCertificate',
    time: at,
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${who}/run`,
    requestParameters: { domainName },
    responseElements: { certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}` },
  };
}

// 120 requests over 89 days, all under the company's domain: three pages of 50 for a full read.
const events: StoredTrailEvent[] = [];
const EVENTS = 120;
const { service: recording, startTimes } = recordingLookupStarts();

let endpoint: RunningEndpoint;
beforeAll(async () => {
  const now = Date.now();
  for (let i = 0; i < EVENTS; i++) events.push(request(`e${i}`, new Date(now - ((i * 89) / EVENTS) * DAY - 60_000), `app${i}.example.com`));
  const certificates = materialiseAccount(
    parseAccountFile({
      accountId: ACCOUNT,
      enabledRegions: [REGION],
      certificates: [
        { id: 'shop', region: REGION, domainName: 'shop.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', keyAlgorithm: 'RSA_2048', validation: 'DNS', createdDays: -20, issuedDays: -20, notAfterDays: 178, inUseBy: [LB], tags: { owner: 'web', environment: 'production', application: 'shop' } },
      ],
    }),
    new Date(now),
  );
  endpoint = await startEndpoint({ account: { ...certificates, services: { cloudtrail: { events } } }, services: [recording] });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  events.length = EVENTS;
  startTimes.length = 0;
  endpoint.resetCalls();
});

/** The pages LookupEvents answered (a call throttled at the quota and retried is not a page). */
const lookups = () => endpoint.calls.filter((c) => c.operation === 'LookupEvents' && c.status === 200).length;
const describes = () => endpoint.calls.filter((c) => c.operation === 'DescribeCertificate').length;
const audit = async (home: string, ...flags: string[]) => {
  startTimes.length = 0;
  endpoint.resetCalls();
  const r = await runCli(['audit', '--format', 'json', '--endpoint-url', endpoint.url, '--regions', REGION, ...flags], { ...TEST_KEYS, HOME: home });
  expect(withoutDnsNotice(r.stderr)).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; title: string }> };
};
const outside = (json: { findings: Array<{ ruleId: string; title: string }> }) => json.findings.filter((f) => f.ruleId === 'request-outside-domains').map((f) => f.title);
/** When the cached CloudTrail read of the region began, as the first run saved it. */
const cachedReadAt = (home: string) =>
  Date.parse((JSON.parse(readFileSync(join(home, '.cache', 'acm-advisor', 'accounts', ACCOUNT, 'stages', 'cloudtrail', `${REGION}.json`), 'utf8')) as { read: { readAt: string } }).read.readAt);
/** A request made after the first run, for a domain none of the account's certificates uses. */
const intruder = () => events.push(request('intruder', new Date(Date.now() - 1_000), 'win-a-jacket.com', 'intern'));

describe('a plain CLI run extends the cached CloudTrail history', () => {
  it('the second audit asks only since the first read (less the late-delivery hour) and sees what was recorded in between', async () => {
    const home = emptyHome();
    const first = await audit(home);
    const coldCalls = lookups();
    expect(coldCalls).toBe(3);
    expect(Math.min(...startTimes)).toBeLessThan(Date.now() - 89 * DAY);
    expect(outside(first)).toEqual([]);
    const firstReadAt = cachedReadAt(home);

    intruder();
    const second = await audit(home);
    expect(lookups()).toBeLessThan(coldCalls);
    expect(new Set(startTimes)).toEqual(new Set([firstReadAt - LATE_DELIVERY_OVERLAP_MS]));
    expect(outside(second)).toEqual([expect.stringContaining('win-a-jacket.com')]);
    // Only the history is built on: the certificate is described again and the trails (state, not
    // history) read again, as every plain run does.
    expect(describes()).toBe(1);
    expect(endpoint.calls.filter((c) => c.operation === 'DescribeTrails')).toHaveLength(1);
    // And the merged history is what the next run extends.
    expect(cachedReadAt(home)).toBeGreaterThan(firstReadAt);
  });

  it('with --no-cache the second audit reads the 90 days in full', async () => {
    const home = emptyHome();
    await audit(home);
    const coldCalls = lookups();
    intruder();
    const second = await audit(home, '--no-cache');
    expect(lookups()).toBe(coldCalls);
    expect(Math.min(...startTimes)).toBeLessThan(Date.now() - 89 * DAY);
    expect(outside(second)).toEqual([expect.stringContaining('win-a-jacket.com')]);
  });
});
