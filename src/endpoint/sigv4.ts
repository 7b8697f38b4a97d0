/**
 * Reads the credential scope of a SigV4 Authorization header. Signatures are not
 * verified: the endpoint is a local fake, and the scope is all it needs, because the
 * SDK signs with the client's region and the service's signing name.
 */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function parseCredentialScope(authorization: string | undefined): CredentialScope | null {
  if (!authorization) return null;
  const m = SCOPE.exec(authorization);
  if (!m) return null;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}
