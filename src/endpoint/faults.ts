import type { FaultOptions } from './types.js';

/** mulberry32: a tiny seeded PRNG, so a run with faults can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 'service:Operation' matches in every region; 'service:Operation@region' in that one only. */
export function selects(list: readonly string[] | undefined, service: string, operation: string, region: string): boolean {
  if (!list?.length) return false;
  const op = `${service}:${operation}`;
  return list.some((s) => s === op || s === `${op}@${region}`);
}

export type InjectedFault = { kind: 'throttle' } | { kind: 'server'; status: 500 | 503 } | null;

export class Faults {
  private readonly random: () => number;

  constructor(
    public options: FaultOptions,
    seed = 1,
  ) {
    this.random = seededRandom(seed);
  }

  update(partial: FaultOptions): void {
    this.options = { ...this.options, ...partial };
  }

  latency(): number {
    const l = this.options.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return Math.max(0, l);
    return Math.max(0, l.min + this.random() * Math.max(0, l.max - l.min));
  }

  /** Throttling is decided before server errors, as a front-end limiter would answer before the service. */
  pick(): InjectedFault {
    const throttle = this.options.throttleFraction ?? 0;
    if (throttle > 0 && this.random() < throttle) return { kind: 'throttle' };
    const server = this.options.serverErrorFraction ?? 0;
    if (server > 0 && this.random() < server) return { kind: 'server', status: this.random() < 0.5 ? 500 : 503 };
    return null;
  }

  isDenied(service: string, operation: string, region: string): boolean {
    if (this.options.deniedRegions?.includes(region)) return true;
    return selects(this.options.deniedOperations, service, operation, region);
  }

  /** The fault-suite knob (a list of selectors) applies to this call. */
  applies(
    knob: 'malformedOperations' | 'stalledOperations' | 'repeatTokenOperations' | 'resetOperations',
    service: string,
    operation: string,
    region: string,
  ): boolean {
    return selects(this.options[knob], service, operation, region);
  }

  isUnknown(service: string, operation: string): boolean {
    return this.options.unknownOperations?.includes(`${service}:${operation}`) ?? false;
  }

  /** The page size to use: what the client asked for (or the default), never above the cap. */
  pageSize(requested: number): number {
    const cap = this.options.pageSizeCap;
    return cap !== undefined && cap > 0 ? Math.min(requested, cap) : requested;
  }
}

/** Verbs that change state in any AWS API: these are refused and recorded as writes. */
const WRITE_VERB =
  /^(Request|Import|Delete|Add|Remove|Put|Update|Renew|Export|Resend|Revoke|Tag|Untag|Create|Modify|Associate|Disassociate|Attach|Detach|Start|Stop|Terminate|Run|Enable|Disable|Register|Deregister|Set|Reset|Replace|Cancel|Allocate|Release|Authorize|Accept|Reject|Copy|Purchase|Reboot|Restore|Send|Upload|Apply|Move|Provision|Assign|Unassign|Lock|Unlock|Issue|Rotate|Write|Change|Grant|Decrease|Increase)/;

export function isWriteOperation(operation: string): boolean {
  return WRITE_VERB.test(operation);
}
