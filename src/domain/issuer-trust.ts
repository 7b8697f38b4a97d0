/**
 * Who issued a certificate, as the advice reads it. For an imported certificate the trust read stage
 * (GetCertificate, src/stages/trust/) decides: publicly trusted when its chain verifies to a root of the
 * Mozilla store, OV/EV from its CA/Browser Forum policy OIDs, self-signed when it signs itself. Only where
 * that was not read (denied, not run, another inventory source) does the issuer's name stand in, and every
 * sentence built on it says which of the two it rests on: a name proves nothing ("D-TRUST" is a public CA,
 * "Amazon" is in many a private CA's name).
 */
import type { Certificate } from './certificate.js';
import type { CertificateTrust } from './certificate-trust.js';
import { isInUse } from './certificate-facts.js';

/** The trust stage's facts, by certificate ARN (ReadEvidence.trust). */
export type TrustFacts = ReadonlyMap<string, CertificateTrust>;

/** `chain`: read from the certificate (GetCertificate); `issuer-name`: guessed from the names ACM lists. */
export type TrustBasis = 'chain' | 'issuer-name';

export interface IssuerReading {
  publiclyTrusted: boolean;
  selfSigned: boolean;
  /** OV or EV from the policy OIDs; by name, an organisation (O=) in the subject. */
  organisationValidated: boolean;
  /** The level the policy OIDs name, when the certificate was read. */
  validation: CertificateTrust['validation'];
  /** How an import was judged; null for ACM-issued and Private CA certificates, known from their type. */
  basis: TrustBasis | null;
}

const PUBLIC_CA_PATTERN =
  /digicert|sectigo|comodo|globalsign|let'?s encrypt|isrg|entrust|godaddy|go daddy|starfield|thawte|geotrust|rapidssl|buypass|zerossl|google trust|gts |ssl\.com|certum|actalis|identrust|amazon|quovadis|harica|swisssign|telia|trustwave|network solutions/i;

/** The name heuristic: an issuer naming a well-known commercial CA. Only for certificates whose chain was not read. */
export function isPublicIssuerName(issuer: string): boolean {
  return PUBLIC_CA_PATTERN.test(issuer);
}

/** Common name of a distinguished name (`CN=localhost,O=…`), or null. */
function commonName(dn: string | null): string | null {
  const m = /(?:^|,)\s*CN=([^,]*)/i.exec(dn ?? '');
  return m ? m[1].trim() : null;
}

/** The name heuristic for self-signed: the issuer is the certificate's own subject (or its common name). */
function selfSignedByName(c: Certificate): boolean {
  if (!c.issuer) return false;
  const cn = commonName(c.subject);
  return c.subject === c.issuer || (cn !== null && cn.toLowerCase() === c.issuer.trim().toLowerCase());
}

const namesOrganisation = (c: Certificate) => !!c.subject && /(?:^|,\s*)O=/.test(c.subject);

const OF_TYPE: Record<string, IssuerReading> = {
  AMAZON_ISSUED: { publiclyTrusted: true, selfSigned: false, organisationValidated: false, validation: 'DV', basis: null },
  PRIVATE: { publiclyTrusted: false, selfSigned: false, organisationValidated: false, validation: null, basis: null },
};

/** Who issued `c`: from its chain when the trust stage read it, else from the issuer's name. */
export function issuerOf(c: Certificate, trust?: TrustFacts): IssuerReading {
  if (c.type !== 'IMPORTED') return OF_TYPE[c.type ?? ''] ?? OF_TYPE.PRIVATE;
  const t = trust?.get(c.arn);
  if (t && t.publiclyTrusted !== null)
    return {
      publiclyTrusted: t.publiclyTrusted,
      selfSigned: t.selfSigned === true,
      organisationValidated: t.validation === 'OV' || t.validation === 'EV',
      validation: t.validation,
      basis: 'chain',
    };
  return { publiclyTrusted: !!c.issuer && isPublicIssuerName(c.issuer), selfSigned: selfSignedByName(c), organisationValidated: namesOrganisation(c), validation: null, basis: 'issuer-name' };
}

/**
 * Which basis a judgement of these imports rests on, as a clause: "judged by their certificate chains
 * (GetCertificate)", "judged by issuer name only, as GetCertificate did not read them", or both with
 * counts. Null without imports.
 */
export function trustBasisClause(imports: readonly Certificate[], trust?: TrustFacts): string | null {
  let chain = 0;
  let name = 0;
  for (const c of imports) {
    if (c.type !== 'IMPORTED') continue;
    if (issuerOf(c, trust).basis === 'chain') chain++;
    else name++;
  }
  if (chain + name === 0) return null;
  if (name === 0) return 'judged by their certificate chains (GetCertificate)';
  if (chain === 0) return `judged by issuer name only, as GetCertificate did not read ${name === 1 ? 'it' : 'them'}`;
  return `judged by certificate chain for ${chain}, by issuer name for ${name} that GetCertificate did not read`;
}

const IP_ADDRESS = /^[\d.]+$|:/;

/**
 * An import that ACM could be asked to issue again, before knowing who issued it: issued, attached to an
 * integrated service and for DNS names only. The DNS read checks CAA for its names on this alone, as it runs
 * without the trust read's facts; `isReplaceableImport` narrows it.
 */
export function mayBeReplacedByAcm(c: Certificate): boolean {
  return c.type === 'IMPORTED' && c.status === 'ISSUED' && isInUse(c) === true && [c.domainName, ...c.subjectAlternativeNames].every((n) => !n || !IP_ADDRESS.test(n));
}

/**
 * Imported certificates from a public CA that ACM could issue itself, which the plan proposes to replace with
 * ACM certificates: `mayBeReplacedByAcm`, publicly trusted and domain-validated (no OV/EV policy, not
 * self-signed; by name, when the chain was not read: a commercial issuer and no organisation in the subject).
 */
export function isReplaceableImport(c: Certificate, trust?: TrustFacts): boolean {
  if (!mayBeReplacedByAcm(c)) return false;
  const issuer = issuerOf(c, trust);
  return issuer.publiclyTrusted && !issuer.selfSigned && !issuer.organisationValidated;
}
