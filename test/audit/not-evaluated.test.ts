import { describe, expect, it } from 'vitest';
import { DETAIL_ONLY_FIELDS } from '../../src/domain/certificate.js';
import { detailFailuresOf } from '../../src/domain/completeness.js';
import { SEARCH_MISSING_FIELDS } from '../../src/aws/search.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { incompleteLines, rulesBlockedBy } from '../../src/audit/coverage.js';
import { notEvaluatedBy, runAudit } from '../../src/audit/run.js';
import { cert, NOW } from './helpers.js';

const deniedDetail = {
  detail: { state: 'failed' as const, missingFields: [...DETAIL_ONLY_FIELDS], reason: 'DescribeCertificate denied (AccessDeniedException)' },
  inUseBy: [],
  renewalStatus: null,
  validationMethod: null,
  transparencyLogging: null,
  issuer: null,
  domainValidations: [],
};
const failedTags = { tags: null, tagsState: { state: 'failed' as const, reason: 'Tag reads (GetResources, ListTagsForCertificate) denied (AccessDeniedException)' } };

describe('rules that could not run are named, never passed', () => {
  it('a failed detail: the rules that decide on detail fields list the certificate, with the reason', () => {
    const c = cert(deniedDetail);
    const result = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW);
    expect(result.notEvaluated.map((n) => n.ruleId).sort()).toEqual(['email-validation', 'expiring-soon', 'renewal-failing', 'transparency-logging-disabled', 'validation-record-missing']);
    for (const n of result.notEvaluated) {
      expect(n.certificateArns).toEqual([c.arn]);
      expect(n.reason).toBe('DescribeCertificate denied (AccessDeniedException)');
    }
  });

  it('a rule that still fires on what was read keeps its finding and is not listed', () => {
    // Expiring in 10 days: with the renewal unknown, expiring-soon still speaks.
    const c = cert(deniedDetail, 10);
    const result = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW);
    expect(result.findings.some((f) => f.ruleId === 'expiring-soon')).toBe(true);
    expect(result.notEvaluated.map((n) => n.ruleId)).not.toContain('expiring-soon');
  });

  it('unknown tags: missing-tags and wildcard-in-production are not evaluated; {} still is', () => {
    const unknown = cert(failedTags);
    const none = cert({ tags: {} });
    const result = runAudit([unknown, none], DEFAULT_AUDIT_CONFIG, NOW);
    expect(result.findings.filter((f) => f.ruleId === 'missing-tags').map((f) => f.certificateArn)).toEqual([none.arn]);
    expect(result.notEvaluated.map((n) => [n.ruleId, n.certificateArns])).toEqual([
      ['wildcard-in-production', [unknown.arn]],
      ['missing-tags', [unknown.arn]],
    ]);
  });

  it('a complete record and a record still loading have nothing not evaluated', () => {
    expect(runAudit([cert()], DEFAULT_AUDIT_CONFIG, NOW).notEvaluated).toEqual([]);
    expect(runAudit([cert({ detail: { state: 'summary' } })], DEFAULT_AUDIT_CONFIG, NOW).notEvaluated).toEqual([]);
  });

  it('notEvaluatedBy (from findings alone) agrees with runAudit', () => {
    const certs = [cert(deniedDetail), cert(deniedDetail, 10), cert(failedTags), cert()];
    const result = runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW);
    expect(notEvaluatedBy(certs, result.findings)).toEqual(result.notEvaluated);
  });
});

describe('the words for a partial read', () => {
  it('derives the checks a failed part costs from the rules’ own fields', () => {
    expect(rulesBlockedBy(DETAIL_ONLY_FIELDS)).toEqual(['expiring-soon', 'renewal-failing', 'email-validation', 'transparency-logging-disabled', 'validation-record-missing']);
    // After SearchCertificates, a failed describe loses less: renewal status and validation method are known.
    expect(rulesBlockedBy(SEARCH_MISSING_FIELDS)).toEqual(['email-validation', 'transparency-logging-disabled', 'validation-record-missing']);
    expect(rulesBlockedBy(['tags'])).toEqual(['wildcard-in-production', 'missing-tags']);
  });

  it('one line per region and cause, counted from the records, with the fix for expired credentials', () => {
    const denied = { ...deniedDetail.detail, failure: { reason: 'denied' as const, code: 'AccessDeniedException' } };
    const expired = {
      state: 'failed' as const,
      reason: 'Tag reads (GetResources, ListTagsForCertificate) refused because the credentials expired (ExpiredTokenException)',
      failure: { reason: 'expired-credentials' as const, code: 'ExpiredTokenException' },
    };
    const certificates = [
      cert({ ...deniedDetail, detail: denied }),
      cert({ ...deniedDetail, detail: denied, tags: null, tagsState: expired }),
      cert(),
    ];
    const detailsFailed = detailFailuresOf(certificates);
    expect(detailsFailed).toEqual([
      { part: 'details', reason: 'denied', code: 'AccessDeniedException', count: 2 },
      { part: 'tags', reason: 'expired-credentials', code: 'ExpiredTokenException', count: 1 },
    ]);
    const lines = incompleteLines({ certificates, regions: [{ region: 'us-east-1', status: 'partial', listed: 3, described: 3, detailsFailed }] });
    expect(lines).toEqual([
      "DescribeCertificate denied for 2 certificates in us-east-1 (AccessDeniedException): expiring-soon, renewal-failing, email-validation, transparency-logging-disabled and validation-record-missing could not be checked; grant the read permissions that 'acm-advisor policy' prints",
      "Tag reads (GetResources, ListTagsForCertificate) refused because the credentials expired for 1 certificate in us-east-1 (ExpiredTokenException): wildcard-in-production and missing-tags could not be checked; sign in again (aws sso login) or refresh the role's session, then run again",
    ]);
  });
});
