/**
 * Who vouches for an imported certificate, read from the certificate itself (GetCertificate):
 * `publiclyTrusted` when its chain verifies to a root of the public (Mozilla) store, `validation`
 * from its CA/Browser Forum policy OIDs, `selfSigned` when it signs itself. Null: not known.
 */
export interface CertificateTrust {
  publiclyTrusted: boolean | null;
  validation: 'DV' | 'OV' | 'EV' | null;
  selfSigned: boolean | null;
}
