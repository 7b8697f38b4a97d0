import { parseArn } from './arn.js';

/** Where each AWS partition's console lives; a partition not listed gets no link rather than a wrong one. */
const CONSOLE_HOSTS: Record<string, (region: string) => string> = {
  aws: (region) => `${region}.console.aws.amazon.com`,
  'aws-cn': (region) => `${region}.console.amazonaws.cn`,
  'aws-us-gov': (region) => `${region}.console.amazonaws-us-gov.com`,
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const CERTIFICATE_ID = /^[A-Za-z0-9-]{1,128}$/;

/**
 * The ACM console's page for one certificate: https://REGION.console.aws.amazon.com/acm/home?region=REGION#/certificates/ID.
 * Null for anything that is not a well-formed ACM certificate ARN: the ARN comes from the endpoint, and a
 * link built from a hostile one must not point anywhere else.
 */
export function certificateConsoleUrl(arn: string | null | undefined): string | null {
  if (!arn) return null;
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'acm' || !REGION.test(parsed.region)) return null;
  const host = CONSOLE_HOSTS[parsed.partition];
  const id = /^certificate\/(.+)$/.exec(parsed.resource)?.[1];
  if (!host || !id || !CERTIFICATE_ID.test(id)) return null;
  return `https://${host(parsed.region)}/acm/home?region=${parsed.region}#/certificates/${id}`;
}
