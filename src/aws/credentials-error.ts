// Kept apart from the SDK imports so the CLI can recognise it without loading the SDK.
/** A credential problem, phrased as the one sentence a user needs. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    message: string,
    readonly kind: 'none' | 'unknown-profile' | 'sso-expired' | 'profile-failed' | 'invalid',
  ) {
    super(message);
  }
}
