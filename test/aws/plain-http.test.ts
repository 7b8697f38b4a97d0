import { describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint } from '../../src/endpoint/index.js';
import { configuredEndpoints, plainHttpTokenWarning } from '../../src/aws/plain-http.js';
import { runCli, TEST_KEYS, withoutDnsNotice } from '../cli/run-cli.js';

const token = { sessionToken: 'FwoGZXIvYXdzE' };

describe('a session token over plain HTTP', () => {
  it('warns for http:// to anything but this machine, once, naming the host', () => {
    expect(plainHttpTokenWarning(['http://acm.corp.example:8080'], token)).toBe(
      'the session token is sent in clear text to acm.corp.example:8080 (plain http://, not this machine): anyone on the way can use these credentials until they expire; use https://',
    );
    expect(plainHttpTokenWarning(['http://10.0.0.5/'], token)).toContain('10.0.0.5');
  });

  it('is quiet for https, loopback, or credentials without a session token', () => {
    for (const url of ['https://acm.corp.example', 'http://127.0.0.1:4566', 'http://localhost:4566', 'http://[::1]:4566', 'http://[::ffff:127.0.0.1]:1', 'http://acm.localhost']) {
      expect(plainHttpTokenWarning([url], token), url).toBeNull();
    }
    expect(plainHttpTokenWarning(['http://acm.corp.example'], {})).toBeNull();
    expect(plainHttpTokenWarning([], token)).toBeNull();
  });

  it('looks at --endpoint-url, else every AWS_ENDPOINT_URL* variable', () => {
    const env = { AWS_ENDPOINT_URL_ACM: 'http://a.example', AWS_ENDPOINT_URL: 'https://b.example', AWS_REGION: 'x' };
    expect(configuredEndpoints('https://c.example', env)).toEqual(['https://c.example']);
    expect(configuredEndpoints(undefined, env).sort()).toEqual(['http://a.example', 'https://b.example']);
  });

  it('the CLI says it in one stderr line (real binary; .invalid never resolves, so no connection is made)', async () => {
    const r = await runCli(['inventory', '--regions', 'eu-west-1', '--endpoint-url', 'http://acm.invalid:8080', '--format', 'json'], {
      ...TEST_KEYS,
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzE',
      AWS_MAX_ATTEMPTS: '1',
    });
    const lines = r.stderr.split('\n').filter((l) => l.includes('clear text'));
    expect(lines).toEqual([
      'acm-advisor: warning: the session token is sent in clear text to acm.invalid:8080 (plain http://, not this machine): anyone on the way can use these credentials until they expire; use https://',
    ]);
  });

  it('the CLI stays quiet for the local endpoint over http://', async () => {
    const endpoint = await startEndpoint({ account: loadDemoAccount(new Date()), rateScale: 50 });
    try {
      const r = await runCli(['inventory', '--regions', 'eu-west-1', '--endpoint-url', endpoint.url, '--format', 'json'], { ...TEST_KEYS, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzE' });
      expect(r.code).toBe(0);
      expect(withoutDnsNotice(r.stderr)).toBe('');
    } finally {
      await endpoint.close();
    }
  });
});
