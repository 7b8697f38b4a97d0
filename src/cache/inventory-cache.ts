/**
 * The local inventory cache: after each complete read of a region, its certificates are saved under
 * `<dir>/accounts/<account>/<region>.json`, and `<dir>/sources.json` remembers which account each
 * source (profile and endpoint) last read, so the next start can show it before any AWS call.
 *
 * Files are 0600 in 0700 folders and written atomically (a temporary file renamed over the old one),
 * so a crash or a second process never leaves half a file. A file that cannot be used — not JSON,
 * another version, the wrong shape — is renamed aside with one warning and read afresh; the cache
 * never stops a run. Nothing here touches AWS.
 *
 * What the cache says decides what the audit says (a doctored detail can hide a finding), so only
 * what nobody else could have written is read (see platform/private-file.ts): a file that is not
 * regular, not the user's, or writable by others is set aside like a corrupt one and read afresh;
 * a folder writable by others or not the user's is not read from, and is made private (or
 * replaced) before the next write. A symbolic link anywhere from the cache folder down is never
 * followed: the run goes on without the cache.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkFolders, folderChain, readPrivateFile, untrusted } from '../platform/private-file.js';
import type { Certificate } from '../domain/certificate.js';
import { shareRepeatedValues, ValuePool } from '../domain/shared-values.js';
import type { AccountIdentity, CachedAccount, PriorReads, StageRead } from '../domain/inventory.js';
import type { AnyStage } from '../stages/index.js';
import { STAGE_FORMAT, STAGE_ID, STAGE_VERSION, stageFileSchema } from './format.js';
import { ACCOUNT_ID, CACHE_VERSION, decodeRegionFile, encodeRegionFile, REGION_FORMAT, REGION_NAME, SOURCES_FORMAT, SOURCES_VERSION, sourcesFileSchema, type RegionFile, type SourcesFile } from './format.js';

export interface CachedInventory {
  /** When the oldest of the regions shown was saved. */
  savedAt: string;
  account: AccountIdentity | null;
  /** The caller's account's regions; empty for an estate (see `accounts`). */
  regions: string[];
  /** An estate's accounts that have cached regions, each with them. */
  accounts?: CachedAccount[];
  certificates: Certificate[];
  /**
   * The stages' saved reads of those account-regions (of the stages asked for), each fitting its stage's
   * schema and marked `cached`; `accountId` set for an estate, as the engine's own reads are.
   */
  stages: StageRead[];
}

export interface InventoryCacheOptions {
  /** The cache folder (defaultCacheDir()). */
  dir: string;
  /** Names the source: profile and endpoint. Reads of the same source share a remembered account. */
  sourceKey: string;
  /** `--max-age` in ms; null: every detail is described again. */
  reuseWithinMs?: number | null;
  /**
   * Loads see the earlier read: the TUI keeps earlier details on screen while revalidating, `--max-age`
   * reuses them. Off, the cache is written, and read only for what a history stage extends (a plain
   * CLI run reads every certificate and every other stage live; see PriorReads.previousStage).
   */
  readBack: boolean;
  /**
   * The source reads several accounts (--org, --accounts): a warm start shows every account it read last
   * time, and the regions it saves are members' — they never replace the caller's account it remembers.
   */
  estate?: boolean;
  now?: () => Date;
}

export class InventoryCache {
  private readonly dir: string;
  private readonly now: () => Date;
  /** Notices not yet handed to a load (files set aside, writes that failed). */
  private notices: string[] = [];
  private setAside: string[] = [];
  private writeFailed = false;
  /** Why the cache is off for this run (a symbolic link in it); null while it is usable. */
  private disabled: string | null = null;
  /** Folders already reported as untrusted: each is said once. */
  private reportedFolders = new Set<string>();
  /** Region files the warm start just read, handed to the next load's engine instead of read twice. */
  private warmFiles = new Map<string, RegionFile>();
  /** Stage sections the warm start just read (by account/region/stage), handed on likewise. */
  private warmStages = new Map<string, StageRead>();

  constructor(private readonly options: InventoryCacheOptions) {
    this.dir = options.dir;
    this.now = options.now ?? (() => new Date());
  }

  /** Warnings since the last call: at most one line for every file set aside, one per failed write. */
  takeWarnings(): string[] {
    const out = [...this.notices];
    if (this.setAside.length > 0) {
      out.unshift(
        `${this.setAside.length === 1 ? 'a cache file' : `${this.setAside.length} cache files`} could not be used and ${this.setAside.length === 1 ? 'was' : 'were'} set aside (${this.setAside.join('; ')}); reading afresh`,
      );
    }
    this.notices = [];
    this.setAside = [];
    return out;
  }

  /**
   * What this source showed last time — every saved region (within `regions`) of the remembered account,
   * or for an estate of every account it read that has regions saved — with what `stages` read of them.
   */
  cachedInventory(regions: string[] | 'all', stages: readonly AnyStage[] = []): CachedInventory | null {
    if (this.disabled) return null;
    const source = this.readSources()?.sources[this.options.sourceKey];
    if (!source || !ACCOUNT_ID.test(source.accountId)) return null;
    const account = { id: source.accountId, arn: source.accountArn ?? '' };
    // One pool for every region (and account): the enums and batch dates repeat across them too.
    const pool = new ValuePool();
    const read = (id: string) => (regions === 'all' ? this.savedRegions(id) : regions).map((r) => this.readRegion(id, r, pool)).filter((f): f is RegionFile => f !== null);
    if (!this.options.estate) {
      const files = read(source.accountId);
      if (files.length === 0) return null;
      this.warmFiles = new Map(files.map((f) => [`${f.accountId}/${f.region}`, f]));
      return {
        savedAt: oldest(files),
        account,
        regions: files.map((f) => f.region),
        certificates: files.flatMap((f) => f.certificates),
        stages: this.cachedStages(files, stages, false),
      };
    }
    // An estate remembered before accounts were listed (or by an older version): the caller's account.
    const members = (source.accounts ?? [{ id: source.accountId, name: null }]).filter((a) => ACCOUNT_ID.test(a.id));
    const shown: Array<{ member: { id: string; name: string | null }; files: RegionFile[] }> = [];
    for (const member of members) {
      const files = read(member.id);
      if (files.length > 0) shown.push({ member, files });
    }
    if (shown.length === 0) return null;
    const files = shown.flatMap((s) => s.files);
    this.warmFiles = new Map(files.map((f) => [`${f.accountId}/${f.region}`, f]));
    return {
      savedAt: oldest(files),
      account,
      regions: [],
      accounts: shown.map(({ member, files: own }) => ({ id: member.id, name: member.name, regions: own.map((f) => f.region) })),
      // Saved before the engine stamps account names: the names Organizations gave last time.
      certificates: shown.flatMap(({ member, files: own }) =>
        own.flatMap((f) => (member.name === null ? f.certificates : f.certificates.map((c) => (c.accountName === null ? { ...c, accountName: member.name } : c)))),
      ),
      stages: this.cachedStages(files, stages, true),
    };
  }

  /**
   * The saved reads of `stages` in these account-regions, marked cached. A read is shown only if it fits
   * its stage's schema, the check the engine makes before reusing it (another version's data is not).
   */
  private cachedStages(files: readonly RegionFile[], stages: readonly AnyStage[], estate: boolean): StageRead[] {
    this.warmStages = new Map();
    const out: StageRead[] = [];
    for (const f of files) {
      for (const stage of stages) {
        const read = this.readStage(f.accountId, f.region, stage.id);
        if (!read || !stage.data.safeParse(read.data).success) continue;
        this.warmStages.set(`${f.accountId}/${f.region}/${stage.id}`, read);
        out.push({ ...read, cached: true, ...(estate ? { accountId: f.accountId } : {}) });
      }
    }
    return out;
  }

  /** The engine's view of the cache: earlier regions to revalidate or reuse, and where to save. */
  priorReads(): PriorReads {
    // One read per region and load: the engine asks once, the TUI's warm start already may have.
    const read = new Map<string, ReadonlyMap<string, Certificate> | undefined>();
    return {
      reuseWithinMs: this.options.reuseWithinMs ?? null,
      region: (accountId, region) => {
        if (!this.options.readBack || this.disabled) return undefined;
        const account = accountId ?? this.rememberedAccount();
        if (!account) return undefined;
        const key = `${account}/${region}`;
        if (!read.has(key)) {
          const file = this.warmFiles.get(key) ?? this.readRegion(account, region);
          this.warmFiles.delete(key);
          read.set(key, file ? new Map(file.certificates.map((c) => [c.arn, c])) : undefined);
        }
        return read.get(key);
      },
      save: (accountId, region, certificates, startedAt) => this.saveRegion(accountId, region, certificates, startedAt),
      stage: (accountId, region, stage) => {
        const account = accountId ?? this.rememberedAccount();
        if (!this.options.readBack || !account) return undefined;
        const key = `${account}/${region}/${stage}`;
        const warm = this.warmStages.get(key);
        this.warmStages.delete(key);
        return warm ?? this.readStage(account, region, stage);
      },
      // What a history stage extends: its last read, on every run, read back or not; the account the run reads, never a remembered one.
      previousStage: (accountId, region, stage) => (this.disabled ? undefined : this.readStage(accountId, region, stage)),
      saveStage: (accountId, region, read) => this.saveStage(accountId ?? this.rememberedAccount(), region, read),
    };
  }

  /** A read stage's last successful read of a region (src/stages/), or undefined. */
  private readStage(account: string, region: string, stage: string): StageRead | undefined {
    const path = this.stagePath(account, region, stage);
    const text = path && this.readText(path);
    if (!path || !text) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.putAside(path, 'not valid JSON') ?? undefined;
    }
    const parsed = stageFileSchema.safeParse(value);
    if (!parsed.success || parsed.data.read.stage !== stage || parsed.data.read.region !== region) return this.putAside(path, 'unexpected content') ?? undefined;
    return parsed.data.read as StageRead;
  }

  private saveStage(account: string | null, region: string, read: StageRead): void {
    const path = account ? this.stagePath(account, region, read.stage) : null;
    if (!path || read.status !== 'ok') return;
    const { stage, status, data, readAt } = read;
    this.write(path, JSON.stringify({ format: STAGE_FORMAT, version: STAGE_VERSION, read: { stage, region, status, data, readAt } }));
  }

  private stagePath(account: string, region: string, stage: string): string | null {
    if (!ACCOUNT_ID.test(account) || !REGION_NAME.test(region) || !STAGE_ID.test(stage)) return null;
    return join(this.dir, 'accounts', account, 'stages', stage, `${region}.json`);
  }

  /** Remembers `account` as what this source reads (for the next warm start). */
  rememberAccount(account: AccountIdentity): void {
    if (!ACCOUNT_ID.test(account.id) || this.disabled) return;
    const current = this.readSources() ?? { format: SOURCES_FORMAT, version: SOURCES_VERSION, sources: {} };
    const prev = current.sources[this.options.sourceKey];
    if (prev && prev.accountId === account.id && prev.accountArn === account.arn) return;
    // The same caller keeps its estate's accounts; another caller's estate is not this one's.
    const accounts = prev && prev.accountId === account.id && prev.accounts ? { accounts: prev.accounts } : {};
    current.sources[this.options.sourceKey] = { accountId: account.id, accountArn: account.arn, savedAt: this.now().toISOString(), ...accounts };
    this.write(join(this.dir, 'sources.json'), JSON.stringify(current satisfies SourcesFile));
  }

  /** Remembers the accounts an estate's read listed (--org, --accounts), for the next warm start. */
  rememberEstate(accounts: ReadonlyArray<{ id: string; name: string | null }>): void {
    const current = this.readSources();
    const prev = current?.sources[this.options.sourceKey];
    // Only beside a remembered caller: the identity comes first in every read.
    if (!current || !prev) return;
    const list = accounts.filter((a) => ACCOUNT_ID.test(a.id)).map((a) => ({ id: a.id, name: a.name }));
    if (JSON.stringify(prev.accounts ?? null) === JSON.stringify(list)) return;
    current.sources[this.options.sourceKey] = { ...prev, accounts: list };
    this.write(join(this.dir, 'sources.json'), JSON.stringify(current satisfies SourcesFile));
  }

  saveRegion(accountId: string | null, region: string, certificates: readonly Certificate[], startedAt: Date): void {
    if (this.disabled) return;
    const account = accountId ?? accountOfArns(certificates);
    if (!account || !ACCOUNT_ID.test(account) || !REGION_NAME.test(region)) return;
    // Details read in this run are stamped with the time the region's read began: never younger than they are.
    const describedAt = startedAt.toISOString();
    const file: RegionFile = {
      format: REGION_FORMAT,
      version: CACHE_VERSION,
      savedAt: this.now().toISOString(),
      accountId: account,
      region,
      certificates: certificates.map((c) =>
        c.detail.state === 'complete' && !c.detail.cached ? { ...c, detail: { state: 'complete', cached: { describedAt } } } : c,
      ),
    };
    if (this.write(join(this.dir, 'accounts', account, `${region}.json`), encodeRegionFile(file)) && !this.options.estate) {
      const remembered = this.readSources()?.sources[this.options.sourceKey];
      if (!remembered || remembered.accountId !== account) this.rememberAccount({ id: account, arn: remembered?.accountArn ?? '' });
    }
  }

  private rememberedAccount(): string | null {
    const id = this.readSources()?.sources[this.options.sourceKey]?.accountId;
    return id && ACCOUNT_ID.test(id) ? id : null;
  }

  private savedRegions(account: string): string[] {
    const folder = join(this.dir, 'accounts', account);
    const problem = checkFolders(this.dir, folder);
    if (problem === 'absent') return [];
    if (problem !== null) {
      this.folderRefused(problem);
      return [];
    }
    try {
      return readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .filter((r) => REGION_NAME.test(r))
        .sort();
    } catch {
      return [];
    }
  }

  private readSources(): SourcesFile | null {
    const path = join(this.dir, 'sources.json');
    const text = this.readText(path);
    if (text === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.putAside(path, 'not valid JSON');
    }
    const version = (value as { version?: unknown } | null)?.version;
    if (version !== SOURCES_VERSION) return this.putAside(path, `version ${JSON.stringify(version ?? null)}, expected ${SOURCES_VERSION}`);
    const parsed = sourcesFileSchema.safeParse(value);
    return parsed.success ? parsed.data : this.putAside(path, 'unexpected content');
  }

  private readRegion(account: string, region: string, pool = new ValuePool()): RegionFile | null {
    if (!ACCOUNT_ID.test(account) || !REGION_NAME.test(region)) return null;
    const path = join(this.dir, 'accounts', account, `${region}.json`);
    const text = this.readText(path);
    if (text === null) return null;
    const file = decodeRegionFile(text);
    if ('unusable' in file) return this.putAside(path, file.unusable);
    if (file.ok.accountId !== account || file.ok.region !== region) return this.putAside(path, `unexpected content (it holds ${file.ok.accountId}/${file.ok.region})`);
    // A read-back region can be tens of thousands of records that say the same things: one copy of each.
    shareRepeatedValues(file.ok.certificates, pool);
    return file.ok;
  }

  /**
   * The file's text; null when there is none, or when it is not to be trusted: a file that is not the
   * user's private regular file is set aside (one warning says why), a folder that is not private is
   * reported once and read from no further.
   */
  private readText(path: string): string | null {
    const folders = checkFolders(this.dir, dirname(path));
    if (folders === 'absent') return null;
    if (folders !== null) return this.folderRefused(folders);
    const read = readPrivateFile(path);
    if (read.kind === 'absent') return null;
    if (read.kind === 'refused') return this.putAside(path, `not trusted: ${read.reason}`);
    return read.text;
  }

  /** A folder on the way is not private: a link turns the cache off for the run; anything else is not read until it is repaired. */
  private folderRefused(problem: string): null {
    if (/symbolic link/.test(problem)) {
      this.disable(problem);
      return null;
    }
    if (!this.reportedFolders.has(problem)) {
      this.reportedFolders.add(problem);
      this.notices.push(`the cache folder ${problem}; nothing in it is trusted, reading afresh (it is made private again on the next save)`);
    }
    return null;
  }

  private disable(problem: string): void {
    if (this.disabled) return;
    this.disabled = problem;
    this.notices.push(`the inventory cache is not used: ${problem}; acm-advisor never follows links in its cache, going on without it`);
  }

  private putAside(path: string, why: string): null {
    const aside = `${path}.unusable-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(path, aside);
      this.setAside.push(`${path}: ${why}, now ${aside}`);
    } catch {
      // Not even renamable: leave it; it is read (and ignored) again next time.
      this.setAside.push(`${path}: ${why}`);
    }
    return null;
  }

  /** Atomic write; false (with one warning) when the folder is not writable, or not safe to write through. */
  private write(path: string, text: string): boolean {
    if (this.disabled) return false;
    const tmp = `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    try {
      if (!this.ensureDir(dirname(path))) return false;
      // 'wx': created here and now (O_EXCL never follows a link); the rename replaces whatever held the name, link or FIFO, never writing through it.
      writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
      renameSync(tmp, path);
      return true;
    } catch (error) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // The folder itself is the problem: there is no temporary file to remove.
      }
      // One warning per run, not one per region.
      if (!this.writeFailed) {
        this.writeFailed = true;
        this.notices.push(`the inventory cache could not be written in ${this.dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); continuing without it`);
      }
      return false;
    }
  }

  /**
   * The cache folder and every folder below it down to `dir`, each the user's own and 0700, checked
   * without following links: missing ones are made, open ones closed, another user's (below the
   * cache folder) set aside and made afresh. A link turns the cache off; false then.
   */
  private ensureDir(dir: string): boolean {
    const chain = folderChain(this.dir, dir);
    if (!chain) throw new Error(`${dir} is outside the cache folder`);
    mkdirSync(dirname(this.dir), { recursive: true, mode: 0o700 });
    for (const folder of chain) {
      let stats;
      try {
        stats = lstatSync(folder);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(folder, { mode: 0o700 });
        chmodSync(folder, 0o700);
        continue;
      }
      if (stats.isSymbolicLink()) {
        this.disable(`${folder}: ${untrusted(stats, 'folder')}`);
        return false;
      }
      const me = process.getuid?.();
      if (stats.isDirectory() && (me === undefined || stats.uid === me)) {
        // The user's own folder, left open by an earlier version or a umask: closed again.
        if ((stats.mode & 0o077) !== 0) chmodSync(folder, 0o700);
        continue;
      }
      const why = untrusted(stats, 'folder') ?? 'it cannot be used';
      // The cache folder itself is not the user's, or not a folder: nothing to repair it with.
      if (folder === this.dir) throw Object.assign(new Error(why), stats.isDirectory() ? {} : { code: 'ENOTDIR' });
      // Another user's folder (or a file) inside the user's own cache: moved aside, replaced by a private one.
      this.putAside(folder, `not trusted: ${why}`);
      mkdirSync(folder, { mode: 0o700 });
      chmodSync(folder, 0o700);
    }
    return true;
  }
}

function oldest(files: readonly RegionFile[]): string {
  return files.map((f) => f.savedAt).sort()[0];
}

function accountOfArns(certificates: readonly Certificate[]): string | null {
  for (const c of certificates) if (c.accountId) return c.accountId;
  return null;
}

/** The key of a source in sources.json: profile and endpoint (never credentials). */
export function sourceKey(label: { profile: string | null; endpoint: string | null; scope?: string | null }): string {
  return `profile=${label.profile ?? 'default'} endpoint=${label.endpoint ?? 'aws'}${label.scope ? ` scope=${label.scope}` : ''}`;
}
