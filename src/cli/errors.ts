/** Exit codes: 0 success, 1 audit threshold hit, 2 usage or input error, 3 partial result. */
export const EXIT = {
  ok: 0,
  threshold: 1,
  usage: 2,
  partial: 3,
} as const;
