import type { Certificate } from '../domain/certificate.js';

/** How many names the sentence lists before it counts the rest. */
const NAMED = 3;

/**
 * What stops working when this certificate does: "takes down www.example.com, shop.example.com and 4 more".
 * Built from the DNS names that reach a resource using it (`hostnames`, read by the serving-evidence stage);
 * null while those are not read — the report then leaves the column empty rather than guess.
 */
export function takesDown(cert: Certificate): string | null {
  const names = (cert as Certificate & { hostnames?: readonly string[] | null }).hostnames;
  if (!names || names.length === 0) return null;
  const shown = names.slice(0, NAMED);
  const rest = names.length - shown.length;
  return `takes down ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}
