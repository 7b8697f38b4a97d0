import type { AcmEvent } from './provenance.js';

const DAY = 86_400_000;

/** How often certificates were requested over CloudTrail's window, and how often the same names came back. */
export interface RequestPace {
  /** Successful RequestCertificate calls in the window. */
  requests: number;
  windowDays: number;
  /** The set of names requested most often, and how many times; null when no set was requested twice. */
  mostRepeated: { names: string[]; times: number; others: number } | null;
  /** What that pace suggests about rebuilds: each rebuild requests its names again. */
  rebuilds: 'daily' | 'weekly' | 'rarely';
}

/**
 * Rebuilt environments request the same names again each time: the set of names requested most often
 * in the window gives the rebuild interval (every two days or less: daily; every ten days or less:
 * weekly; else rarely). A steady stream of different names is growth, not rebuilds.
 */
export function requestPace(events: readonly AcmEvent[], now: Date, windowDays = 90): RequestPace {
  const since = now.getTime() - windowDays * DAY;
  const requests = events.filter((e) => e.event === 'RequestCertificate' && !e.failed && Date.parse(e.at) >= since);
  const bySet = new Map<string, { names: string[]; times: number }>();
  for (const e of requests) {
    if (e.names.length === 0) continue;
    const names = [...e.names].sort();
    const key = names.join('\n');
    const seen = bySet.get(key);
    if (seen) seen.times++;
    else bySet.set(key, { names, times: 1 });
  }
  const sets = [...bySet.values()].sort((a, b) => b.times - a.times || (a.names[0] < b.names[0] ? -1 : 1));
  const top = sets[0] && sets[0].times > 1 ? sets[0] : null;
  const interval = top ? windowDays / top.times : Infinity;
  return {
    requests: requests.length,
    windowDays,
    mostRepeated: top ? { ...top, others: sets.filter((s) => s !== top && s.times === top.times).length } : null,
    rebuilds: interval <= 2 ? 'daily' : interval <= 10 ? 'weekly' : 'rarely',
  };
}
