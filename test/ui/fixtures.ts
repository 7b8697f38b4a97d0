/** In-memory inventory fixtures for the TUI's unit and component tests. */
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import type { Inventory, InventoryEvent, InventorySource, RegionState } from '../../src/domain/inventory.js';

export const NOW = new Date('2026-11-27T12:00:00Z');
export const ACCOUNT = '123456789012';
/** Whose answers the fixture source's app keeps: its profile and account. */
export const FIXTURE_OWNER = { demo: false, accountId: ACCOUNT, profile: 'test-profile', organisation: false, endpoint: null } as const;

function days(n: number): string {
  return new Date(NOW.getTime() + n * 86_400_000).toISOString();
}

export function cert(id: string, region: string, patch: Partial<Certificate> = {}): Certificate {
  const base = emptyCertificate(`arn:aws:acm:${region}:${ACCOUNT}:certificate/${id}`, region);
  return {
    ...base,
    status: 'ISSUED',
    type: 'AMAZON_ISSUED',
    keyAlgorithm: 'RSA_2048',
    notBefore: days(-300),
    notAfter: days(65),
    inUse: true,
    renewalEligibility: 'ELIGIBLE',
    validationMethod: 'DNS',
    detail: { state: 'complete' },
    ...patch,
  };
}

/** A hostile tag value: sets the window title (OSC 0), recolours (CSI) and reverses text (bidi). */
export const HOSTILE = '\u001b]0;pwned\u0007evil\u001b[31mred\u202eabc';

export function fixtureCertificates(): Certificate[] {
  return [
    cert('a1', 'us-east-1', {
      domainName: 'api.example.com',
      subjectAlternativeNames: ['api.example.com', 'www.api.example.com'],
      notAfter: days(12),
      inUseBy: [
        `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/prod-api/50dc6c495c0c9188`,
        `arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`,
      ],
      tags: { owner: 'platform', environment: 'production' },
      domainValidations: [
        {
          domainName: 'api.example.com',
          validationMethod: 'DNS',
          validationStatus: 'SUCCESS',
          validationDomain: 'api.example.com',
          validationEmails: [],
          resourceRecord: { name: '_x1.api.example.com.', type: 'CNAME', value: '_y1.acm-validations.aws.' },
          httpRedirect: null,
        },
      ],
    }),
    cert('b2', 'us-east-1', {
      domainName: 'shop.example.org',
      subjectAlternativeNames: ['shop.example.org'],
      type: 'IMPORTED',
      renewalEligibility: 'INELIGIBLE',
      notAfter: days(40),
      tags: { team: HOSTILE },
    }),
    cert('c3', 'eu-west-1', {
      domainName: 'legacy.internal.test',
      subjectAlternativeNames: ['legacy.internal.test'],
      keyAlgorithm: 'RSA_1024',
      status: 'EXPIRED',
      notAfter: days(-5),
      inUse: false,
      renewalEligibility: 'INELIGIBLE',
    }),
    cert('d4', 'eu-west-1', {
      domainName: 'billing.example.net',
      subjectAlternativeNames: ['billing.example.net', 'pay.example.net'],
      keyAlgorithm: 'EC_prime256v1',
      notAfter: days(300),
      tags: { application: 'billing' },
    }),
  ];
}

/** Many certificates with a handful of recognisable ones. */
export function manyCertificates(n: number): Certificate[] {
  const out: Certificate[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      cert(`gen-${String(i).padStart(6, '0')}`, i % 2 ? 'us-east-1' : 'eu-west-1', {
        domainName: `host${i}.fleet.example.com`,
        subjectAlternativeNames: [`host${i}.fleet.example.com`],
        notAfter: days(30 + i),
      }),
    );
  }
  return out;
}

export function inventoryOf(certs: Certificate[], regions: string[]): Inventory {
  const states: RegionState[] = regions.map((region) => ({
    region,
    status: 'ok',
    listed: certs.filter((c) => c.region === region).length,
    described: certs.filter((c) => c.region === region).length,
  }));
  return { generatedAt: NOW.toISOString(), account: { id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` }, regions: states, certificates: certs, warnings: [] };
}

/** The events a real load would emit for these certificates: summaries first, then details. */
export function eventsFor(certs: Certificate[], regions: string[], failed: Record<string, string> = {}): InventoryEvent[] {
  const events: InventoryEvent[] = [{ kind: 'identity', account: { id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` } }, { kind: 'regions', regions }];
  for (const region of regions) {
    events.push({ kind: 'region-started', region });
    if (failed[region]) {
      events.push({ kind: 'region-failed', region, error: { code: 'AccessDenied', message: failed[region] } });
      continue;
    }
    const mine = certs.filter((c) => c.region === region);
    events.push({ kind: 'summaries', region, certificates: mine.map((c) => ({ ...c, detail: { state: 'summary' } })) });
    events.push({ kind: 'details', region, certificates: mine });
    events.push({ kind: 'region-done', region });
  }
  const inv = inventoryOf(certs.filter((c) => !failed[c.region]), regions);
  inv.regions = inv.regions.map((r) => (failed[r.region] ? { ...r, status: 'error', error: { code: 'AccessDenied', message: failed[r.region] }, listed: 0, described: 0 } : r));
  events.push({ kind: 'done', inventory: inv });
  return events;
}

export interface FakeSource extends InventorySource {
  loads: number;
  aborted: number;
  /** Release held loads (when created with `hold: true`): those waiting and any later one. */
  release(): void;
}

/** An in-memory InventorySource: emits `eventsFor(certs)`, optionally holding before 'done'. */
export function fakeSource(certs: Certificate[], opts: { regions?: string[]; hold?: boolean; failed?: Record<string, string>; fail?: string } = {}): FakeSource {
  const regions = opts.regions ?? [...new Set(certs.map((c) => c.region))];
  let releasers: Array<() => void> = [];
  // Sticky: a test may release before the app has even started its load (the first frame
  // paints before the load begins), and that load must not then hold for ever.
  let released = false;
  const src: FakeSource = {
    label: { profile: 'test-profile', endpoint: null, demo: false, regions },
    loads: 0,
    aborted: 0,
    release() {
      released = true;
      const r = releasers;
      releasers = [];
      r.forEach((f) => f());
    },
    async load(onEvent, signal) {
      src.loads++;
      signal?.addEventListener('abort', () => src.aborted++);
      if (opts.fail) {
        await Promise.resolve();
        throw new Error(opts.fail);
      }
      const events = eventsFor(certs, regions, opts.failed);
      const done = events.pop() as Extract<InventoryEvent, { kind: 'done' }>;
      for (const e of events) {
        await Promise.resolve();
        if (signal?.aborted) throw new Error('aborted');
        onEvent(e);
      }
      if (opts.hold && !released) await new Promise<void>((resolve) => releasers.push(resolve));
      if (signal?.aborted) throw new Error('aborted');
      onEvent(done);
      return done.inventory;
    },
  };
  return src;
}
