import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { endpointSource } from '../support/endpoint-source.js';
import { renderApp } from './harness.js';

/**
 * The Certificates table's Hosts column over the real SDK and the wire-level endpoint: the demo
 * account's load balancers, distributions, API domains and zones give each certificate its hostnames.
 * The load balancers of eu-west-1 are denied, so that region's certificates are unknown there (—),
 * never 0, and sort after every count in both directions.
 */
const REGIONS = ['us-east-1', 'eu-west-1'];

describe('the Hosts column', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account: loadDemoAccount(new Date()), deniedOperations: ['elasticloadbalancing:DescribeLoadBalancers@eu-west-1'] });
  });
  afterAll(() => endpoint.close());

  it('counts each certificate’s hostnames, shows — where the reads did not cover it, and sorts by the count', async () => {
    const source = endpointSource(endpoint, REGIONS);
    const h = await renderApp({ source, columns: 120, rows: 60, now: () => new Date() });
    try {
      await h.waitForFrame((f) => f.split('\n')[0].endsWith('loaded'), 30_000);
      await h.press('2');
      const header = (await h.waitForFrame(/In use +Hosts/)).split('\n').find((l) => l.startsWith(' Domain'))!;
      const at = header.indexOf('Hosts');
      const cells = (frame: string) =>
        frame
          .split('\n')
          .filter((l) => /^[ ›]\S+ +(us-east-1|eu-west-1) /.test(l))
          .map((l) => ({ domain: l.slice(1).split(' ')[0], region: /(us-east-1|eu-west-1)/.exec(l)?.[1], hosts: l.slice(at, at + 6).trim() }));

      for (let i = 0; i < 12 && !/sorted by hosts ▲/.test(h.frame()); i++) await h.press('s');
      const ascending = cells(await h.waitForFrame('sorted by hosts ▲'));
      // The header keeps its whole word beside the sort mark.
      expect(h.frame()).toMatch(/In use +Hosts▲/);
      await h.press('S');
      const descending = cells(await h.waitForFrame('sorted by hosts ▼'));

      for (const rows of [ascending, descending]) {
        expect(rows.length).toBeGreaterThan(10);
        // Unknown where ELB was denied (eu-west-1), a count where every serving read answered (us-east-1).
        for (const r of rows) expect(r.hosts, r.domain).toMatch(r.region === 'eu-west-1' ? /^—$/ : /^\d+$/);
        const known = rows.filter((r) => r.hosts !== '—');
        expect(rows.slice(known.length).every((r) => r.hosts === '—')).toBe(true);
      }
      const counts = (rows: typeof ascending) => rows.filter((r) => r.hosts !== '—').map((r) => Number(r.hosts));
      expect(counts(ascending)).toEqual([...counts(ascending)].sort((a, b) => a - b));
      expect(counts(descending)).toEqual([...counts(ascending)].reverse());
      // The apex certificate is reached by the most names in the demo (its distribution's aliases and the zone's records).
      expect(descending[0]).toMatchObject({ domain: 'northwind-outfitters.com', hosts: '10' });
      expect(counts(ascending)[0]).toBe(0);
    } finally {
      h.unmount();
      source.close?.();
    }
  });
});
