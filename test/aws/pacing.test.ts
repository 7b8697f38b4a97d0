import { describe, expect, it } from 'vitest';
import { DescribeQueue, DescribeScheduler } from '../../src/aws/describe-queue.js';
import { RateController } from '../../src/aws/rate-controller.js';

describe('rate controller (fake clock)', () => {
  it('starts at the published quota and never goes above it', () => {
    const c = new RateController({ max: 10 }, 0);
    expect(c.rate(0)).toBe(10);
    expect(c.rate(60_000)).toBe(10);
    expect(c.interval(60_000)).toBe(100);
  });

  it('halves on the first throttle; throttles from calls already in flight do not halve it again', () => {
    const c = new RateController({ max: 10 }, 0);
    c.throttled(1000);
    expect(c.rate(1000)).toBe(5);
    c.throttled(1100);
    c.throttled(1900);
    expect(c.rate(1900)).toBeCloseTo(5 + 0.9 * 1, 5);
    expect(c.decreases).toBe(1);
    // A throttle after the hold window is a new signal.
    c.throttled(2100);
    expect(c.decreases).toBe(2);
    expect(c.rate(2100)).toBeCloseTo((5 + 1.1) / 2, 5);
  });

  it('climbs back additively, a tenth of the quota per second, up to the quota', () => {
    const c = new RateController({ max: 10 }, 0);
    c.throttled(0);
    expect(c.rate(0)).toBe(5);
    expect(c.rate(1000)).toBeCloseTo(6, 5);
    expect(c.rate(3000)).toBeCloseTo(8, 5);
    expect(c.rate(10_000)).toBe(10);
  });

  it('never falls below its floor, however many throttles', () => {
    // Left alone, halving every 1.5 s against +1/s of recovery would settle at 1.5/s.
    const c = new RateController({ max: 10, min: 3 }, 0);
    let last = 0;
    for (let t = 0; t < 20_000; t += 1500) c.throttled((last = t));
    expect(c.rate(last)).toBe(3);
  });

  it('under a sustained competitor it settles below the quota instead of at it', () => {
    // The service allows 6/s to us (another caller takes the rest): throttle whenever we exceed it.
    const c = new RateController({ max: 10 }, 0);
    const rates: number[] = [];
    for (let t = 0; t <= 60_000; t += 100) {
      const r = c.rate(t);
      if (r > 6) c.throttled(t);
      if (t >= 30_000) rates.push(c.rate(t));
    }
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeLessThan(6.5);
    expect(mean).toBeGreaterThan(3);
  });
});

describe('describe queue', () => {
  it('serves opened, then visible, then severe, in-use, rest; each in arrival order', () => {
    const q = new DescribeQueue();
    q.add('rest-1', 'rest');
    q.add('use-1', 'in-use');
    q.add('severe-1', 'severe');
    q.add('rest-2', 'rest');
    q.add('use-2', 'in-use');
    q.add('severe-2', 'severe');
    q.prioritise(['rest-2', 'use-2'], 'visible');
    q.prioritise(['rest-1'], 'opened');
    const order: string[] = [];
    for (let arn = q.take(); arn !== undefined; arn = q.take()) order.push(arn);
    expect(order).toEqual(['rest-1', 'rest-2', 'use-2', 'severe-1', 'severe-2', 'use-1']);
    expect(q.size).toBe(0);
  });

  it('a new list replaces the old one at its level; unknown and already-read ARNs are skipped', () => {
    const q = new DescribeQueue();
    for (const a of ['a', 'b', 'c', 'd']) q.add(a, 'rest');
    q.prioritise(['c'], 'visible');
    q.prioritise(['other-region', 'd', 'b'], 'visible');
    expect(q.take()).toBe('d');
    expect(q.take()).toBe('b');
    q.prioritise(['b', 'a'], 'opened');
    expect(q.take()).toBe('a');
    expect(q.take()).toBe('c');
    expect(q.take()).toBeUndefined();
  });

  it('moving a waiting certificate to another tier keeps it once', () => {
    const q = new DescribeQueue();
    q.add('a', 'rest');
    q.add('b', 'rest');
    q.add('b', 'severe');
    expect(q.size).toBe(2);
    expect([q.take(), q.take(), q.take()]).toEqual(['b', 'a', undefined]);
  });

  it('a certificate moved away and back waits at the end of its tier; one taken through attention is not served again', () => {
    const q = new DescribeQueue();
    for (const a of ['a', 'b', 'c']) q.add(a, 'rest');
    q.add('a', 'severe');
    q.add('a', 'rest');
    q.prioritise(['b'], 'opened');
    const order: string[] = [];
    for (let arn = q.take(); arn !== undefined; arn = q.take()) order.push(arn);
    expect(order).toEqual(['b', 'c', 'a']);
    q.add('d', 'rest');
    expect([q.take(), q.size]).toEqual(['d', 0]);
  });

  it('the scheduler hands attention given before a region queue exists to it when it registers', () => {
    const s = new DescribeScheduler();
    s.prioritise(['x'], 'opened');
    const q = new DescribeQueue();
    q.add('w', 'severe');
    q.add('x', 'rest');
    const unregister = s.register(q);
    expect(q.take()).toBe('x');
    q.add('y', 'rest');
    s.prioritise(['y'], 'visible');
    expect(q.take()).toBe('y');
    unregister();
    q.add('z', 'rest');
    s.prioritise(['z'], 'opened');
    expect(q.take()).toBe('w');
  });
});
