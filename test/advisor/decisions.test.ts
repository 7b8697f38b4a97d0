import { describe, expect, it } from 'vitest';
import { advise, decide, isDecisive, loadKnowledgeBase, parseAnswers, visibleQuestions } from '../../src/advisor/index.js';
import { NOW, cert, inventory } from './helpers.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

const kb = loadKnowledgeBase();
const run = (answers: Record<string, string>, inv = inventory()) => advise(kb, { workload: null, answers }, inv, [], DEFAULT_AUDIT_CONFIG, NOW);
const steps = (a: ReturnType<typeof run>) => a.plan.steps.map((s) => s.id);

/** An answer for every visible question, re-evaluated as the branching opens follow-ups. */
function answerEverything(base: Record<string, string>): Record<string, string> {
  const out = { ...base };
  for (let pass = 0; pass < 3; pass++)
    // Only questions still asked, in order: an answer to a hidden question that asks for something contradicts its gate.
    for (let q = visibleQuestions(kb, { workload: null, answers: out }).find((x) => out[x.id] === undefined); q; q = visibleQuestions(kb, { workload: null, answers: out }).find((x) => out[x.id] === undefined))
      out[q.id] = (q.choices.find((c) => c.effect === 'favour') ?? q.choices.find((c) => c.effect === 'neutral') ?? q.choices[0]).value;
  return out;
}

describe('no verdict from silence', () => {
  it('an empty answers file is undecided, names the rule and lists every decisive question as open', () => {
    const a = run(parseAnswers('', kb).answers);
    expect(a.recommendation.verdict).toBe('undecided');
    expect(a.recommendation.rule.id).toBe('no-decisive-answer');
    expect(a.recommendation.rule.summary).toMatch(/no verdict/);
    expect(a.recommendation.provisional).toBe(true);
    const decisive = kb.questions.filter(isDecisive).map((q) => q.id);
    expect(a.recommendation.unanswered.length).toBeGreaterThan(5);
    expect(a.recommendation.unanswered.every((id) => decisive.includes(id))).toBe(true);
    expect(a.recommendation.reasons).toEqual([]);
    // Nothing to adopt yet: only steps that fix findings could appear.
    expect(steps(a)).toEqual([]);
  });

  it('answers only to questions that cannot block or limit adoption still leave it undecided', () => {
    const a = run({ 'infrastructure-as-code': 'terraform', 'multi-account': 'single', 'sla-required': 'yes' });
    expect(a.recommendation.verdict).toBe('undecided');
  });

  it('a partly answered questionnaire gives a provisional verdict listing the questions that could still change it', () => {
    const a = run({ 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' });
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.recommendation.provisional).toBe(true);
    expect(a.recommendation.unanswered).toEqual(expect.arrayContaining(['onprem-ca-mandated', 'ev-ov-required', 'non-tls-use']));
    // Neither answered questions nor questions that cannot move the verdict are listed.
    expect(a.recommendation.unanswered).not.toContain('certificate-pinning');
    expect(a.recommendation.unanswered).not.toContain('sla-required');
    expect(a.recommendation.unanswered).not.toContain('infrastructure-as-code');
  });

  it('only questions that could change this verdict are open: after a blocker, exceptions no longer matter', () => {
    const a = run({ 'aws-integrated-endpoints': 'none', 'private-key-export': 'yes' });
    expect(a.recommendation.verdict).toBe('do-not-adopt');
    // The route could still turn it into adopt-with-exceptions.
    expect(a.recommendation.unanswered).toContain('key-export-route');
    expect(a.recommendation.unanswered).not.toContain('ev-ov-required');
  });

  it('a fully answered questionnaire is final', () => {
    const a = run(answerEverything({}));
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.recommendation.provisional).toBe(false);
    expect(a.recommendation.unanswered).toEqual([]);
  });

  it('answers to questions the branching skipped are reported as ignored, with the answer that skipped them', () => {
    const a = run({ 'certificate-pinning': 'none', 'non-tls-use': 'no', 'email-encryption': 'yes', 'existing-ca': 'none', 'replace-internal-ca': 'private-ca' });
    expect(a.ignoredAnswers).toEqual([
      { id: 'replace-internal-ca', value: 'private-ca', because: 'not asked because existing-ca is "none"' },
      { id: 'email-encryption', value: 'yes', because: 'not asked because non-tls-use is "no"' },
    ]);
    expect(a.answers.map((x) => x.id)).not.toContain('email-encryption');
    expect(steps(a)).not.toContain('smime-elsewhere');
  });
});

describe('adoption routes', () => {
  const none = { 'aws-integrated-endpoints': 'none', 'certificate-pinning': 'none', 'private-key-export': 'yes' };

  it.each(['acme', 'exportable'])('no integrated endpoints with the %s route is adopt-with-exceptions and keeps that step', (route) => {
    const a = run({ ...none, 'key-export-route': route });
    expect(a.recommendation.verdict).toBe('adopt-with-exceptions');
    expect(a.recommendation.rule.id).toBe('hosts-via-acme-or-export');
    expect(steps(a)).toContain('exportable-or-acme');
    expect(steps(a)).not.toContain('keep-external-lifecycle');
  });

  it('no integrated endpoints and keys only from our own HSM is do-not-adopt', () => {
    const a = run({ ...none, 'key-export-route': 'own-keys' });
    expect(a.recommendation.verdict).toBe('do-not-adopt');
    expect(a.recommendation.rule.id).toBe('nothing-to-attach-no-route');
    expect(steps(a)).toContain('keep-external-lifecycle');
  });

  it('an on-premises CA mandate with some certificates that cannot be imported is import-only with those as exceptions', () => {
    const a = run({ 'existing-ca': 'internal-ca', 'onprem-ca-mandated': 'yes', 'import-prerequisites': 'no' });
    expect(a.recommendation.verdict).toBe('import-only');
    expect(a.recommendation.rule.id).toBe('mandated-ca-with-exceptions');
    expect(a.recommendation.reasons).toContainEqual(expect.objectContaining({ criterion: 'import-prerequisites', effect: 'exception' }));
    expect(steps(a)).toEqual(expect.arrayContaining(['import-and-rotate', 'exceptions-register']));
    expect(steps(a)).not.toContain('dns-validated-certificates');
  });

  it('do-not-adopt is kept for a mandate where no certificate can even be imported', () => {
    expect(run({ 'existing-ca': 'internal-ca', 'onprem-ca-mandated': 'yes', 'import-prerequisites': 'none' }).recommendation.verdict).toBe('do-not-adopt');
  });
});

describe('contradictions are named', () => {
  it('"no CA today" with "keep our mature process" is a caution naming both, and the plan carries neither side', () => {
    const a = run({ 'existing-ca': 'none', 'mature-process': 'integrate', 'certificate-pinning': 'none' });
    const c = a.recommendation.reasons.find((r) => r.criterion === 'no-ca-but-mature-process')!;
    expect(c.effect).toBe('caution');
    expect(c.text).toContain('existing-ca "Nothing in place yet" (none)');
    expect(c.text).toContain('mature-process "Mature, and ACM may issue on AWS" (integrate)');
    expect(steps(a)[0]).toBe('resolve-contradictions');
    // existing-ca=none asks for nothing extra here, mature-process=integrate for the central inventory: neither is acted on.
    expect(steps(a)).not.toContain('integrate-central-inventory');
    const resolve = a.plan.steps[0];
    expect(resolve.how.join(' ')).toContain('no-ca-but-mature-process');
  });

  it('"TLS terminates on the instances" with "keys never leave ACM" is named, and the passthrough steps wait', () => {
    const a = run({ 'pci-passthrough': 'yes', 'private-key-export': 'no', 'certificate-pinning': 'none' });
    const c = a.recommendation.reasons.find((r) => r.criterion === 'passthrough-but-keys-stay')!;
    expect(c.text).toMatch(/pci-passthrough .*contradicts private-key-export/);
    expect(steps(a)).not.toContain('pci-passthrough-endpoints');
    expect(steps(a)).not.toContain('exportable-or-acme');
  });

  it('"no integrated endpoints" while 40 certificates are attached to load balancers is named with the count', () => {
    const attached = Array.from({ length: 40 }, (_, i) =>
      cert({ domainName: `s${i}.example.com`, inUse: true, inUseBy: [`arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/lb${i}/abc`] }),
    );
    const a = run({ 'aws-integrated-endpoints': 'none', 'private-key-export': 'yes', 'key-export-route': 'acme' }, inventory(attached));
    const c = a.recommendation.reasons.find((r) => r.criterion === 'no-endpoints-but-attached')!;
    expect(c.effect).toBe('caution');
    expect(c.text).toContain('aws-integrated-endpoints "None of them" (none) contradicts the inventory (40 certificates already serve integrated services');
    expect(steps(a)).toContain('resolve-contradictions');
  });

  it('consistent answers produce no contradiction', () => {
    const a = run(answerEverything({}));
    expect(a.recommendation.reasons.filter((r) => r.effect === 'caution')).toEqual([]);
    expect(steps(a)).not.toContain('resolve-contradictions');
  });
});

describe('weights follow the article', () => {
  it('an SLA requirement is a caution that keeps adopt, and says Private CA is no answer for public endpoints', () => {
    const a = run({ ...answerEverything({}), 'sla-required': 'yes' });
    expect(a.recommendation.verdict).toBe('adopt');
    const r = a.recommendation.reasons.find((x) => x.criterion === 'sla-required')!;
    expect(r.effect).toBe('caution');
    expect(r.text).toMatch(/not in the handshake path/);
    expect(r.text).toMatch(/not publicly trusted/);
  });

  it('decide() quotes the same rule the advice carries', () => {
    const answers = { 'aws-integrated-endpoints': 'yes', 'ev-ov-required': 'yes' };
    const d = decide(kb, { workload: null, answers });
    expect(run(answers).recommendation.rule).toEqual({ id: d.rule.id, summary: d.rule.summary });
    expect(d.rule.id).toBe('exceptions');
  });
});
