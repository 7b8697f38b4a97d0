import { parseArgs } from 'node:util';
import { loadDemoAccount } from './account.js';
import { startEndpoint } from './server.js';
import { loadDemoOrganization } from './organization-file.js';
import { syntheticAccount, syntheticOrganization } from './synthetic.js';
import type { AccountData, EndpointOptions, OrganizationData } from './types.js';

/** `npm run endpoint`: the fake AWS endpoint on its own, for trying acm-advisor (or the AWS CLI) without AWS. */

const HELP = `acm-endpoint: a local, read-only fake of the AWS APIs acm-advisor uses
(ACM, Resource Groups Tagging, STS GetCallerIdentity and AssumeRole, EC2 DescribeRegions,
Organizations ListAccounts, Config SelectAggregateResourceConfig).

Usage: npm run endpoint -- [options]

  --port N             listen on 127.0.0.1:N (default: a free port)
  --certificates N     serve a synthetic account of N certificates instead of the demo account
  --org                serve the demo organisation: the demo account manages four member
                       accounts (one refuses the role) and owns a Config aggregator
  --accounts N         with --certificates: an organisation of N synthetic accounts, each
                       holding N certificates per region (aggregator 'org')
  --latency MS|MIN-MAX add latency to ACM and tagging calls, e.g. 50 or 20-200
  --throttle F         answer a fraction F (0..1) of calls with ThrottlingException
  --errors F           answer a fraction F (0..1) of calls with 500/503
  --deny-region R      deny every call in region R (repeatable, or comma-separated)

Fault suite (OP is service:Operation or service:Operation@region, e.g.
acm:DescribeCertificate@us-east-1; each repeatable or comma-separated):
  --deny OP            answer OP with AccessDenied
  --malformed OP       answer OP with 200 and a body that is not valid JSON
  --stall OP           never answer OP (with --stall-ms N: answer after N ms)
  --stall-ms N         how long a stalled call waits before it is answered
  --repeat-token OP    ListCertificates / GetResources hand back the same next-page token forever
  --reset OP           reset the connection instead of answering OP
  --expire-after N     refuse every signed call after the first N with ExpiredTokenException
  --page-cap N         never return more than N items per page
  --search MODE        SearchCertificates: served (default), unknown (as where it is not offered)
                       or denied (AccessDeniedException)
  --no-rate-limit      do not enforce ACM's per-second API quotas
  --seed N             seed for the fault randomness
  -h, --help           this help
`;

function fraction(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) usage(`--${name} takes a fraction between 0 and 1, got "${value}"`);
  return n;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) usage(`--${name} takes a whole number, got "${value}"`);
  return n;
}

/** Operation selectors: service:Operation, optionally @region. */
function selectors(name: string, values: string[] | undefined): string[] | undefined {
  const list = values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const s of list ?? []) if (!/^[a-z0-9-]+:[A-Za-z]+(@[a-z0-9-]+)?$/.test(s)) usage(`--${name} takes service:Operation[@region], got "${s}"`);
  return list?.length ? list : undefined;
}

function usage(message: string): never {
  process.stderr.write(`acm-endpoint: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        certificates: { type: 'string' },
        org: { type: 'boolean' },
        accounts: { type: 'string' },
        latency: { type: 'string' },
        throttle: { type: 'string' },
        errors: { type: 'string' },
        'deny-region': { type: 'string', multiple: true },
        deny: { type: 'string', multiple: true },
        malformed: { type: 'string', multiple: true },
        stall: { type: 'string', multiple: true },
        'stall-ms': { type: 'string' },
        'repeat-token': { type: 'string', multiple: true },
        reset: { type: 'string', multiple: true },
        'expire-after': { type: 'string' },
        'page-cap': { type: 'string' },
        search: { type: 'string' },
        'no-rate-limit': { type: 'boolean' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    usage((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(HELP);
    return;
  }

  let latencyMs: EndpointOptions['latencyMs'];
  if (v.latency !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v.latency);
    if (!m) usage(`--latency takes MS or MIN-MAX, got "${v.latency}"`);
    latencyMs = m[2] ? { min: Number(m[1]), max: Number(m[2]) } : Number(m[1]);
  }
  const search = v.search ?? 'served';
  if (search !== 'served' && search !== 'unknown' && search !== 'denied') usage(`--search takes served, unknown or denied, got "${search}"`);
  const count = positiveInt('certificates', v.certificates);
  const accountCount = positiveInt('accounts', v.accounts);
  let account: AccountData;
  let organization: OrganizationData | undefined;
  try {
    if (accountCount !== undefined) {
      const regions = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
      ({ account, organization } = syntheticOrganization({
        accounts: accountCount,
        regions,
        certificatesPerRegion: Math.max(1, Math.round((count ?? 200) / regions.length)),
        seed: positiveInt('seed', v.seed),
        aggregator: { name: 'org', capturedMinutesAgo: 60 },
      }));
    } else if (v.org) {
      ({ account, organization } = loadDemoOrganization());
    } else {
      account = count !== undefined ? syntheticAccount({ count, seed: positiveInt('seed', v.seed) }) : loadDemoAccount();
    }
  } catch (e) {
    usage((e as Error).message);
  }

  const endpoint = await startEndpoint({
    account,
    organization,
    port: positiveInt('port', v.port),
    latencyMs,
    throttleFraction: fraction('throttle', v.throttle),
    serverErrorFraction: fraction('errors', v.errors),
    deniedRegions: v['deny-region']?.flatMap((r) => r.split(',')).filter(Boolean),
    malformedOperations: selectors('malformed', v.malformed),
    stalledOperations: selectors('stall', v.stall),
    stallMs: positiveInt('stall-ms', v['stall-ms']),
    repeatTokenOperations: selectors('repeat-token', v['repeat-token']),
    resetOperations: selectors('reset', v.reset),
    expireCredentialsAfter: positiveInt('expire-after', v['expire-after']),
    pageSizeCap: positiveInt('page-cap', v['page-cap']),
    unknownOperations: search === 'unknown' ? ['acm:SearchCertificates'] : undefined,
    deniedOperations: [...(search === 'denied' ? ['acm:SearchCertificates'] : []), ...(selectors('deny', v.deny) ?? [])],
    rateLimit: !v['no-rate-limit'],
    seed: positiveInt('seed', v.seed),
  });

  const region = account.enabledRegions[0];
  const out = process.stdout;
  out.write(`ACM endpoint listening on ${endpoint.url}\n`);
  out.write(`account ${account.accountId}: ${account.certificates.length} certificates in ${new Set(account.certificates.map((c) => c.region)).size} regions (enabled: ${account.enabledRegions.join(', ')})\n\n`);
  out.write(`Try it (any credentials work; nothing is verified):\n`);
  out.write(`  export AWS_ACCESS_KEY_ID=AKIDDEMO AWS_SECRET_ACCESS_KEY=demo AWS_REGION=${region}\n`);
  out.write(`  acm-advisor inventory --endpoint-url ${endpoint.url}\n`);
  out.write(`  AWS_ENDPOINT_URL=${endpoint.url} acm-advisor audit\n`);
  if (organization) {
    const aggregator = organization.aggregators?.[0]?.name;
    out.write(`  acm-advisor --org inventory --endpoint-url ${endpoint.url}     # ${organization.accounts.length} accounts\n`);
    if (aggregator) out.write(`  acm-advisor --source config-aggregator:${aggregator} inventory --endpoint-url ${endpoint.url}\n`);
  }
  out.write(`  aws acm list-certificates --endpoint-url ${endpoint.url} --region ${region} --includes keyTypes=RSA_2048,EC_prime256v1\n\n`);
  out.write(`Read-only: every write call is refused. Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const writes = endpoint.calls.filter((c) => c.write).length;
    process.stderr.write(`\n${endpoint.calls.length} calls served${writes ? `, ${writes} writes refused` : ''}.\n`);
    void endpoint.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
