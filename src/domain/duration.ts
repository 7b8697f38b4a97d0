const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/**
 * `--max-age`, `--deadline`: whole numbers with units, largest first, each unit at most once — `90s`,
 * `15m`, `1h`, `2h30m`, `7d`. Anything else (no unit, decimals, spaces, `1h1h`, zero) is an error
 * sentence naming `flag`.
 */
export function parseDuration(text: string, flag = '--max-age'): { ms: number } | { error: string } {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  const bad = { error: `${flag} takes a duration such as 15m, 1h or 2h30m (got '${text}')` };
  if (!m || text === '') return bad;
  const [, d, h, min, s] = m;
  const ms = Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(min ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s;
  if (!Number.isSafeInteger(ms)) return bad;
  if (ms === 0) return { error: `${flag} must be longer than zero (got '${text}')` };
  return { ms };
}

/** A short age for people: `45 s`, `12 min`, `3 h`, `2 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400 * 2) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}
