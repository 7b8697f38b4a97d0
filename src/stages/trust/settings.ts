/**
 * Roots the trust read accepts beside Node's Mozilla store. Only the demo sets any: its endpoint signs
 * imported certificates with made-up CAs, and those named after commercial CAs stand in for the store's
 * roots (src/cli/demo-evidence.ts), so the demo's advice reads public and private issuers as a real
 * account's would. Set once by the CLI before the run starts (the stage contract carries no options).
 */
let extraRoots: readonly string[] = [];

export function setTrustRoots(pems: readonly string[]): void {
  extraRoots = [...pems];
}

export function trustRoots(): readonly string[] {
  return extraRoots;
}
