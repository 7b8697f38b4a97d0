import type { AwsError } from './errors.js';

/** Just enough XML for the query protocols (STS awsQuery, EC2 ec2Query) and the restXml fakes. */
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => XML_ENTITIES[ch]);
}

export function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

export function textElement(name: string, value: string): string {
  return element(name, escapeXml(value));
}

/** An awsQuery answer (STS, ELBv2): the result wrapped in <ActionResponse><ActionResult>, then the request id. */
export function queryResponse(namespace: string, action: string, result: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${namespace}">` +
    element(`${action}Result`, result) +
    element('ResponseMetadata', textElement('RequestId', requestId)) +
    `</${action}Response>`
  );
}

/** The error envelope awsQuery (STS, ELBv2) and restXml (CloudFront, Route 53) services answer in. */
export function errorResponse(error: AwsError, requestId: string, namespace?: string): string {
  return (
    (namespace === undefined ? '<ErrorResponse>' : `<ErrorResponse xmlns="${namespace}">`) +
    element('Error', textElement('Type', error.status >= 500 ? 'Receiver' : 'Sender') + textElement('Code', error.code) + textElement('Message', error.message)) +
    textElement('RequestId', requestId) +
    `</ErrorResponse>`
  );
}
