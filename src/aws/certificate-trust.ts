import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { CertificateTrust } from '../domain/certificate-trust.js';

/**
 * Who vouches for an imported certificate, from the certificate and chain GetCertificate returns:
 * publicly trusted when a path of valid signatures leads from it to a root of the Mozilla store Node
 * ships (`tls.rootCertificates`); issuer names prove nothing. Validation level from the CA/Browser
 * Forum policy OIDs in its certificatePolicies extension.
 */

/** CA/Browser Forum reserved policy identifiers, as DER (tag, length, value), most assured first. */
const POLICY_LEVELS: Array<{ level: 'EV' | 'OV' | 'DV'; der: Buffer }> = [
  // 2.23.140.1.1 extended validation
  { level: 'EV', der: Buffer.from([0x06, 0x05, 0x67, 0x81, 0x0c, 0x01, 0x01]) },
  // 2.23.140.1.2.2 organisation validated; 2.23.140.1.2.3 individual validated counts alike
  { level: 'OV', der: Buffer.from([0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x02]) },
  { level: 'OV', der: Buffer.from([0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x03]) },
  // 2.23.140.1.2.1 domain validated
  { level: 'DV', der: Buffer.from([0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01]) },
];

const MAX_PATH = 8;

let mozillaRoots: X509Certificate[] | null = null;
function defaultRoots(): X509Certificate[] {
  mozillaRoots ??= rootCertificates.map((p) => new X509Certificate(p));
  return mozillaRoots;
}

/** Node's Mozilla store plus `extra` roots (PEM): the demo's stand-ins for public CAs (src/stages/trust/settings.ts). */
export function publicRoots(extra: readonly string[] = []): X509Certificate[] {
  return extra.length ? [...defaultRoots(), ...extra.flatMap((p) => parsePemBundle(p))] : defaultRoots();
}

/** The PEM blocks of a bundle, each as a certificate; blocks that do not parse are left out. */
export function parsePemBundle(text: string | null | undefined): X509Certificate[] {
  if (!text) return [];
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const out: X509Certificate[] = [];
  for (const b of blocks) {
    try {
      out.push(new X509Certificate(b));
    } catch {
      // A damaged block is no link in any chain.
    }
  }
  return out;
}

const signs = (issuer: X509Certificate, cert: X509Certificate) => {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
};

/**
 * The trust facts of a certificate and its chain. `roots` defaults to Node's Mozilla store; a test
 * may hand in its own. Null fields: the certificate did not parse.
 */
export function evaluateTrust(certificatePem: string, chainPem: string | null | undefined, roots: X509Certificate[] = defaultRoots()): CertificateTrust {
  const [leaf] = parsePemBundle(certificatePem);
  if (!leaf) return { publiclyTrusted: null, validation: null, selfSigned: null };
  const chain = parsePemBundle(chainPem);
  const selfSigned = signs(leaf, leaf);
  let current = leaf;
  let publiclyTrusted = false;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    // A root in the store, matched by its signature, not its name.
    if (roots.some((r) => r.fingerprint256 === current.fingerprint256 || signs(r, current))) {
      publiclyTrusted = true;
      break;
    }
    const next = chain.find((c) => c !== current && signs(c, current));
    if (!next || next === leaf) break;
    current = next;
  }
  const raw = leaf.raw;
  const validation = POLICY_LEVELS.find((p) => raw.includes(p.der))?.level ?? null;
  return { publiclyTrusted, validation, selfSigned };
}
