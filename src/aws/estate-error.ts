// Kept apart from the SDK imports so the CLI can recognise it without loading the SDK.
/** The estate itself could not be worked out (the organisation could not be listed): one sentence for the user. */
export class EstateError extends Error {
  override readonly name = 'EstateError';
}
