/**
 * The documentation page behind a rule's reference ("Security Hub ACM.1", "AWS Config tagged-acm-certificate"),
 * for formats that link (SARIF's helpUri, the report). Null for a reference with no page we know.
 */
export function referenceUrl(reference: string): string | null {
  const hub = /^Security Hub ACM\.(\d+)\b/.exec(reference);
  // AWS Security Hub user guide, "Security Hub controls for ACM": one anchor per control.
  if (hub) return `https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-${hub[1]}`;
  const config = /^AWS Config ([a-z0-9-]+)$/.exec(reference);
  // AWS Config developer guide: one page per managed rule, named by its identifier.
  if (config) return `https://docs.aws.amazon.com/config/latest/developerguide/${config[1]}.html`;
  return null;
}
