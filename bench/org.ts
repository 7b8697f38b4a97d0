/**
 * Organisation bench: 50 accounts × 4 regions × 50 certificates, read with --org through
 * the member role, timed against the quota bound — ACM's quotas are per account and per
 * region, so the bound is the slowest account-region at DescribeCertificate's 10/s — and
 * the same estate through a Config aggregator. The endpoint runs in its own process (as
 * AWS would be elsewhere), at ACM's real quotas.
 */
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { awsInventorySource } from '../src/aws/source.js';
import { accountsOf } from '../src/domain/inventory.js';

export interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const ACCOUNTS = 50;
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const PER_REGION = 50;
const DESCRIBE_QUOTA = 10;

/** CPU seconds a process has used, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    // Fields 14 and 15 of /proc/PID/stat (utime, stime), in clock ticks of 10 ms; the command name may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function endpointProcess(): Promise<{ url: string; pid: number | undefined; stop(): void }> {
  const child = spawn(
    process.execPath,
    ['bin/acm-endpoint.js', '--accounts', String(ACCOUNTS), '--certificates', String(PER_REGION * REGIONS.length), '--latency', '5-25', '--seed', '5'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the endpoint exited (${code}) before listening`)));
  });
  return { url, pid: child.pid, stop: () => child.kill() };
}

export async function benchOrganisation(): Promise<Row[]> {
  const rows: Row[] = [];
  const endpoint = await endpointProcess();
  try {
    const common = {
      regions: { kind: 'list' as const, regions: REGIONS },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' },
    };
    const api = awsInventorySource(common);
    // Every HTTP request the client makes, retries included: what its CPU is spent per.
    let requests = 0;
    const countRequest = () => void requests++;
    subscribe('http.client.request.start', countRequest);
    const endpointCpu = processCpuMs(endpoint.pid);
    let t = performance.now();
    const cpu = process.cpuUsage();
    const inv = await api.load(() => {});
    const apiMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const endpointCpuAfter = processCpuMs(endpoint.pid);
    unsubscribe('http.client.request.start', countRequest);
    api.close();
    const floor = (PER_REGION / DESCRIBE_QUOTA) * 1000;
    const complete = inv.certificates.filter((c) => c.detail.state === 'complete').length;
    const accounts = accountsOf(inv);
    rows.push({
      name: `organisation: ${accounts.length} accounts × ${REGIONS.length} regions, ${inv.certificates.length} certificates (${complete} complete)`,
      value: apiMs,
      unit: 'ms',
      baseline: `quota bound ${floor.toFixed(0)} ms (slowest account-region, DescribeCertificate ${DESCRIBE_QUOTA}/s; the endpoint in a process of its own)`,
      ratio: apiMs / floor,
    });
    // Above ×1.3 with the client's CPU near the wall time means the machine, not the quotas, set the pace.
    rows.push({
      name: `organisation: client CPU time during the read, ${requests} requests (${((cpuMs / requests) * 1000).toFixed(0)} µs each)`,
      value: cpuMs,
      unit: 'ms',
      baseline: `wall ${apiMs.toFixed(0)} ms; ${endpointCpu !== null && endpointCpuAfter !== null ? `the endpoint's process ${(endpointCpuAfter - endpointCpu).toFixed(0)} ms of CPU; ` : ''}load average ${loadavg()[0].toFixed(1)} on this machine`,
      ratio: cpuMs / apiMs,
    });

    const config = awsInventorySource({ ...common, origin: { kind: 'config-aggregator', name: 'org' } });
    t = performance.now();
    const viaConfig = await config.load(() => {});
    const configMs = performance.now() - t;
    config.close();
    rows.push({
      name: `organisation via Config aggregator: ${viaConfig.certificates.length} certificates, one paginated query`,
      value: configMs,
      unit: 'ms',
      baseline: `the live read above ${apiMs.toFixed(0)} ms`,
      ratio: configMs / apiMs,
    });
  } finally {
    endpoint.stop();
  }
  return rows;
}
