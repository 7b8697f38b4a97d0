import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * Real, signed X.509 certificates for GetCertificate, built with node:crypto and a few lines of DER:
 * the application verifies chains and reads policy OIDs from what the endpoint returns, so the
 * endpoint must return certificates that verify (or fail to) for the right reasons. Keys are P-256,
 * whatever the certificate's KeyAlgorithm says: only the chain's shape and its extensions matter here.
 */

export interface CertificateSpec {
  /** Becomes the subject: `CN=…,O=…,C=…` or a bare common name. */
  subject: string;
  names: string[];
  notBefore: Date;
  notAfter: Date;
  /** A CA/Browser Forum policy OID (2.23.140.1.1 EV, 2.23.140.1.2.2 OV, 2.23.140.1.2.1 DV). */
  policyOid?: string;
}

export interface Pem {
  certificate: string;
  chain?: string;
}

interface Issuer {
  name: Buffer;
  key: KeyObject;
  pem: string;
}

const issuers = new Map<string, Issuer>();

/** A certificate signed by a (made-up) CA named `issuer`, with that CA's certificate as the chain; self-signed without one. */
export function issueCertificate(spec: CertificateSpec, issuer: string | null): Pem {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const subject = encodeName(spec.subject);
  if (issuer === null) return { certificate: pem(build(spec, subject, subject, publicKey, privateKey, false)) };
  const ca = caNamed(issuer, spec.notBefore);
  return { certificate: pem(build(spec, subject, ca.name, publicKey, ca.key, false)), chain: ca.pem };
}

/** The certificate (PEM) of the made-up CA named `name`, the one that signs what `issueCertificate` issues under that name. */
export function caCertificatePem(name: string, notBefore: Date): string {
  return caNamed(name, notBefore).pem;
}

function caNamed(name: string, notBefore: Date): Issuer {
  let ca = issuers.get(name);
  if (!ca) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const subject = encodeName(`CN=${name.replace(/,/g, ' ')}`);
    const from = new Date(notBefore.getTime() - 5 * 365 * 86_400_000);
    const der = build({ subject: name, names: [], notBefore: from, notAfter: new Date(from.getTime() + 25 * 365 * 86_400_000) }, subject, subject, publicKey, privateKey, true);
    ca = { name: subject, key: privateKey, pem: pem(der) };
    issuers.set(name, ca);
  }
  return ca;
}

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

function build(spec: CertificateSpec, subject: Buffer, issuer: Buffer, publicKey: KeyObject, signer: KeyObject, isCa: boolean): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const extensions: Buffer[] = [extension('2.5.29.19', isCa, seq(isCa ? [tlv(0x01, Buffer.from([0xff]))] : []))];
  if (isCa) extensions.push(extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x01, 0x06]))));
  if (spec.names.length) extensions.push(extension('2.5.29.17', false, seq(spec.names.map((n) => tlv(0x82, Buffer.from(n, 'latin1'))))));
  if (spec.policyOid) extensions.push(extension('2.5.29.32', false, seq([seq([oid(spec.policyOid)])])));
  const tbs = seq([
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    seq([oid(ECDSA_SHA256)]),
    issuer,
    seq([time(spec.notBefore), time(spec.notAfter)]),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(extensions)),
  ]);
  const signature = sign('sha256', tbs, signer);
  return seq([tbs, seq([oid(ECDSA_SHA256)]), tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]);
}

const ATTRIBUTES: Record<string, string> = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  C: '2.5.4.6',
  SERIALNUMBER: '2.5.4.5',
  BUSINESSCATEGORY: '2.5.4.15',
  JURISDICTIONC: '1.3.6.1.4.1.311.60.2.1.3',
};

/** `CN=a,O=b` (a comma before a known key separates; other text stays in the value), or a bare common name. */
function encodeName(text: string): Buffer {
  const parts = /^[A-Za-z.]+=/.test(text) ? text.split(/,(?=\s*[A-Za-z.]+=)/) : [`CN=${text}`];
  const rdns: Buffer[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim().toUpperCase().replace(/\./g, '');
    const id = ATTRIBUTES[key];
    if (!id) continue;
    const value = part.slice(eq + 1).trim().slice(0, 64);
    const encoded = key === 'C' || key === 'JURISDICTIONC' ? tlv(0x13, Buffer.from(value.slice(0, 2), 'latin1')) : tlv(0x0c, Buffer.from(value, 'utf8'));
    rdns.push(tlv(0x31, seq([oid(id), encoded])));
  }
  return seq(rdns);
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq([oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value)]);
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const digits = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) digits.unshift((v & 0x7f) | 0x80);
    out.push(...digits);
  }
  return tlv(0x06, Buffer.from(out));
}

function seq(items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
