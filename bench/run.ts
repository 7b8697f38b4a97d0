/**
 * `npm run bench`: the figures the issues name, each as a ratio against a baseline
 * measured in the same run on the same machine (these machines are noisy; absolute
 * milliseconds alone mean little).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startEndpoint } from '../src/endpoint/index.js';
import { syntheticAccount } from '../src/endpoint/synthetic.js';
import { awsInventorySource } from '../src/aws/source.js';
import { benchScale, scaledPacing } from './scale.js';
import { benchCache } from './cache.js';
import { benchEvidence } from './evidence.js';

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => void, runs: number): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function startup(): Promise<void> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const node = time(() => execFileSync(process.execPath, ['-e', ''], { env }), 15);
  const version = time(() => execFileSync(process.execPath, ['bin/acm-advisor.js', '--version'], { env }), 15);
  rows.push({ name: 'startup: acm-advisor --version', value: version, unit: 'ms', baseline: `node -e '' ${node.toFixed(0)} ms`, ratio: version / node });
}

async function firstFrame(): Promise<void> {
  if (spawnSync('tmux', ['-V']).status !== 0) {
    rows.push({ name: 'time to first frame (tmux missing: not measured)', value: NaN, unit: 'ms' });
    return;
  }
  const xs: number[] = [];
  const bases: number[] = [];
  // A private tmux server kept alive by an idle session: starting and killing sessions back
  // to back otherwise races the server's own shutdown.
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', `acm-bench-${process.pid}`, ...args]);
  tmux('new-session', '-d', '-s', 'keepalive', 'sleep 600');
  for (let i = 0; i < 5; i++) {
    for (const [cmd, marker, into] of [
      [`node bin/acm-advisor.js --demo`, 'Overview', xs],
      [`node -e "console.log('ready'); setTimeout(()=>{}, 5000)"`, 'ready', bases],
    ] as const) {
      const session = `bench-${process.pid}-${i}-${into === xs ? 'a' : 'b'}`;
      const t = performance.now();
      tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', cmd);
      for (;;) {
        const pane = tmux('capture-pane', '-p', '-t', session).stdout?.toString() ?? '';
        if (pane.includes(marker)) break;
        if (performance.now() - t > 20_000) break;
      }
      (into as number[]).push(performance.now() - t);
      tmux('kill-session', '-t', session);
    }
  }
  tmux('kill-server');
  const ff = median(xs);
  const base = median(bases);
  rows.push({ name: 'time to first frame: --demo overview in tmux', value: ff, unit: 'ms', baseline: `node prints a line in tmux ${base.toFixed(0)} ms`, ratio: ff / base });
}

/**
 * No lost data under faults: the same synthetic account read clean, then with 30%
 * throttling and 5% server errors. Reports completeness and the time ratio.
 */
async function faults(): Promise<void> {
  const scale = 10;
  const regions = ['us-east-1', 'eu-west-1'];
  const account = syntheticAccount({ count: 600, regions, seed: 11, now: new Date() });
  const pacing = scaledPacing(scale);
  const run = async (faultOptions: { throttleFraction: number; serverErrorFraction: number }) => {
    const endpoint = await startEndpoint({ account, rateScale: scale, latencyMs: { min: 5, max: 25 }, seed: 3, ...faultOptions });
    try {
      const source = awsInventorySource({
        regions: { kind: 'list', regions },
        endpoint: endpoint.url,
        credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' },
        homeRegion: 'us-east-1',
        pacing,
      });
      const t = performance.now();
      const inv = await source.load(() => {});
      const ms = performance.now() - t;
      source.close();
      const complete = inv.certificates.filter((c) => c.detail.state === 'complete').length;
      const faulted = endpoint.calls.filter((c) => c.status >= 400).length;
      return { ms, complete, total: inv.certificates.length, faulted, calls: endpoint.calls.length };
    } finally {
      await endpoint.close();
    }
  };
  const clean = await run({ throttleFraction: 0, serverErrorFraction: 0 });
  const faulty = await run({ throttleFraction: 0.3, serverErrorFraction: 0.05 });
  rows.push({
    name: `faults: 30% throttling + 5% 5xx, ${account.certificates.length} certificates complete`,
    value: faulty.complete,
    unit: `of ${faulty.total}`,
    baseline: `${faulty.faulted} faulted responses of ${faulty.calls} calls`,
  });
  rows.push({ name: 'faults: inventory time under faults', value: faulty.ms, unit: 'ms', baseline: `fault-free ${clean.ms.toFixed(0)} ms`, ratio: faulty.ms / clean.ms });
}

async function organisation(): Promise<void> {
  const mod = (await import('./org.js')) as { benchOrganisation(): Promise<Row[]> };
  for (const r of await mod.benchOrganisation()) rows.push(r);
}

async function tui(): Promise<void> {
  try {
    const mod = (await import('./tui.js')) as { benchTui(): Promise<Row[]> };
    for (const r of await mod.benchTui()) rows.push(r);
  } catch (error) {
    rows.push({ name: `tui benchmarks unavailable: ${(error as Error).message.split('\n')[0]}`, value: NaN, unit: '' });
  }
}

// `npm run bench -- --only cache,org` runs some groups (names below); the default is all.
const groups: Record<string, () => Promise<void>> = {
  startup,
  frame: firstFrame,
  cache: async () => { for (const r of await benchCache()) rows.push(r); },
  scale: async () => { for (const r of await benchScale()) rows.push(r); },
  serving: async () => {
    const mod = (await import('./serving.js')) as { benchServing(): Promise<Row[]> };
    for (const r of await mod.benchServing()) rows.push(r);
  },
  faults,
  org: organisation,
  evidence: async () => { for (const r of await benchEvidence()) rows.push(r); },
  tui,
};
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : Object.keys(groups);
const unknown = only.filter((g) => !(g in groups));
if (unknown.length > 0) {
  console.error(`unknown bench group ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
for (const g of only) await groups[g]!();

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`acm-advisor bench — node ${process.version}, ${new Date().toISOString()}\n`);
for (const r of rows) {
  const value = Number.isNaN(r.value) ? '—' : `${r.value.toFixed(r.unit === 'ms' ? 1 : 0)} ${r.unit}`.trimEnd();
  const ratio = r.ratio !== undefined ? `  ×${r.ratio.toFixed(2)}` : '';
  console.log(`${r.name.padEnd(w)}  ${value.padStart(12)}${ratio.padStart(9)}  ${r.baseline ? `(baseline: ${r.baseline})` : ''}`);
}
