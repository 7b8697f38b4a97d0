/**
 * One copy of each repeated value across many certificate records.
 *
 * A large inventory says the same few things tens of thousands of times: the account and region,
 * ISSUED and AMAZON_ISSUED, RSA_2048, the dates of certificates issued in one batch, tag keys and
 * values, empty lists, `{ state: 'read' }`. A parser gives every occurrence its own string, array or
 * object; at 50,000 records that is about half of what the records weigh. The pool hands out one
 * copy of each instead.
 *
 * Records are never changed in place (every update builds a new record), so sharing is safe; the
 * shared lists and objects are frozen all the same, so a mistake throws instead of silently
 * changing every record that holds the value.
 */
import type { Certificate, DetailState, DomainValidation, TagsState } from './certificate.js';

const EMPTY: readonly never[] = Object.freeze([]);
const EMPTY_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** The string fields whose values repeat across records (unique ones, like the ARN, are left as they are). */
const REPEATED = [
  'accountId',
  'accountName',
  'region',
  'status',
  'type',
  'keyAlgorithm',
  'notBefore',
  'notAfter',
  'renewalEligibility',
  'renewalStatus',
  'validationMethod',
  'transparencyLogging',
  'exportOption',
  'issuer',
  'createdAt',
  'issuedAt',
  'importedAt',
  'revokedAt',
  'revocationReason',
  'failureReason',
  'signatureAlgorithm',
  'certificateAuthorityArn',
  'managedBy',
  'keyPairOrigin',
  'renewalStatusReason',
  'renewalUpdatedAt',
] as const satisfies ReadonlyArray<keyof Certificate>;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class ValuePool {
  private readonly strings = new Map<string, string>();
  /** Shared frozen values (lists, detail and tag states) by a key that spells their content. */
  private readonly frozen = new Map<string, unknown>();

  string<S extends string | null>(s: S): S {
    if (s === null) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known as S;
    this.strings.set(s, s);
    return s;
  }

  /** Each element pooled; an empty list is the one shared empty list. */
  list(xs: string[]): string[] {
    if (xs.length === 0) return EMPTY as never[];
    for (let i = 0; i < xs.length; i++) xs[i] = this.string(xs[i]);
    return xs;
  }

  /** A short list that recurs whole (key usages): one frozen copy of each. */
  wholeList(xs: string[]): string[] {
    if (xs.length === 0) return EMPTY as never[];
    return this.share(`list\u0000${xs.join('\u0000')}`, () => Object.freeze(xs.map((x) => this.string(x))) as string[]);
  }

  /**
   * Shares `record`'s repeated values with every record pooled before it, in place: the record must
   * be one the caller has just built or parsed and nothing else holds yet.
   */
  certificate(record: Certificate): Certificate {
    const c = record as Writable<Certificate>;
    const fields = c as unknown as Record<(typeof REPEATED)[number], string | null>;
    for (const field of REPEATED) fields[field] = this.string(fields[field]);
    c.domainName = this.string(c.domainName);
    c.subjectAlternativeNames = this.list(c.subjectAlternativeNames);
    c.inUseBy = this.list(c.inUseBy);
    c.keyUsages = this.wholeList(c.keyUsages);
    c.extendedKeyUsages = this.wholeList(c.extendedKeyUsages);
    c.domainValidations = c.domainValidations.length === 0 ? (EMPTY as never[]) : c.domainValidations.map((v) => this.validation(v));
    if (c.tags !== null) c.tags = this.tags(c.tags);
    c.tagsState = this.tagsState(c.tagsState);
    c.detail = this.detail(c.detail);
    return c;
  }

  private validation(v: DomainValidation): DomainValidation {
    const w = v as Writable<DomainValidation>;
    w.domainName = this.string(w.domainName);
    w.validationMethod = this.string(w.validationMethod);
    w.validationStatus = this.string(w.validationStatus);
    w.validationDomain = this.string(w.validationDomain);
    w.validationEmails = this.list(w.validationEmails);
    if (w.resourceRecord) w.resourceRecord.type = this.string(w.resourceRecord.type);
    return w;
  }

  private tags(tags: Record<string, string>): Record<string, string> {
    let empty = true;
    for (const k in tags) {
      empty = false;
      tags[k] = this.string(tags[k]);
    }
    return empty ? (EMPTY_TAGS as Record<string, string>) : tags;
  }

  private tagsState(s: TagsState): TagsState {
    return s.state === 'failed' ? s : this.share(`tags\u0000${s.state}`, () => Object.freeze({ state: s.state }) as TagsState);
  }

  private detail(d: DetailState): DetailState {
    switch (d.state) {
      case 'summary':
        return this.share('detail\u0000summary', () => Object.freeze({ state: 'summary' as const }));
      case 'complete': {
        const at = d.cached?.describedAt;
        if (at === undefined) return this.share('detail\u0000complete', () => Object.freeze({ state: 'complete' as const }));
        return this.share(`detail\u0000complete\u0000${at}`, () => Object.freeze({ state: 'complete' as const, cached: Object.freeze({ describedAt: this.string(at) }) }));
      }
      case 'searched':
        return this.share(`detail\u0000searched\u0000${d.missingFields.join('\u0000')}`, () =>
          Object.freeze({ state: 'searched' as const, missingFields: this.wholeList(d.missingFields) }),
        );
      case 'failed':
        return d;
    }
  }

  private share<T>(key: string, make: () => T): T {
    const known = this.frozen.get(key);
    if (known !== undefined) return known as T;
    const value = make();
    this.frozen.set(key, value);
    return value;
  }
}

/** Pools `certificates` in place (see ValuePool.certificate) and returns them. */
export function shareRepeatedValues(certificates: Certificate[], pool = new ValuePool()): Certificate[] {
  for (const c of certificates) pool.certificate(c);
  return certificates;
}
