/**
 * What the cache trusts on disk: real files, real FIFOs, real symbolic links and real owners
 * (each test in its own mkdtemp folder). Nothing that someone else could have written is read.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import { CLOCK_SKEW_MS, youngEnough } from '../../src/domain/revalidation.js';
import { readPrivateFile } from '../../src/platform/private-file.js';

const ACCOUNT = '123456789012';
const NOW = new Date('2026-11-27T12:00:00Z');
const KEY = sourceKey({ profile: 'prod', endpoint: null });
let root = '';
let dir = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'acm-advisor-trust-'));
  dir = join(root, 'acm-advisor');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const cache = () => new InventoryCache({ dir, sourceKey: KEY, readBack: true, now: () => NOW });
const cert = (id: string): Certificate => ({ ...emptyCertificate(`arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/${id}`, 'eu-west-1'), status: 'ISSUED', transparencyLogging: 'DISABLED', detail: { state: 'complete' } });
const regionFile = () => join(dir, 'accounts', ACCOUNT, 'eu-west-1.json');
const mode = (p: string) => statSync(p).mode & 0o777;

/** A cache that has saved one region and remembered its account, as any earlier run leaves it. */
function seeded(): void {
  const c = cache();
  c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
  c.rememberAccount({ id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` });
  expect(c.takeWarnings()).toEqual([]);
}

/** Flips certificate a's CT logging to ENABLED in the saved file: what a doctored cache would say. */
function doctor(): void {
  writeFileSync(regionFile(), readFileSync(regionFile(), 'utf8').replace('"transparencyLogging":"DISABLED"', '"transparencyLogging":"ENABLED"'));
}

const mkfifo = (path: string) => execFileSync('mkfifo', ['-m', '600', path]);

describe('cache files nobody else could have written', () => {
  it('a doctored 0600 file of the user’s own is read (the control for the tests below)', () => {
    seeded();
    doctor();
    expect(cache().cachedInventory('all')!.certificates[0].transparencyLogging).toBe('ENABLED');
  });

  it.each([0o666, 0o620, 0o602])('a region file at mode %o is refused, said once, set aside, and written 0600 again', (m) => {
    seeded();
    doctor();
    chmodSync(regionFile(), m);
    const c = cache();
    expect(c.cachedInventory('all')).toBeNull();
    expect(c.priorReads().region(ACCOUNT, 'eu-west-1')).toBeUndefined();
    const w = c.takeWarnings();
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/eu-west-1\.json: not trusted: other users may write to it \(mode 0\d{3}\), now .*unusable-/);
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    expect(mode(regionFile())).toBe(0o600);
    expect(cache().cachedInventory('all')!.certificates[0].transparencyLogging).toBe('DISABLED');
  });

  it('a file owned by another user is refused (real owners: chown as root, else a system file)', () => {
    if (process.getuid!() === 0) {
      seeded();
      doctor();
      chownSync(regionFile(), 65534, 65534);
      const c = cache();
      expect(c.cachedInventory('all')).toBeNull();
      expect(c.takeWarnings()).toEqual([expect.stringMatching(/eu-west-1\.json: not trusted: it belongs to another user \(uid 65534\)/)]);
      c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
      expect(statSync(regionFile()).uid).toBe(0);
      expect(mode(regionFile())).toBe(0o600);
    } else {
      // Not root: a file root owns is another user's.
      expect(readPrivateFile('/etc/passwd')).toEqual({ kind: 'refused', reason: 'it belongs to another user (uid 0)' });
    }
  });

  it('a 0666 sources.json is refused and written again 0600 (repaired) on the run’s next save', () => {
    seeded();
    chmodSync(join(dir, 'sources.json'), 0o666);
    const c = cache();
    expect(c.cachedInventory('all')).toBeNull();
    expect(c.takeWarnings()).toEqual([expect.stringMatching(/sources\.json: not trusted: other users may write to it \(mode 0666\)/)]);
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    expect(mode(join(dir, 'sources.json'))).toBe(0o600);
    expect(cache().cachedInventory('all')).not.toBeNull();
  });

  it('a folder others may write to is not read from, said once, and made 0700 by the next save', () => {
    seeded();
    doctor();
    chmodSync(join(dir, 'accounts', ACCOUNT), 0o777);
    const c = cache();
    expect(c.cachedInventory('all')).toBeNull();
    expect(c.cachedInventory(['eu-west-1'])).toBeNull();
    expect(c.takeWarnings()).toEqual([expect.stringMatching(/^the cache folder .*123456789012: other users may write to it \(mode 0777\); nothing in it is trusted, reading afresh/)]);
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    expect(mode(join(dir, 'accounts', ACCOUNT))).toBe(0o700);
    expect(cache().cachedInventory('all')!.certificates[0].transparencyLogging).toBe('DISABLED');
  });

  it('another user’s folder inside the cache is set aside and replaced by a private one', () => {
    if (process.getuid!() !== 0) return expect(readPrivateFile('/etc/passwd').kind).toBe('refused');
    seeded();
    chownSync(join(dir, 'accounts', ACCOUNT), 65534, 65534);
    const c = cache();
    expect(c.cachedInventory('all')).toBeNull();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    expect(lstatSync(join(dir, 'accounts', ACCOUNT)).uid).toBe(0);
    expect(mode(join(dir, 'accounts', ACCOUNT))).toBe(0o700);
    expect(readdirSync(join(dir, 'accounts')).some((f) => f.startsWith(`${ACCOUNT}.unusable-`))).toBe(true);
  });
});

describe('links never lead out of the cache', () => {
  it('an account folder that links outside: nothing read or written through it, its mode untouched, one warning', () => {
    seeded();
    const outside = mkdtempSync(join(root, 'outside-'));
    chmodSync(outside, 0o755);
    // The doctored file lives where the link points.
    writeFileSync(join(outside, 'eu-west-1.json'), readFileSync(regionFile(), 'utf8').replace('"transparencyLogging":"DISABLED"', '"transparencyLogging":"ENABLED"'), { mode: 0o600 });
    rmSync(join(dir, 'accounts', ACCOUNT), { recursive: true });
    symlinkSync(outside, join(dir, 'accounts', ACCOUNT));
    const before = readFileSync(join(outside, 'eu-west-1.json'), 'utf8');
    const c = cache();
    expect(c.cachedInventory(['eu-west-1'])).toBeNull();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('b')], NOW);
    c.saveRegion(ACCOUNT, 'us-east-1', [cert('c')], NOW);
    expect(readFileSync(join(outside, 'eu-west-1.json'), 'utf8')).toBe(before);
    expect(readdirSync(outside)).toEqual(['eu-west-1.json']);
    expect(mode(outside)).toBe(0o755);
    expect(c.takeWarnings()).toEqual([expect.stringMatching(/^the inventory cache is not used: .*123456789012: it is a symbolic link, which is never followed; acm-advisor never follows links in its cache, going on without it$/)]);
  });

  it('the cache folder itself a link: not used at all, the target left alone', () => {
    const outside = mkdtempSync(join(root, 'outside-'));
    chmodSync(outside, 0o755);
    symlinkSync(outside, dir);
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.rememberAccount({ id: ACCOUNT, arn: 'x' });
    expect(readdirSync(outside)).toEqual([]);
    expect(mode(outside)).toBe(0o755);
    expect(c.takeWarnings()).toEqual([expect.stringMatching(/is not used: .*acm-advisor: it is a symbolic link/)]);
  });

  it('a region file that is a link is set aside, never opened through', () => {
    seeded();
    const outside = join(root, 'elsewhere.json');
    writeFileSync(outside, 'whatever the link points at', { mode: 0o600 });
    rmSync(regionFile());
    symlinkSync(outside, regionFile());
    const c = cache();
    expect(c.cachedInventory(['eu-west-1'])).toBeNull();
    expect(c.takeWarnings()).toEqual([expect.stringMatching(/eu-west-1\.json: not trusted: it is a symbolic link, which is never followed/)]);
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    // The save replaced the link with a file of its own; what the link pointed at is untouched.
    expect(lstatSync(regionFile()).isFile()).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('whatever the link points at');
  });
});

describe('a FIFO in a file’s place never blocks', () => {
  it('sources.json and a region file as FIFOs (no writer): set aside at once, said why, regular files again after a save', () => {
    seeded();
    rmSync(join(dir, 'sources.json'));
    mkfifo(join(dir, 'sources.json'));
    rmSync(regionFile());
    mkfifo(regionFile());
    const c = cache();
    // Returns: a blocking open would wait here for a writer that never comes.
    expect(c.cachedInventory('all')).toBeNull();
    expect(c.priorReads().region(ACCOUNT, 'eu-west-1')).toBeUndefined();
    const w = c.takeWarnings();
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^2 cache files could not be used and were set aside \(.*sources\.json: not trusted: it is not a regular file \(a FIFO\).*eu-west-1\.json: not trusted: it is not a regular file \(a FIFO\)/);
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    for (const f of [join(dir, 'sources.json'), regionFile()]) {
      expect(lstatSync(f).isFile()).toBe(true);
      expect(mode(f)).toBe(0o600);
    }
  });
});

describe('details stamped in the future', () => {
  const at = (iso: string): Certificate => ({ ...cert('a'), detail: { state: 'complete', cached: { describedAt: iso } } });
  it('beyond a small clock skew are stale: never reused, however long --max-age', () => {
    const hour = 3_600_000;
    expect(youngEnough(at(new Date(NOW.getTime() - 10 * 60_000).toISOString()), hour, NOW)).toBe(true);
    expect(youngEnough(at(new Date(NOW.getTime() + CLOCK_SKEW_MS - 1000).toISOString()), hour, NOW)).toBe(true);
    expect(youngEnough(at(new Date(NOW.getTime() + CLOCK_SKEW_MS + 1000).toISOString()), hour, NOW)).toBe(false);
    expect(youngEnough(at(new Date(NOW.getTime() + 365 * 24 * hour).toISOString()), 1000 * 24 * hour, NOW)).toBe(false);
  });
});

