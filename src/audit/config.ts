/** Loading the audit configuration: audit.yaml (validated, strict) and the command-line flags over it. */
import { oneLine, readYamlText } from './yaml-file.js';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { readCappedText, readInputFile } from './input-file.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../domain/thresholds.js';

const days = z.number().int().min(1).max(3650);
const tagKey = z.string().trim().min(1).max(128);

// Every object is strict: a misspelt key in a config file must fail loudly, not be ignored.
const FileSchema = z
  .object({
    expiryDays: z.object({ high: days.optional(), medium: days.optional() }).strict().optional(),
    renewalLateDays: days.optional(),
    requiredTags: z.array(tagKey).max(50).optional(),
    productionTag: z
      .object({ key: tagKey.optional(), values: z.array(z.string().trim().min(1)).min(1).optional() })
      .strict()
      .optional(),
    ownerTag: tagKey.optional(),
    stalePendingHours: z.number().int().min(1).max(100_000).optional(),
    endToEndEncryption: z.boolean().optional(),
    quotas: z
      .object({
        issuedPer365Days: z.number().int().min(1).optional(),
        held: z.number().int().min(1).optional(),
        importedPer365Days: z.number().int().min(1).optional(),
        importedHeld: z.number().int().min(1).optional(),
        warnRatio: z.number().gt(0).max(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AuditConfigFile = z.infer<typeof FileSchema>;

/** Parses config text (YAML); `source` names the file in error messages. Throws InputError. */
export function parseAuditConfig(text: string, source: string, base: AuditConfig = DEFAULT_AUDIT_CONFIG): AuditConfig {
  const raw = readYamlText(text, source);
  if (raw === null || raw === undefined) return structuredClone(base);
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new InputError(oneLine(`${source}: ${where}: ${issue.message}`));
  }
  return validate(mergeFile(base, parsed.data), source);
}

function mergeFile(base: AuditConfig, f: AuditConfigFile): AuditConfig {
  return {
    expiryDays: { ...base.expiryDays, ...stripUndefined(f.expiryDays ?? {}) },
    renewalLateDays: f.renewalLateDays ?? base.renewalLateDays,
    requiredTags: f.requiredTags ?? [...base.requiredTags],
    productionTag: {
      key: f.productionTag?.key ?? base.productionTag.key,
      values: f.productionTag?.values ?? [...base.productionTag.values],
    },
    ownerTag: f.ownerTag ?? base.ownerTag,
    stalePendingHours: f.stalePendingHours ?? base.stalePendingHours,
    endToEndEncryption: f.endToEndEncryption ?? base.endToEndEncryption,
    quotas: { ...base.quotas, ...stripUndefined(f.quotas ?? {}) },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(c: AuditConfig, source: string): AuditConfig {
  if (c.expiryDays.high > c.expiryDays.medium) {
    throw new InputError(
      `${source}: the high expiry threshold (${c.expiryDays.high} days) must not exceed the medium one (${c.expiryDays.medium} days)`,
    );
  }
  return c;
}

/** Reads and parses a config file. A missing, unreadable or oversized file is an InputError. */
export async function loadAuditConfigFile(path: string, base: AuditConfig = DEFAULT_AUDIT_CONFIG): Promise<AuditConfig> {
  return parseAuditConfig(await readInputFile(path, `config file ${path}`), path, base);
}

export interface AuditConfigFlags {
  expiryHigh?: number;
  expiryMedium?: number;
  /** Comma-separated; an empty string requires no tags. */
  requiredTags?: string;
  /** `KEY` or `KEY=value1,value2`. */
  productionTag?: string;
  ownerTag?: string;
}

/** Command-line flags win over the file. Throws InputError on a bad value. */
export function applyAuditFlags(base: AuditConfig, flags: AuditConfigFlags): AuditConfig {
  const c = structuredClone(base);
  const dayFlag = (name: string, v: number | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < 1 || v > 3650) {
      throw new InputError(`--${name} must be a whole number of days between 1 and 3650, got ${String(v)}`);
    }
    return v;
  };
  c.expiryDays.high = dayFlag('expiry-high', flags.expiryHigh) ?? c.expiryDays.high;
  c.expiryDays.medium = dayFlag('expiry-medium', flags.expiryMedium) ?? c.expiryDays.medium;
  if (flags.requiredTags !== undefined) c.requiredTags = splitList(flags.requiredTags);
  if (flags.productionTag !== undefined) {
    const [key, values] = splitOnce(flags.productionTag, '=');
    if (!key.trim()) throw new InputError('--production-tag needs a tag key, e.g. environment or environment=prod,production');
    c.productionTag.key = key.trim();
    if (values !== null) {
      const list = splitList(values);
      if (list.length === 0) throw new InputError('--production-tag KEY=VALUES needs at least one value');
      c.productionTag.values = list;
    }
  }
  if (flags.ownerTag !== undefined) {
    if (!flags.ownerTag.trim()) throw new InputError('--owner-tag needs a tag key');
    c.ownerTag = flags.ownerTag.trim();
  }
  return validate(c, 'flags');
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

function splitOnce(s: string, sep: string): [string, string | null] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, null] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * File then flags. With no `--config`, `<configDir>/audit.yaml` is used when present,
 * so a team can pin its thresholds once.
 */
export async function resolveAuditConfig(opts: {
  configPath?: string;
  defaultPath?: string;
  flags: AuditConfigFlags;
}): Promise<AuditConfig> {
  let base = DEFAULT_AUDIT_CONFIG;
  if (opts.configPath) base = await loadAuditConfigFile(opts.configPath);
  else if (opts.defaultPath) {
    const text = await readCappedText(opts.defaultPath, `config file ${opts.defaultPath}`).catch((e: unknown) => {
      if (e instanceof InputError) throw e;
      return null;
    });
    if (text !== null) base = parseAuditConfig(text, opts.defaultPath);
  }
  return applyAuditFlags(base, opts.flags);
}
