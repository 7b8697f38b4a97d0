/**
 * Decode an ARN from a certificate's InUseBy list into something a person recognises:
 * the AWS service, the kind of resource and its name. Pure; the caller sanitises for display.
 */
export interface DecodedArn {
  /** Human service label: "Application Load Balancer", "CloudFront distribution", … */
  service: string;
  /** The ARN's service namespace (elasticloadbalancing, cloudfront…), or null when not an ARN. */
  namespace: string | null;
  /** The resource's name or id. */
  name: string;
  region: string | null;
  accountId: string | null;
  raw: string;
}

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | null {
  if (!arn.startsWith('arn:')) return null;
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/** ARN service namespaces of the services that use ACM certificates, by the name people know them by. */
const SERVICE_NAMES: Record<string, string> = {
  elasticloadbalancing: 'Elastic Load Balancing',
  cloudfront: 'CloudFront',
  apigateway: 'API Gateway',
  appsync: 'AppSync',
  cognito: 'Cognito',
  'cognito-idp': 'Cognito',
  ec2: 'EC2 (Nitro Enclaves)',
  amplify: 'Amplify',
  'vpc-lattice': 'VPC Lattice',
  elasticbeanstalk: 'Elastic Beanstalk',
  'network-firewall': 'Network Firewall',
  'verified-access': 'Verified Access',
  iot: 'IoT Core',
  opensearch: 'OpenSearch',
  es: 'OpenSearch',
  transfer: 'Transfer Family',
};

/** The service an ARN belongs to, as a readable name ("CloudFront", "Elastic Load Balancing"). */
export function serviceOfArn(arn: string): string {
  const p = parseArn(arn);
  if (!p || !p.service) return 'unknown service';
  return SERVICE_NAMES[p.service] ?? p.service;
}

function segments(resource: string): string[] {
  return resource.split(/[/:]/).filter((s) => s !== '');
}

export function decodeArn(arn: string): DecodedArn {
  const p = parseArn(arn);
  if (!p) return { service: 'Unknown', namespace: null, name: arn, region: null, accountId: null, raw: arn };
  const region = p.region || null;
  const accountId = p.account || null;
  const seg = segments(p.resource);
  const base = { namespace: p.service, region, accountId, raw: arn };
  const last = seg[seg.length - 1] ?? p.resource;
  switch (p.service) {
    case 'elasticloadbalancing': {
      // loadbalancer/app/NAME/ID, loadbalancer/net/NAME/ID, loadbalancer/gwy/NAME/ID, loadbalancer/NAME (classic),
      // listener/app/NAME/ID/LID
      const [kind, sub, name] = seg;
      if ((kind === 'loadbalancer' || kind === 'listener') && (sub === 'app' || sub === 'net' || sub === 'gwy')) {
        const label = sub === 'app' ? 'Application Load Balancer' : sub === 'net' ? 'Network Load Balancer' : 'Gateway Load Balancer';
        return { ...base, service: kind === 'listener' ? `${label} listener` : label, name: name ?? last };
      }
      if (kind === 'loadbalancer' && sub) return { ...base, service: 'Classic Load Balancer', name: sub };
      return { ...base, service: 'Elastic Load Balancing', name: p.resource };
    }
    case 'cloudfront': {
      const [kind, id] = seg;
      if (kind === 'distribution' && id) return { ...base, service: 'CloudFront distribution', name: id };
      return { ...base, service: 'CloudFront', name: p.resource };
    }
    case 'apigateway': {
      // arn:aws:apigateway:REGION::/domainnames/NAME (REST/HTTP custom domain) or /restapis/ID…
      const [kind, id] = seg;
      if (kind === 'domainnames' && id) return { ...base, service: 'API Gateway custom domain', name: id };
      if (kind === 'restapis' && id) return { ...base, service: 'API Gateway REST API', name: id };
      if (kind === 'apis' && id) return { ...base, service: 'API Gateway HTTP/WebSocket API', name: id };
      return { ...base, service: 'API Gateway', name: p.resource };
    }
    case 'appsync': {
      const [kind, id] = seg;
      if (kind === 'domainnames' && id) return { ...base, service: 'AppSync custom domain', name: id };
      if (kind === 'apis' && id) return { ...base, service: 'AppSync API', name: id };
      return { ...base, service: 'AppSync', name: p.resource };
    }
    case 'cognito-idp': {
      const [kind, id] = seg;
      if (kind === 'userpool' && id) return { ...base, service: 'Cognito user pool', name: id };
      return { ...base, service: 'Cognito', name: p.resource };
    }
    case 'amplify': {
      // apps/APPID, apps/APPID/domains/DOMAIN, apps/APPID/branches/BRANCH
      const [kind, app, sub, name] = seg;
      if (kind === 'apps' && app && sub === 'domains' && name) return { ...base, service: 'Amplify domain', name: `${name} (app ${app})` };
      if (kind === 'apps' && app) return { ...base, service: 'Amplify app', name: app };
      return { ...base, service: 'Amplify', name: p.resource };
    }
    case 'vpc-lattice': {
      const [kind, id] = seg;
      if (kind === 'service' && id) return { ...base, service: 'VPC Lattice service', name: id };
      if (kind === 'servicenetwork' && id) return { ...base, service: 'VPC Lattice service network', name: id };
      return { ...base, service: 'VPC Lattice', name: p.resource };
    }
    case 'elasticbeanstalk': {
      // environment/APP/ENV
      const [kind, app, env] = seg;
      if (kind === 'environment' && app && env) return { ...base, service: 'Elastic Beanstalk environment', name: `${env} (${app})` };
      return { ...base, service: 'Elastic Beanstalk', name: p.resource };
    }
    default:
      return { ...base, service: SERVICE_NAMES[p.service] ?? p.service, name: p.resource };
  }
}
