import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { withInventoryCache } from '../../src/cache/cached-source.js';
import { CACHE_VERSION } from '../../src/cache/format.js';
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';
import { defineStage } from '../../src/stages/index.js';
import { z } from 'zod';

const ACCOUNT = '123456789012';
const NOW = new Date('2026-11-27T12:00:00Z');
let root = '';
let dir = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'acm-advisor-cache-'));
  dir = join(root, 'acm-advisor');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const KEY = sourceKey({ profile: 'prod', endpoint: null });
const cache = (opts: Partial<ConstructorParameters<typeof InventoryCache>[0]> = {}) =>
  new InventoryCache({ dir, sourceKey: KEY, readBack: true, now: () => NOW, ...opts });

function cert(id: string, region = 'eu-west-1', detail: Certificate['detail'] = { state: 'complete' }): Certificate {
  return { ...emptyCertificate(`arn:aws:acm:${region}:${ACCOUNT}:certificate/${id}`, region), domainName: `${id}.example.com`, status: 'ISSUED', tags: { owner: 'web' }, detail };
}
const regionFile = (region = 'eu-west-1') => join(dir, 'accounts', ACCOUNT, `${region}.json`);
const mode = (p: string) => statSync(p).mode & 0o777;

describe('InventoryCache', () => {
  it('saves a region 0600 in 0700 folders, stamps fresh details with when the read began, and reads it back', () => {
    const c = cache();
    const started = new Date('2026-11-27T11:50:00Z');
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a'), cert('b', 'eu-west-1', { state: 'summary' })], started);
    c.rememberAccount({ id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` });
    expect(mode(regionFile())).toBe(0o600);
    expect(mode(join(dir, 'sources.json'))).toBe(0o600);
    for (const d of [dir, join(dir, 'accounts'), join(dir, 'accounts', ACCOUNT)]) expect(mode(d)).toBe(0o700);
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(join(dir, 'accounts', ACCOUNT))).toEqual(['eu-west-1.json']);

    const warm = cache().cachedInventory('all');
    expect(warm).toMatchObject({ savedAt: NOW.toISOString(), account: { id: ACCOUNT }, regions: ['eu-west-1'] });
    expect(warm!.certificates.map((x) => x.detail)).toEqual([{ state: 'complete', cached: { describedAt: started.toISOString() } }, { state: 'summary' }]);
    expect(warm!.certificates[0].tags).toEqual({ owner: 'web' });
    // Another source (profile) has not read this account.
    expect(new InventoryCache({ dir, sourceKey: sourceKey({ profile: 'dev', endpoint: null }), readBack: true }).cachedInventory('all')).toBeNull();
  });

  it('keeps credentials out: the files hold the certificate model and nothing else', () => {
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    const text = readFileSync(regionFile(), 'utf8');
    const [header, body] = text.split('\n');
    expect(Object.keys(JSON.parse(header)).sort()).toEqual(['accountId', 'count', 'format', 'region', 'savedAt', 'sha256', 'version']);
    expect((JSON.parse(body) as Certificate[]).map((x) => x.arn)).toEqual([cert('a').arn]);
    expect(text).not.toMatch(/secret|accessKey|sessionToken|BEGIN CERTIFICATE|PRIVATE KEY/i);
  });

  it('shows only the regions asked for, and the engine sees them by ARN', () => {
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(ACCOUNT, 'us-east-1', [cert('b', 'us-east-1')], NOW);
    expect(cache().cachedInventory(['us-east-1'])!.certificates.map((x) => x.region)).toEqual(['us-east-1']);
    const prior = cache().priorReads();
    expect([...prior.region(ACCOUNT, 'eu-west-1')!.keys()]).toEqual([cert('a').arn]);
    // The account STS has not named yet: the one this source last read.
    expect(prior.region(null, 'us-east-1')!.size).toBe(1);
    expect(prior.region(ACCOUNT, 'ap-south-1')).toBeUndefined();
    // Write-only (a plain CLI run): nothing is read back.
    expect(cache({ readBack: false }).priorReads().region(ACCOUNT, 'eu-west-1')).toBeUndefined();
  });

  it("shows the stages' saved reads of the regions it shows, marked cached, and only those that fit their stage's schema", () => {
    const names = defineStage({ id: 'names', title: 'Names', scope: { kind: 'region' }, after: 'listing', needs: [], operations: [], checks: [], data: z.array(z.string()), read: async () => ({ read: async () => [] }), about: () => [] });
    const other = { ...names, id: 'other' };
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(ACCOUNT, 'us-east-1', [cert('b', 'us-east-1')], NOW);
    const prior = c.priorReads();
    const read = (stage: string, data: unknown) => ({ stage, region: '', status: 'ok' as const, data, readAt: NOW.toISOString() });
    prior.saveStage!(ACCOUNT, 'eu-west-1', read('names', ['web']));
    prior.saveStage!(ACCOUNT, 'us-east-1', read('names', ['api']));
    // Saved by another version, another shape: not shown (the engine would not reuse it either).
    prior.saveStage!(ACCOUNT, 'eu-west-1', read('other', { not: 'a list' }));
    const warm = cache().cachedInventory(['eu-west-1'], [names, other])!;
    expect(warm.stages).toEqual([{ stage: 'names', region: 'eu-west-1', status: 'ok', data: ['web'], readAt: NOW.toISOString(), cached: true }]);
    // Without the stages named, none (the CLI's previous read needs only the records).
    expect(cache().cachedInventory(['eu-west-1'])!.stages).toEqual([]);
  });

  it('without read-back, a stage read is never handed back whole, but a history stage still gets what to extend; never through a link', () => {
    const saved = { stage: 'cloudtrail', region: 'eu-west-1', status: 'ok' as const, data: [], readAt: NOW.toISOString() };
    cache().priorReads().saveStage!(ACCOUNT, 'eu-west-1', saved);
    const plain = cache({ readBack: false }).priorReads();
    expect(plain.stage!(ACCOUNT, 'eu-west-1', 'cloudtrail')).toBeUndefined();
    expect(plain.previousStage!(ACCOUNT, 'eu-west-1', 'cloudtrail')).toEqual(saved);
    expect(plain.previousStage!(ACCOUNT, 'us-east-1', 'cloudtrail')).toBeUndefined();
    // The stage's folder replaced by a link to a doctored copy: not read through, and the cache is off for the run.
    const outside = mkdtempSync(join(root, 'outside-'));
    writeFileSync(join(outside, 'eu-west-1.json'), readFileSync(join(dir, 'accounts', ACCOUNT, 'stages', 'cloudtrail', 'eu-west-1.json')), { mode: 0o600 });
    rmSync(join(dir, 'accounts', ACCOUNT, 'stages', 'cloudtrail'), { recursive: true });
    symlinkSync(outside, join(dir, 'accounts', ACCOUNT, 'stages', 'cloudtrail'));
    const linked = cache({ readBack: false });
    expect(linked.priorReads().previousStage!(ACCOUNT, 'eu-west-1', 'cloudtrail')).toBeUndefined();
    expect(linked.takeWarnings()).toEqual([expect.stringMatching(/^the inventory cache is not used: .*cloudtrail: it is a symbolic link/)]);
  });

  const header = (over: Record<string, unknown> = {}) =>
    JSON.stringify({ format: 'acm-advisor/region-inventory', version: CACHE_VERSION, savedAt: NOW.toISOString(), accountId: ACCOUNT, region: 'eu-west-1', count: 1, sha256: '0'.repeat(64), ...over });

  it.each([
    ['not JSON', '{"format": "acm-advisor/region-inv'],
    ['another version', JSON.stringify({ format: 'acm-advisor/region-inventory', version: CACHE_VERSION + 1, certificates: 'whatever' })],
    ['the previous version (one JSON object)', JSON.stringify({ format: 'acm-advisor/region-inventory', version: 2, savedAt: NOW.toISOString(), accountId: ACCOUNT, region: 'eu-west-1', certificates: [] })],
    ['a header and no body', header()],
    ['a body that is not JSON', `${header()}\n[{"arn":`],
    ['the wrong shape (the hash does not match, so every record is checked)', `${header()}\n${JSON.stringify([{ arn: 1 }])}`],
    ['another account', `${header({ accountId: '999999999999', count: 0 })}\n[]`],
  ])('sets a file holding %s aside with one warning, never throwing', (_what, text) => {
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(ACCOUNT, 'us-east-1', [cert('b', 'us-east-1')], NOW);
    c.rememberAccount({ id: ACCOUNT, arn: 'x' });
    writeFileSync(regionFile(), text);
    const again = cache();
    const warm = again.cachedInventory('all');
    expect(warm!.regions).toEqual(['us-east-1']);
    const warnings = again.takeWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^a cache file could not be used and was set aside \(.*eu-west-1\.json: .*\); reading afresh$/);
    expect(again.takeWarnings()).toEqual([]);
    const files = readdirSync(join(dir, 'accounts', ACCOUNT));
    expect(files.filter((f) => f.startsWith('eu-west-1.json.unusable-'))).toHaveLength(1);
    expect(files).not.toContain('eu-west-1.json');
    // Set aside, not read again: the next start is quiet.
    const third = cache();
    third.cachedInventory('all');
    expect(third.takeWarnings()).toEqual([]);
  });

  it('reads a file whose hash matches as written, and checks every record of one that was changed', () => {
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a'), cert('b')], NOW);
    c.rememberAccount({ id: ACCOUNT, arn: 'x' });
    const [head, body] = readFileSync(regionFile(), 'utf8').split('\n');
    expect(JSON.parse(head)).toMatchObject({ version: CACHE_VERSION, count: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(cache().cachedInventory('all')!.certificates.map((x) => x.arn)).toEqual([cert('a').arn, cert('b').arn]);

    // Edited by hand, still the model: used, without a warning.
    const edited = (JSON.parse(body) as Array<Record<string, unknown>>).map((x) => ({ ...x, status: 'REVOKED' }));
    writeFileSync(regionFile(), `${head}\n${JSON.stringify(edited)}`);
    const again = cache();
    expect(again.cachedInventory('all')!.certificates.map((x) => x.status)).toEqual(['REVOKED', 'REVOKED']);
    expect(again.takeWarnings()).toEqual([]);

    // Edited into something else, or cut short: set aside.
    for (const text of [`${head}\n${JSON.stringify([{ ...edited[0], inUse: 'yes' }, edited[1]])}`, `${head}\n${body.slice(0, body.length / 2)}`]) {
      c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
      writeFileSync(regionFile(), text);
      const broken = cache();
      expect(broken.cachedInventory('all')).toBeNull();
      expect(broken.takeWarnings()).toEqual([expect.stringMatching(/eu-west-1\.json: (unexpected content|not valid JSON)/)]);
    }
  });

  it("an estate shows every account it read that has regions saved, named; members' saves never replace the caller", () => {
    const MEMBER = '210987654321';
    const c = cache({ estate: true });
    c.rememberAccount({ id: ACCOUNT, arn: 'caller' });
    c.rememberEstate([{ id: ACCOUNT, name: 'management' }, { id: MEMBER, name: 'shop' }, { id: '999999999999', name: 'nothing saved' }]);
    const member = (id: string) => ({ ...cert(id), arn: `arn:aws:acm:eu-west-1:${MEMBER}:certificate/${id}`, accountId: MEMBER });
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(MEMBER, 'eu-west-1', [member('m')], NOW);
    c.saveRegion(MEMBER, 'us-east-1', [{ ...member('n'), region: 'us-east-1' }], NOW);
    const warm = cache({ estate: true }).cachedInventory('all')!;
    expect(warm.account).toEqual({ id: ACCOUNT, arn: 'caller' });
    expect(warm.accounts).toEqual([
      { id: ACCOUNT, name: 'management', regions: ['eu-west-1'] },
      { id: MEMBER, name: 'shop', regions: ['eu-west-1', 'us-east-1'] },
    ]);
    expect(warm.certificates.map((x) => [x.accountId, x.accountName])).toEqual([
      [ACCOUNT, 'management'],
      [MEMBER, 'shop'],
      [MEMBER, 'shop'],
    ]);
    // The same caller keeps its estate; a single-account source of the same key sees the caller only.
    c.rememberAccount({ id: ACCOUNT, arn: 'caller-renamed' });
    expect(cache({ estate: true }).cachedInventory(['eu-west-1'])!.accounts!.map((a) => a.id)).toEqual([ACCOUNT, MEMBER]);
    expect(cache().cachedInventory('all')!.certificates.map((x) => x.accountId)).toEqual([ACCOUNT]);
  });

  it('never lets an account id or region from the wire become a path', () => {
    const c = cache();
    c.saveRegion('../../etc', 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(ACCOUNT, '../x', [cert('a')], NOW);
    c.rememberAccount({ id: '../../x', arn: 'x' });
    expect(readdirSync(root)).toEqual([]);
  });

  it('a folder that cannot be written is one warning, and the run goes on', () => {
    // A file where the folder should be fails for every user, root included.
    mkdirSync(root, { recursive: true });
    writeFileSync(dir, 'not a folder');
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.saveRegion(ACCOUNT, 'us-east-1', [cert('b', 'us-east-1')], NOW);
    c.rememberAccount({ id: ACCOUNT, arn: 'x' });
    const w = c.takeWarnings();
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^the inventory cache could not be written in .*\(E[A-Z]+\); continuing without it$/);
    expect(c.cachedInventory('all')).toBeNull();
  });
});

describe('withInventoryCache (warm start)', () => {
  it('shows the cached rows, then builds the live source only once they are on screen', async () => {
    const c = cache();
    c.saveRegion(ACCOUNT, 'eu-west-1', [cert('a')], NOW);
    c.rememberAccount({ id: ACCOUNT, arn: 'x' });
    const events: string[] = [];
    const inventory = { generatedAt: NOW.toISOString(), account: null, regions: [], certificates: [], warnings: [] };
    const source = withInventoryCache({
      label: { profile: 'prod', endpoint: null, demo: false, regions: ['eu-west-1'] },
      cache: Promise.resolve(cache()),
      regions: ['eu-west-1'],
      warmStart: true,
      live: async () => {
        events.push('live built');
        return { load: async () => inventory };
      },
    });
    const loading = source.load((e) => events.push(e.kind));
    await vi.waitFor(() => expect(events).toEqual(['cached']));
    // Nothing more until the screen says the rows are shown.
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['cached']);
    source.cachedShown!();
    await loading;
    expect(events).toEqual(['cached', 'live built']);
  });
});
