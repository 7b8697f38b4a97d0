/**
 * The baseline file (`--baseline FILE`): findings a team has looked at and accepted for a while, each with
 * a reason and an expiry date. An accepted finding is still shown and counted, marked "accepted"; it never
 * trips --fail-on until its entry expires. Entries that expired, or that match nothing any more, are
 * reported so the file does not rot.
 *
 *   accepted:
 *     - rule: missing-tags
 *       name: "*.staging.example.com"     # or arn: arn:aws:acm:…
 *       reason: staging certificates are tagged by the platform team's pipeline
 *       expires: 2027-03-31               # accepted through that day (UTC)
 */
import { oneLine, readYamlText } from './yaml-file.js';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { RULE_IDS } from './rules/index.js';
import type { FindingRecord } from './finding-record.js';

export interface BaselineEntry {
  /** Position in the file, from 1: how reports name the entry. */
  index: number;
  rule: string;
  arn: string | null;
  /** Glob on the certificate's domain name: `*` any run of characters, `?` one; case-insensitive. */
  name: string | null;
  reason: string;
  /** YYYY-MM-DD. */
  expires: string;
}

export interface Baseline {
  source: string;
  entries: BaselineEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const EntrySchema = z
  .object({
    rule: z.string().min(1),
    arn: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'give a reason: why is this finding accepted?'),
    // YAML reads an unquoted 2027-03-31 as text here, but accept a Date too.
    expires: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim())),
  })
  .strict()
  .refine((e) => (e.arn === undefined) !== (e.name === undefined), { message: 'give either arn or name (a domain pattern), not both' })
  .refine((e) => DATE.test(e.expires) && !Number.isNaN(Date.parse(`${e.expires}T00:00:00Z`)), { message: 'expires must be a date, YYYY-MM-DD', path: ['expires'] });

const FileSchema = z.object({ accepted: z.array(EntrySchema) }).strict();

/** Parses a baseline file's text; `source` names it in errors. Throws InputError. */
export function parseBaseline(text: string, source: string): Baseline {
  const raw = readYamlText(text, source);
  if (raw === null || raw === undefined) return { source, entries: [] };
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? p + 1 : String(p))).join('.') : '(top level)';
    throw new InputError(oneLine(`${source}: ${where}: ${issue.message}`));
  }
  const entries = parsed.data.accepted.map((e, i) => {
    if (!RULE_IDS.includes(e.rule)) throw new InputError(oneLine(`${source}: accepted.${i + 1}.rule: unknown rule "${e.rule}"; known: ${RULE_IDS.join(', ')}`));
    return { index: i + 1, rule: e.rule, arn: e.arn ?? null, name: e.name ?? null, reason: e.reason.trim(), expires: e.expires };
  });
  return { source, entries };
}

/** True once the entry's last day (UTC) is over. */
export function entryExpired(entry: Pick<BaselineEntry, 'expires'>, now: Date): boolean {
  return now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`) + 86_400_000;
}

function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

export interface BaselineOutcome {
  /** The findings, those a live entry covers marked accepted. */
  findings: FindingRecord[];
  /** Entries past their date: their findings count again. */
  expired: Array<BaselineEntry & { matched: number }>;
  /** Live entries that matched no finding (fixed, renamed, or a typo). */
  unmatched: BaselineEntry[];
  accepted: number;
}

export function applyBaseline(findings: readonly FindingRecord[], baseline: Baseline, now: Date): BaselineOutcome {
  const compiled = baseline.entries.map((e) => ({ e, name: e.name ? globToRegExp(e.name) : null, expired: entryExpired(e, now), matched: 0 }));
  let accepted = 0;
  const out = findings.map((f) => {
    let acceptedBy: (typeof compiled)[number] | null = null;
    for (const c of compiled) {
      if (c.e.rule !== f.ruleId) continue;
      const hit = c.e.arn !== null ? f.certificateArn === c.e.arn : c.name!.test(f.domainName ?? '');
      if (!hit) continue;
      c.matched++;
      if (!c.expired && !acceptedBy) acceptedBy = c;
    }
    if (!acceptedBy) return f;
    accepted++;
    return { ...f, status: 'accepted' as const, acceptance: { reason: acceptedBy.e.reason, expires: acceptedBy.e.expires, entry: acceptedBy.e.index } };
  });
  return {
    findings: out,
    expired: compiled.filter((c) => c.expired).map((c) => ({ ...c.e, matched: c.matched })),
    unmatched: compiled.filter((c) => !c.expired && c.matched === 0).map((c) => c.e),
    accepted,
  };
}

/** The lines stderr and the table print about the baseline's own state. */
export function baselineNotices(outcome: Pick<BaselineOutcome, 'expired' | 'unmatched'>, source: string): string[] {
  const name = (e: BaselineEntry) => `${source} entry ${e.index} (${e.rule} ${e.arn ?? e.name})`;
  return [
    ...outcome.expired.map((e) => `${name(e)} expired on ${e.expires}${e.matched ? `: its ${e.matched === 1 ? 'finding counts' : `${e.matched} findings count`} again` : ''}`),
    ...outcome.unmatched.map((e) => `${name(e)} matches no finding; remove it if the finding is fixed`),
  ];
}
