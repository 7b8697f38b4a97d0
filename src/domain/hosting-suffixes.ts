/**
 * Where a DNS target lives, by its suffix: the CDNs outside AWS (evidence for the "CDN outside AWS"
 * criterion) and AWS's own service domains. Suffixes as each provider documents the names it hands
 * customers to CNAME to.
 */

const CDN_SUFFIXES: ReadonlyArray<readonly [suffix: string, cdn: string]> = [
  ['akamaiedge.net', 'Akamai'],
  ['edgekey.net', 'Akamai'],
  ['edgesuite.net', 'Akamai'],
  ['akamaized.net', 'Akamai'],
  ['cdn.cloudflare.net', 'Cloudflare'],
  ['fastly.net', 'Fastly'],
  ['fastlylb.net', 'Fastly'],
  ['azureedge.net', 'Azure Front Door / CDN'],
  ['azurefd.net', 'Azure Front Door / CDN'],
  ['trafficmanager.net', 'Azure Traffic Manager'],
  ['googlehosted.com', 'Google Cloud'],
  ['llnwd.net', 'Edgio (Limelight)'],
  ['edgecastcdn.net', 'Edgio (Edgecast)'],
  ['stackpathdns.com', 'StackPath'],
  ['b-cdn.net', 'bunny.net'],
  ['cdn77.org', 'CDN77'],
  ['incapdns.net', 'Imperva'],
  ['impervadns.net', 'Imperva'],
  ['sucuri.net', 'Sucuri'],
  ['netlify.app', 'Netlify'],
  ['vercel-dns.com', 'Vercel'],
];

const AWS_SUFFIXES = ['amazonaws.com', 'cloudfront.net', 'awsglobalaccelerator.com', 'amazonaws.com.cn', 'aws', 'on.aws', 'awsapprunner.com', 'amplifyapp.com', 'acm-validations.aws'];

const endsWith = (name: string, suffix: string) => name === suffix || name.endsWith(`.${suffix}`);

/** The CDN a target name belongs to, or null. */
export function cdnOfTarget(target: string): string | null {
  const t = target.toLowerCase().replace(/\.$/, '');
  for (const [suffix, cdn] of CDN_SUFFIXES) if (endsWith(t, suffix)) return cdn;
  return null;
}

/** True for names under AWS's own service domains (load balancers, CloudFront, API Gateway, …). */
export function isAwsTarget(target: string): boolean {
  const t = target.toLowerCase().replace(/\.$/, '');
  return AWS_SUFFIXES.some((s) => endsWith(t, s));
}
