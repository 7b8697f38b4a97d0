/**
 * The plain-http token warning for endpoints the SDK finds by itself (endpoint_url in
 * ~/.aws/config) and for the member sessions the tool assumes. The real binary talks to the
 * project's endpoint on 127.0.0.1 under a host name that is not loopback by its spelling
 * (test/support/loopback-lookup.mjs resolves it, and nothing else): no traffic leaves the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredEndpoints } from '../../src/aws/plain-http.js';
import { startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { emptyHome, runCli, TEST_KEYS } from '../cli/run-cli.js';

const HOST = 'acm.probe.test';
const org = syntheticOrganization({ accounts: 2, regions: ['us-east-1'], certificatesPerRegion: 2, now: new Date() });
let endpoint: RunningEndpoint;
let url = '';
beforeAll(async () => {
  endpoint = await startEndpoint({ ...org, rateScale: 50 });
  url = `http://${HOST}:${new URL(endpoint.url).port}`;
});
afterAll(() => endpoint.close());

const viaHost = { NODE_OPTIONS: `--import=${resolve('test/support/loopback-lookup.mjs')}`, ACM_TEST_LOOPBACK_HOSTS: HOST, AWS_MAX_ATTEMPTS: '1' };
const clearText = (stderr: string) => stderr.split('\n').filter((l) => l.includes('clear text'));

describe('session tokens over plain http:// from endpoints the tool did not get on its command line', () => {
  it('reads endpoint_url from the profile, and from the [services] section it names', () => {
    const configFile = { default: { endpoint_url: 'http://a.example' }, audit: { services: 'mine' }, 'services.mine': { 'acm.endpoint_url': 'http://b.example', 'sts.endpoint_url': 'https://c.example' } };
    expect(configuredEndpoints(undefined, {}, { profile: undefined, configFile })).toEqual(['http://a.example']);
    expect(configuredEndpoints(undefined, {}, { profile: 'audit', configFile })).toEqual(['http://b.example', 'https://c.example']);
    expect(configuredEndpoints(undefined, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, { profile: undefined, configFile })).toEqual([]);
    expect(configuredEndpoints('https://flag.example', {}, { profile: undefined, configFile })).toEqual(['https://flag.example']);
  });

  it('endpoint_url in ~/.aws/config: the warning is said once, and the run reads the account', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), `[default]\nregion = us-east-1\nendpoint_url = ${url}\n`);
    const r = await runCli(['inventory', '--regions', 'us-east-1', '--format', 'json'], { ...TEST_KEYS, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzE', HOME: home, ...viaHost });
    expect(clearText(r.stderr)).toEqual([
      `acm-advisor: warning: the session token is sent in clear text to ${HOST}:${new URL(url).port} (plain http://, not this machine): anyone on the way can use these credentials until they expire; use https://`,
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { certificates: unknown[] }).certificates).toHaveLength(2);
  });

  it('--org with long-term keys: the member sessions the tool assumes carry tokens, so it warns for them', async () => {
    const r = await runCli(['--org', 'inventory', '--regions', 'us-east-1', '--endpoint-url', url, '--format', 'json'], { ...TEST_KEYS, ...viaHost });
    expect(clearText(r.stderr)).toEqual([
      `acm-advisor: warning: the member accounts' session tokens (from the roles acm-advisor assumes) are sent in clear text to ${HOST}:${new URL(url).port} (plain http://, not this machine): anyone on the way can use these credentials until they expire; use https://`,
    ]);
    expect(r.code).toBe(0);
    expect(endpoint.calls.some((c) => c.operation === 'AssumeRole')).toBe(true);
  });

  it('the same runs on a loopback name say nothing (the control)', async () => {
    const r = await runCli(['--org', 'inventory', '--regions', 'us-east-1', '--endpoint-url', endpoint.url, '--format', 'json'], { ...TEST_KEYS, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzE' });
    expect(r.code).toBe(0);
    expect(clearText(r.stderr)).toEqual([]);
  });
});
