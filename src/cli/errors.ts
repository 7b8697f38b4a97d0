/**
 * Exit codes: 0 success, 1 audit threshold hit, 2 usage or input error, 3 partial result,
 * 4 internal error (a crash, or output that could not be written): never a result's code,
 * so a CI gate can tell a crash from a finding or a typo.
 */
export const EXIT = {
  ok: 0,
  threshold: 1,
  usage: 2,
  partial: 3,
  internal: 4,
} as const;
