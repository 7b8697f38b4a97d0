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

/** The last `extra` list and its roots: the trust stage asks with the same list in every account-region. */
let withExtra: { extra: readonly string[]; roots: X509Certificate[] } | null = null;

/** Node's Mozilla store plus `extra` roots (PEM): the demo's stand-ins for public CAs (src/stages/trust/settings.ts). */
export function publicRoots(extra: readonly string[] = []): X509Certificate[] {
  if (!extra.length) return defaultRoots();
  if (withExtra?.extra !== extra) withExtra = { extra, roots: [...defaultRoots(), ...extra.flatMap((p) => parsePemBundle(p))] };
  return withExtra.roots;
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

/**
 * Chains repeat: GetCertificate returns the same issuer chain with every certificate a CA issued. Parsing
 * a certificate costs about 0.2 ms (OpenSSL 3), as much as matching it against the store's roots, and an
 * organisation read judges thousands of imported certificates, so each distinct chain is parsed, and each
 * of its certificates matched against a set of roots, once. Bounded: a run with more chains starts over.
 */
const chains = new Map<string, X509Certificate[]>();
const MAX_CHAINS = 512;
function parsedChain(text: string | null | undefined): X509Certificate[] {
  if (!text) return [];
  let chain = chains.get(text);
  if (!chain) {
    if (chains.size >= MAX_CHAINS) chains.clear();
    chain = parsePemBundle(text);
    chains.set(text, chain);
  }
  return chain;
}

/** Whether a chain certificate is a root of `roots`, per roots list (the objects are shared through `chains`). */
const rootedChainCertificates = new WeakMap<X509Certificate, WeakMap<readonly X509Certificate[], boolean>>();

/** A root in the store, matched by its signature, not its name. */
function isRoot(cert: X509Certificate, roots: readonly X509Certificate[]): boolean {
  return roots.some((r) => r.fingerprint256 === cert.fingerprint256 || signs(r, cert));
}

function isRootRemembered(cert: X509Certificate, roots: readonly X509Certificate[]): boolean {
  let byRoots = rootedChainCertificates.get(cert);
  if (!byRoots) rootedChainCertificates.set(cert, (byRoots = new WeakMap()));
  let rooted = byRoots.get(roots);
  if (rooted === undefined) byRoots.set(roots, (rooted = isRoot(cert, roots)));
  return rooted;
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
  const chain = parsedChain(chainPem);
  const selfSigned = signs(leaf, leaf);
  let current = leaf;
  let publiclyTrusted = false;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    if (current === leaf ? isRoot(current, roots) : isRootRemembered(current, roots)) {
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
