import { AwsError } from './errors.js';
import type { AccountStore } from './store.js';
import { element, textElement } from './xml.js';

/**
 * EC2 speaks the ec2Query protocol: form-encoded request (`Action=DescribeRegions&
 * Version=2016-11-15&AllRegions=true&RegionName.1=…`), XML response with lower-camel
 * element names and lists as <item> elements directly under the root (no Result
 * wrapper). Errors are <Response><Errors><Error><Code>.
 */

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Regions that exist but are off unless the account opts in. */
const OPT_IN_REGIONS = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1',
  'me-central-1', 'me-south-1', 'mx-central-1',
]);

const ALL_COMMERCIAL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  ...OPT_IN_REGIONS,
];

export function handleEc2(operation: string, params: URLSearchParams, store: AccountStore, requestId: string): string | null {
  if (operation !== 'DescribeRegions') return null;
  const all = params.get('AllRegions') === 'true';
  const names: string[] = [];
  for (const [k, v] of params) if (/^RegionName\.\d+$/.test(k)) names.push(v);

  const enabled = new Set(store.enabledRegions);
  let regions = all ? [...new Set([...store.enabledRegions, ...ALL_COMMERCIAL_REGIONS])] : [...store.enabledRegions];
  if (names.length) {
    const unknown = names.find((n) => !regions.includes(n));
    if (unknown) throw new AwsError('InvalidParameterValue', 400, `Invalid region: ${unknown}`);
    regions = names;
  }
  const item = (r: string) =>
    element(
      'item',
      textElement('regionName', r) +
        textElement('regionEndpoint', `ec2.${r}.amazonaws.com`) +
        textElement('optInStatus', !enabled.has(r) ? 'not-opted-in' : OPT_IN_REGIONS.has(r) ? 'opted-in' : 'opt-in-not-required'),
    );
  return (
    `<DescribeRegionsResponse xmlns="${NS}">` +
    textElement('requestId', requestId) +
    element('regionInfo', regions.map(item).join('')) +
    `</DescribeRegionsResponse>`
  );
}

export function ec2ErrorXml(error: AwsError, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    element('Response', element('Errors', element('Error', textElement('Code', error.code) + textElement('Message', error.message))) + textElement('RequestID', requestId))
  );
}
