/**
 * TUI benchmarks: filter keystroke-to-frame latency on the Certificates view at 10,000 and 50,000
 * synthetic certificates, each against baselines measured in the same run on the same data:
 * a keystroke that changes no filter (cursor down → frame) and a plain substring scan of the records.
 *
 * The App renders through Ink to a fake stdout in debug mode (every commit is written at once, no
 * 30 fps throttle), so the time is stdin write → the frame showing the new count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { emptyCertificate, type Certificate } from '../src/domain/certificate.js';
import type { Inventory, InventorySource } from '../src/domain/inventory.js';
import { loadKnowledgeBase } from '../src/advisor/index.js';
import { haystackOf } from '../src/ui/state/filter.js';
import { FakeStdin, FakeStdout } from '../test/support/fake-terminal.js';

// Measure what users run: the shipped bundle defines NODE_ENV=production, and React's development
// build (render timing via performance.measure, extra checks) is several times slower. React reads
// NODE_ENV when first loaded, so React, Ink and the App are imported lazily, after this line.
process.env.NODE_ENV ??= 'production';
const loadUi = async () => {
  const [{ default: React }, { render }, { App }] = await Promise.all([import('react'), import('ink'), import('../src/ui/app.js')]);
  return { React, render, App };
};

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const WORDS = ['shop', 'api', 'payments', 'checkout', 'auth', 'cdn', 'static', 'media', 'billing', 'search', 'admin', 'portal', 'mail', 'vpn', 'grafana', 'jenkins', 'status', 'docs', 'help', 'partners'];
const ENVS = ['prod', 'staging', 'dev', 'qa', 'sandbox'];
const ZONES = ['northwind.example.com', 'contoso.example.net', 'fabrikam.example.org', 'tailspin.example.io', 'adatum.example.co.uk'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const KEYS = ['RSA_2048', 'RSA_2048', 'RSA_2048', 'EC_prime256v1', 'RSA_4096', 'EC_secp384r1', 'RSA_1024'];
const STATUSES = ['ISSUED', 'ISSUED', 'ISSUED', 'ISSUED', 'PENDING_VALIDATION', 'EXPIRED', 'INACTIVE'];
const TYPES = ['AMAZON_ISSUED', 'AMAZON_ISSUED', 'AMAZON_ISSUED', 'IMPORTED', 'PRIVATE'];

/** Deterministic synthetic certificates with varied domains, SANs and tags. */
export function syntheticCertificates(n: number): Certificate[] {
  let seed = 42;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const now = Date.now();
  const out: Certificate[] = [];
  for (let i = 0; i < n; i++) {
    const region = REGIONS[rnd(REGIONS.length)];
    const id = `${i.toString(16).padStart(8, '0')}-${rnd(0xffff).toString(16).padStart(4, '0')}-4000-8000-${rnd(0xffffff).toString(16).padStart(12, '0')}`;
    const c = emptyCertificate(`arn:aws:acm:${region}:111122223333:certificate/${id}`, region);
    const word = WORDS[rnd(WORDS.length)];
    const env = ENVS[rnd(ENVS.length)];
    const zone = ZONES[rnd(ZONES.length)];
    const domain = `${word}${i % 97}.${env}.${zone}`;
    const sans = [domain];
    const extra = rnd(8);
    for (let s = 0; s < extra; s++) sans.push(`${WORDS[rnd(WORDS.length)]}${rnd(500)}.${env}.${zone}`);
    out.push({
      ...c,
      domainName: domain,
      subjectAlternativeNames: sans,
      status: STATUSES[rnd(STATUSES.length)],
      type: TYPES[rnd(TYPES.length)],
      keyAlgorithm: KEYS[rnd(KEYS.length)],
      notBefore: new Date(now - 200 * 86_400_000).toISOString(),
      notAfter: new Date(now + (rnd(500) - 30) * 86_400_000).toISOString(),
      inUse: rnd(3) > 0,
      renewalEligibility: rnd(2) ? 'ELIGIBLE' : 'INELIGIBLE',
      validationMethod: 'DNS',
      tags: { owner: `team-${WORDS[rnd(WORDS.length)]}`, environment: env, application: word },
      detail: { state: 'complete' },
    });
  }
  return out;
}

function sourceOf(certs: Certificate[]): InventorySource {
  return {
    label: { profile: 'bench', endpoint: null, demo: false, regions: REGIONS },
    async load(onEvent) {
      const inventory: Inventory = {
        generatedAt: new Date().toISOString(),
        account: { id: '111122223333', arn: 'arn:aws:iam::111122223333:root' },
        regions: REGIONS.map((region) => ({ region, status: 'ok', listed: 0, described: 0 })),
        certificates: certs,
        warnings: [],
      };
      onEvent({ kind: 'regions', regions: REGIONS });
      for (let i = 0; i < certs.length; i += 1000) onEvent({ kind: 'summaries', region: REGIONS[0], certificates: certs.slice(i, i + 1000) });
      onEvent({ kind: 'done', inventory });
      return inventory;
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

class Screen {
  readonly stdout = new FakeStdout(160, 50);
  readonly stdin = new FakeStdin();
  private waiter: { test: (f: string) => boolean; resolve: () => void } | null = null;

  constructor() {
    this.stdout.onWrite = (frame) => {
      if (this.waiter && this.waiter.test(frame)) {
        const w = this.waiter;
        this.waiter = null;
        w.resolve();
      }
    };
  }

  /** Write `data` and resolve with the ms until a frame passes `test`. */
  time(data: string, test: (frame: string) => boolean, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const timer = setTimeout(() => reject(new Error(`no frame for ${JSON.stringify(data)}`)), timeoutMs);
      this.waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve(performance.now() - t0);
        },
      };
      this.stdin.write(data);
    });
  }

  until(test: (frame: string) => boolean, timeoutMs = 60_000): Promise<void> {
    if (test(this.stdout.lastFrame())) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function measure(n: number): Promise<BenchRow[]> {
  const { React, render, App } = await loadUi();
  const certs = syntheticCertificates(n);
  const screen = new Screen();
  // Its own folder for the advisor session, so a bench run never meets another's leftovers.
  const configDir = mkdtempSync(join(tmpdir(), 'acm-advisor-bench-'));
  const instance = render(React.createElement(App, { source: sourceOf(certs), color: false, configDir, knowledgeBase: loadKnowledgeBase(), onExit: () => {} }), {
    stdout: screen.stdout as unknown as NodeJS.WriteStream,
    stdin: screen.stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    await tick();
    await screen.until((f) => f.includes('loaded'));
    const total = n.toLocaleString('en-US');
    await screen.time('2', (f) => f.includes(`${total} certificates`));

    // Baseline 1: a keystroke that changes no filter — cursor down to the frame that shows it.
    const moves: number[] = [];
    for (let i = 0; i < 30; i++) {
      const row = i + 1;
      moves.push(await screen.time('j', (f) => (f.split('\n')[4 + row] ?? '').startsWith('›')));
    }
    await screen.time('g', (f) => (f.split('\n')[4] ?? '').startsWith('›'));

    // Filter keystrokes: type realistic queries one character at a time; time each to the frame whose
    // count answers the query typed so far (echo latency is recorded too).
    const queries = ['payments', 'staging.contoso', 'team-auth prod', 'api42'];
    const counts: number[] = [];
    const echoes: number[] = [];
    for (const q of queries) {
      await screen.time('/', (f) => f.split('\n')[2]?.startsWith('/') ?? false);
      let typed = '';
      for (const ch of q) {
        typed += ch;
        const echoLine = `/${typed}`;
        let echoAt = -1;
        const t0 = performance.now();
        const ms = await screen.time(ch, (f) => {
          const line = f.split('\n')[2] ?? '';
          if (echoAt < 0 && line.startsWith(echoLine)) echoAt = performance.now() - t0;
          return line.startsWith(echoLine) && !line.includes('filtering…') && / of /.test(line);
        });
        counts.push(ms);
        echoes.push(echoAt < 0 ? ms : echoAt);
      }
      await screen.time('\u001b', (f) => f.includes(`${total} certificates`));
    }

    // Baseline 2: the plain substring scan over the same pre-joined records.
    const corpus = certs.map(haystackOf);
    const scans: number[] = [];
    for (const q of ['payments', 'contoso', 'auth', 'api42']) {
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        let found = 0;
        for (const h of corpus) if (h.includes(q)) found++;
        scans.push(performance.now() - t + found * 0);
      }
    }

    const move = median(moves);
    const scan = median(scans);
    const label = `${n.toLocaleString('en-US')} certs`;
    return [
      { name: `tui filter keystroke→count frame, ${label} (median)`, value: median(counts), unit: 'ms', baseline: `cursor-move keystroke→frame ${move.toFixed(1)} ms`, ratio: median(counts) / move },
      { name: `tui filter keystroke→count frame, ${label} (p95)`, value: p95(counts), unit: 'ms', baseline: `cursor-move keystroke→frame ${move.toFixed(1)} ms`, ratio: p95(counts) / move },
      { name: `tui filter keystroke→echo frame, ${label} (median)`, value: median(echoes), unit: 'ms', baseline: `cursor-move keystroke→frame ${move.toFixed(1)} ms`, ratio: median(echoes) / move },
      { name: `tui filter keystroke→count frame vs substring scan, ${label}`, value: median(counts), unit: 'ms', baseline: `plain substring scan ${scan.toFixed(1)} ms`, ratio: median(counts) / Math.max(scan, 0.01) },
    ];
  } finally {
    instance.unmount();
    instance.cleanup();
    rmSync(configDir, { recursive: true, force: true });
  }
}

export async function benchTui(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const reactBuild = process.env.NODE_ENV === 'production' ? 'production' : 'development';
  for (const n of [10_000, 50_000]) rows.push(...(await measure(n)));
  if (reactBuild !== 'production') for (const r of rows) r.name += ' [React dev build]';
  return rows;
}

// Run directly: `npx tsx bench/tui.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchTui()) {
    console.log(`${r.name.padEnd(64)} ${r.value.toFixed(1).padStart(8)} ${r.unit}  ×${(r.ratio ?? NaN).toFixed(2)}  (baseline: ${r.baseline})`);
  }
  process.exit(0);
}
