/**
 * The whole run's deadline (`--deadline`). It reaches the engine as the reason of the abort
 * signal the run is given, so every stop point can tell it from a cancel: a cancel (Ctrl+C,
 * `q`) throws everything away, a deadline ends the run with what it has read.
 */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';

  /** `after`: the deadline as the user gave it (`90s`, `5m`). */
  constructor(readonly after: string) {
    super(`the deadline of ${after} passed`);
  }
}

/** The signal stopped the run because its deadline passed (not a cancel). */
export function deadlinePassed(signal: AbortSignal | undefined): signal is AbortSignal & { reason: DeadlineExceeded } {
  return signal?.aborted === true && signal.reason instanceof DeadlineExceeded;
}

/** The error code a deadline leaves on what it cut short (regions, accounts, certificates). */
export const DEADLINE_CODE = 'DeadlineExceeded';
