import type { Certificate } from '../domain/certificate.js';
import { blastRadius } from '../domain/endpoint-text.js';

/**
 * What stops working when this certificate does: "takes down www.example.com, shop.example.com and 2 more
 * on ALB shop". One sentence for every place it is shown (src/domain/endpoint-text.ts); null while what it
 * serves is not read — the report then leaves the column empty rather than guess.
 */
export function takesDown(cert: Certificate): string | null {
  return blastRadius(cert);
}
