/** Just enough XML for the query protocols (STS awsQuery, EC2 ec2Query). */
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => XML_ENTITIES[ch]);
}

export function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

export function textElement(name: string, value: string): string {
  return element(name, escapeXml(value));
}
