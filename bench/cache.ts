/**
 * Startup and cache rows (`npm run bench`), each against a baseline measured in the same run:
 * the first painted frame and a warm start in a real terminal (tmux) against a bare `node` line,
 * a warm `audit --max-age 1h` against the project's endpoint (quotas on, 40 ms latency), the peak
 * RSS of the app holding 50,000 cached certificates, and the Markdown report of 10,000.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../src/advisor/index.js';
import { runAudit } from '../src/audit/run.js';
import { awsInventorySource } from '../src/aws/source.js';
import { sourceLabel } from '../src/aws/source-label.js';
import { withInventoryCache } from '../src/cache/cached-source.js';
import { InventoryCache, sourceKey } from '../src/cache/inventory-cache.js';
import type { Certificate } from '../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG } from '../src/domain/thresholds.js';
import { startEndpoint, syntheticAccount } from '../src/endpoint/index.js';
import { composeReport } from '../src/report/compose.js';
import { renderReportMarkdown } from '../src/report/render-markdown.js';
import { scaledPacing } from './scale.js';
import { syntheticCertificates, type BenchRow } from './tui.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };

/** A cache folder holding `certs` as this endpoint's last complete read. */
function seedCache(xdg: string, endpointUrl: string, certs: Certificate[]): void {
  const label = sourceLabel({ endpoint: endpointUrl, regions: { kind: 'list', regions: REGIONS } });
  const cache = new InventoryCache({ dir: join(xdg, 'acm-advisor'), sourceKey: sourceKey(label), readBack: true });
  for (const region of REGIONS) cache.saveRegion(ACCOUNT, region, certs.filter((c) => c.region === region), new Date());
  cache.rememberAccount({ id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` });
}

/** ms from starting `cmd` in a fresh tmux session until the pane passes `test` (median of `runs`). */
function paneTime(cmd: string, test: (pane: string) => boolean, runs: number, env: Record<string, string> = {}): number {
  const server = `acm-bench-cache-${process.pid}-${Date.now()}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', server, ...args], { env: { ...process.env, ...env } });
  tmux('new-session', '-d', '-s', 'keepalive', 'sleep 600');
  const xs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const session = `s${i}`;
      const t = performance.now();
      tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', cmd);
      for (;;) {
        const pane = tmux('capture-pane', '-p', '-t', session).stdout?.toString() ?? '';
        if (test(pane) || performance.now() - t > 30_000) break;
      }
      xs.push(performance.now() - t);
      tmux('kill-session', '-t', session);
    }
  } finally {
    tmux('kill-server');
  }
  return median(xs);
}

const tmuxEnv = (vars: Record<string, string>) => Object.entries(vars).map(([k, v]) => `${k}='${v}'`).join(' ');
const BARE = `node -e "console.log('ready'); setTimeout(()=>{}, 5000)"`;

export async function benchCache(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const log = (m: string) => process.stderr.write(`bench/cache: ${m}\n`);
  const haveTmux = spawnSync('tmux', ['-V']).status === 0;
  const work = mkdtempSync(join(tmpdir(), 'acm-bench-cache-'));
  // A quiet endpoint: the warm start must not depend on any answer.
  const endpoint = await startEndpoint({ account: syntheticAccount({ count: 10, regions: REGIONS, seed: 1, now: new Date(), accountId: ACCOUNT }), latencyMs: 40 });
  try {
    if (haveTmux) {
      const base = paneTime(BARE, (p) => p.includes('ready'), 5);
      const home = join(work, 'home');
      const first = paneTime(`HOME='${home}' node bin/acm-advisor.js --demo`, (p) => p.includes('READ-ONLY'), 5);
      log(`first frame ${first.toFixed(0)} ms vs ${base.toFixed(0)} ms`);
      rows.push({ name: 'startup: first painted frame (--demo) in tmux', value: first, unit: 'ms', baseline: `node prints a line in tmux ${base.toFixed(0)} ms (+${(first - base).toFixed(0)} ms; target ≤ +250)`, ratio: first / base });

      const xdg = join(work, 'warm10k');
      seedCache(xdg, endpoint.url, syntheticCertificates(10_000));
      const env = tmuxEnv({ ...KEYS, HOME: home, XDG_CACHE_HOME: xdg });
      const warm = paneTime(`env ${env} node bin/acm-advisor.js --endpoint-url ${endpoint.url} --regions ${REGIONS.join(',')}`, (p) => /details 10,000\/10,000/.test(p) && p.includes('stale:'), 3);
      log(`warm 10k ${warm.toFixed(0)} ms`);
      rows.push({ name: 'warm start: first frame showing 10,000 cached certificates', value: warm, unit: 'ms', baseline: `node prints a line in tmux ${base.toFixed(0)} ms (target ≤ 1,000 ms)`, ratio: warm / base });

      // Peak RSS of the app holding 50,000 cached certificates (read from /proc once they are on screen).
      const xdg50 = join(work, 'warm50k');
      seedCache(xdg50, endpoint.url, syntheticCertificates(50_000));
      const rssFile = join(work, 'rss');
      const env50 = tmuxEnv({ ...KEYS, HOME: home, XDG_CACHE_HOME: xdg50 });
      const release = endpoint.pause();
      const pidFile = join(work, 'pid');
      paneTime(
        `(while sleep 0.2; do [ -s '${pidFile}' ] && grep VmHWM /proc/$(cat '${pidFile}')/status > '${rssFile}.tmp' 2>/dev/null && mv '${rssFile}.tmp' '${rssFile}'; done) & ` +
          `sh -c 'echo $$ > ${pidFile}; exec env ${env50.replace(/'/g, '')} node bin/acm-advisor.js --endpoint-url ${endpoint.url} --regions ${REGIONS.join(',')}'`,
        (p) => /details 50,000\/50,000/.test(p) && p.includes('stale:'),
        1,
      );
      await new Promise((r) => setTimeout(r, 600));
      release();
      log('rss measured');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(rssFile, 'utf8'))?.[1] ?? NaN);
      const bare = Number(/VmHWM:\s+(\d+)/.exec(spawnSync(process.execPath, ['-e', "console.log(require('fs').readFileSync('/proc/self/status','utf8'))"]).stdout.toString())?.[1] ?? NaN);
      rows.push({ name: 'peak RSS of the app holding 50,000 cached certificates', value: kb / 1024, unit: 'MB', baseline: `bare node ${(bare / 1024).toFixed(0)} MB (target ≤ 300 MB)`, ratio: kb / bare });
    } else {
      rows.push({ name: 'startup and warm-start rows (tmux missing: not measured)', value: NaN, unit: 'ms' });
    }

    // Warm `audit --max-age 1h`, 2,500 certificates in one region, quotas on and 40 ms latency.
    const big = syntheticAccount({ count: 2500, regions: ['eu-west-1'], seed: 4, now: new Date(), accountId: ACCOUNT });
    const quotas = await startEndpoint({ account: big, latencyMs: 40 });
    try {
      const xdg = join(work, 'audit');
      const label = sourceLabel({ endpoint: quotas.url, regions: { kind: 'list', regions: ['eu-west-1'] } });
      // Filled by a fast read (quotas lifted for it), so the timed run is the warm one.
      quotas.setFaults({ rateScale: 50, latencyMs: 0 });
      const cache = new InventoryCache({ dir: join(xdg, 'acm-advisor'), sourceKey: sourceKey(label), readBack: true });
      const fill = awsInventorySource({ regions: { kind: 'list', regions: ['eu-west-1'] }, endpoint: quotas.url, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' }, homeRegion: 'us-east-1', pacing: scaledPacing(50) });
      await withInventoryCache({ label, cache, regions: ['eu-west-1'], warmStart: false, live: async () => fill }).load(() => {});
      fill.close();
      log('audit cache filled');
      quotas.setFaults({ rateScale: 1, latencyMs: 40 });
      quotas.resetCalls();
      const node = median([0, 1, 2].map(() => {
        const t = performance.now();
        spawnSync(process.execPath, ['-e', '']);
        return performance.now() - t;
      }));
      // Asynchronously: the endpoint answers from this very process, which spawnSync would block.
      const t = performance.now();
      const r = await new Promise<{ status: number | null }>((resolve) => {
        const child = spawn(process.execPath, ['bin/acm-advisor.js', 'audit', '--max-age', '1h', '--format', 'json', '--endpoint-url', quotas.url, '--regions', 'eu-west-1'], {
          env: { ...process.env, ...KEYS, HOME: join(work, 'home'), XDG_CACHE_HOME: xdg },
          stdio: ['ignore', 'ignore', 'ignore'],
        });
        child.on('close', (status) => resolve({ status }));
      });
      const ms = performance.now() - t;
      log(`warm audit ${ms.toFixed(0)} ms`);
      const described = quotas.calls.filter((c) => c.operation === 'DescribeCertificate').length;
      rows.push({
        name: `warm audit --max-age 1h, 2,500 certificates (exit ${r.status})`,
        value: ms,
        unit: 'ms',
        baseline: `node -e '' ${node.toFixed(0)} ms; ${described} DescribeCertificate calls (target ≤ 2,000 ms)`,
        ratio: ms / node,
      });
    } finally {
      await quotas.close();
    }

    // The Markdown report of 10,000 certificates, in process (the report command's own pipeline).
    const certs = syntheticCertificates(10_000);
    const now = new Date();
    const kb = loadKnowledgeBase();
    const inventory = { generatedAt: now.toISOString(), account: { id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` }, regions: [], certificates: certs, warnings: [] };
    const times: number[] = [];
    let audits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = performance.now();
      const findings = runAudit(certs, DEFAULT_AUDIT_CONFIG, now).findings;
      const b = performance.now();
      renderReportMarkdown(composeReport({ inventory, findings, answers: null, config: DEFAULT_AUDIT_CONFIG, now, knowledgeBase: kb }).report);
      times.push(performance.now() - a);
      audits = [...audits, b - a];
    }
    rows.push({ name: 'Markdown report of 10,000 certificates (audit + compose + render)', value: median(times), unit: 'ms', baseline: `the audit alone ${median(audits).toFixed(0)} ms (target ≤ 1,000 ms)`, ratio: median(times) / median(audits) });
  } finally {
    await endpoint.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

// Run directly: `npx tsx bench/cache.ts` (after `npm run build`).
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchCache()) {
    console.log(`${r.name.padEnd(70)} ${r.value.toFixed(1).padStart(9)} ${r.unit}  ×${(r.ratio ?? NaN).toFixed(2)}  (baseline: ${r.baseline})`);
  }
  process.exit(0);
}
