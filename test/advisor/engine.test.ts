import { describe, expect, it } from 'vitest';
import { advise, decide, loadKnowledgeBase, visibleQuestions, type Answers } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { NOW, cert, finding, inventory } from './helpers.js';

const kb = loadKnowledgeBase();

/** The most favourable choice of every question: favour first, else neutral. */
function favourable(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of kb.questions) {
    const c = q.choices.find((x) => x.effect === 'favour') ?? q.choices.find((x) => x.effect === 'neutral');
    // A follow-up with only limiting choices is left unanswered (its parent answer hides it anyway).
    if (c) out[q.id] = c.value;
  }
  return out;
}

const run = (answers: Record<string, string>, findings = [] as ReturnType<typeof finding>[], inv = inventory()) =>
  advise(kb, { workload: 'shop', answers }, inv, findings, DEFAULT_AUDIT_CONFIG, NOW);

describe('verdict', () => {
  it('all-favourable answers give adopt', () => {
    const a = run(favourable());
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.recommendation.reasons.every((r) => r.effect === 'favour')).toBe(true);
    expect(a.workload).toBe('shop');
  });

  it('no answers at all give no verdict: undecided, every decisive question open', () => {
    const a = run({});
    expect(a.recommendation.verdict).toBe('undecided');
    expect(a.recommendation.reasons).toEqual([]);
    expect(a.recommendation.provisional).toBe(true);
    expect(a.recommendation.unanswered).toContain('aws-integrated-endpoints');
  });

  // Each row: the answer that blocks or limits ACM (plus what makes it visible), the verdict it gives.
  const limiting: { criterion: string; answers: Record<string, string>; verdict: string; effect: string }[] = [
    { criterion: 'aws-integrated-endpoints', answers: { 'aws-integrated-endpoints': 'none' }, verdict: 'do-not-adopt', effect: 'blocker' },
    { criterion: 'onprem-ca-mandated', answers: { 'onprem-ca-mandated': 'yes' }, verdict: 'import-only', effect: 'blocker' },
    { criterion: 'mature-process', answers: { 'mature-process': 'keep' }, verdict: 'import-only', effect: 'blocker' },
    { criterion: 'import-prerequisites', answers: { 'existing-ca': 'public-ca', 'import-prerequisites': 'no' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'replace-internal-ca', answers: { 'existing-ca': 'internal-ca', 'replace-internal-ca': 'public-acm' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'certificate-pinning', answers: { 'certificate-pinning': 'leaf' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'ev-ov-required', answers: { 'ev-ov-required': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'site-seal', answers: { 'site-seal': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'pci-passthrough', answers: { 'pci-passthrough': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'private-key-export', answers: { 'private-key-export': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'key-export-route', answers: { 'private-key-export': 'yes', 'key-export-route': 'own-keys' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'non-aws-cdn', answers: { 'non-aws-cdn': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'client-crypto-compat', answers: { 'client-crypto-compat': 'legacy' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'non-tls-use', answers: { 'non-tls-use': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'email-encryption', answers: { 'non-tls-use': 'yes', 'email-encryption': 'yes' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
    { criterion: 'certificate-volume', answers: { 'certificate-volume': 'over' }, verdict: 'adopt-with-exceptions', effect: 'exception' },
  ];

  it.each(limiting)('$criterion: the limiting answer gives $verdict and is cited', ({ criterion, answers, verdict, effect }) => {
    const a = run({ ...favourable(), ...answers });
    expect(a.recommendation.verdict).toBe(verdict);
    expect(a.recommendation.verdict).not.toBe('adopt');
    expect(a.recommendation.reasons).toContainEqual(expect.objectContaining({ criterion, effect }));
  });

  it('mandated CA none of whose certificates can be imported gives do-not-adopt', () => {
    const a = run({ ...favourable(), 'existing-ca': 'internal-ca', 'onprem-ca-mandated': 'yes', 'import-prerequisites': 'none' });
    expect(a.recommendation.verdict).toBe('do-not-adopt');
    expect(decide(kb, { workload: null, answers: { 'onprem-ca-mandated': 'yes', 'import-prerequisites': 'none' } }).rule.id).toBe('mandated-ca-nothing-importable');
  });

  it('pinned leaf certificates plus an EV/OV requirement give adopt-with-exceptions citing both', () => {
    const a = run({ ...favourable(), 'certificate-pinning': 'leaf', 'ev-ov-required': 'yes' });
    expect(a.recommendation.verdict).toBe('adopt-with-exceptions');
    const cited = a.recommendation.reasons.filter((r) => r.effect === 'exception').map((r) => r.criterion);
    expect(cited).toEqual(['certificate-pinning', 'ev-ov-required']);
    // Exceptions come before favourable reasons.
    expect(a.recommendation.reasons[0].effect).toBe('exception');
  });

  const cautions: [string, Record<string, string>][] = [
    ['mature-process', { 'mature-process': 'integrate' }],
    ['certificate-pinning', { 'certificate-pinning': 'ca' }],
    ['rebuild-frequency', { 'rebuild-frequency': 'daily' }],
    ['infrastructure-as-code', { 'infrastructure-as-code': 'none' }],
    ['certificate-volume', { 'certificate-volume': 'high' }],
    ['sla-required', { 'sla-required': 'yes' }],
  ];
  it.each(cautions)('%s: a caution keeps adopt but is cited', (criterion, answers) => {
    const a = run({ ...favourable(), ...answers });
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.recommendation.reasons).toContainEqual(expect.objectContaining({ criterion, effect: 'caution' }));
  });

  it.each([
    ['existing-ca', 'none'],
    ['aws-integrated-endpoints', 'yes'],
    ['multi-account', 'organization'],
    ['infrastructure-as-code', 'terraform'],
  ])('criterion in favour %s=%s is cited as favour', (criterion, value) => {
    // One decisive question answered (neutrally), so there is a verdict at all.
    const a = run({ 'certificate-pinning': 'none', [criterion]: value });
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.recommendation.reasons).toEqual([expect.objectContaining({ criterion, effect: 'favour' })]);
  });
});

describe('branching', () => {
  const ids = (answers: Record<string, string>) => visibleQuestions(kb, { workload: null, answers }).map((q) => q.id);

  it('asks everything while nothing is answered', () => {
    expect(ids({})).toEqual(kb.questions.map((q) => q.id));
  });

  it.each([
    ['email-encryption', { 'non-tls-use': 'no' }, { 'non-tls-use': 'yes' }],
    ['key-export-route', { 'private-key-export': 'no' }, { 'private-key-export': 'yes' }],
    ['replace-internal-ca', { 'existing-ca': 'none' }, { 'existing-ca': 'both' }],
    ['import-prerequisites', { 'existing-ca': 'none', 'onprem-ca-mandated': 'no', 'mature-process': 'no' }, { 'existing-ca': 'none', 'onprem-ca-mandated': 'yes', 'mature-process': 'no' }],
  ])('%s is skipped when irrelevant and asked when relevant', (id, skip, ask) => {
    expect(ids(skip)).not.toContain(id);
    expect(ids(ask)).toContain(id);
  });

  it('ignores an answer to a question that an earlier answer made irrelevant', () => {
    const answers = { ...favourable(), 'non-tls-use': 'no', 'email-encryption': 'yes' };
    const a = run(answers);
    expect(a.recommendation.verdict).toBe('adopt');
    expect(a.answers.map((x) => x.id)).not.toContain('email-encryption');
  });
});

describe('plan', () => {
  it('is ordered, without duplicates, and every step has why and how', () => {
    const a = run({ ...favourable(), 'certificate-pinning': 'leaf' }, [finding('email-validation'), finding('missing-tags')]);
    const steps = a.plan.steps;
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    const order = new Map(kb.planSteps.map((s) => [s.id, s.order]));
    const orders = steps.map((s) => order.get(s.id)!);
    expect(orders).toEqual([...orders].sort((x, y) => x - y));
    for (const s of steps) {
      expect(s.why.length).toBeGreaterThan(10);
      expect(s.how.length).toBeGreaterThan(0);
    }
    expect(steps.map((s) => s.id)).toEqual(expect.arrayContaining(['pinning-review', 'exceptions-register', 'migrate-email-to-dns', 'tagging-standard']));
  });

  it('turns findings into steps that name the finding and the certificates', () => {
    const c = cert({ domainName: 'legacy.example.com', type: 'IMPORTED', notAfter: '2026-12-20T00:00:00Z' });
    const a = run(favourable(), [finding('email-validation', c.arn), finding('expiring-soon', c.arn), finding('unused-certificate', c.arn)], inventory([c]));
    const byId = new Map(a.plan.steps.map((s) => [s.id, s]));
    expect(byId.get('migrate-email-to-dns')?.why).toContain('1 email-validation finding');
    expect(byId.get('import-and-rotate')?.why).toContain('expiring-soon');
    expect(byId.get('remove-unused')?.how.join(' ')).toContain('legacy.example.com');
    // Urgent fixes come before the adoption foundations.
    const ids = a.plan.steps.map((s) => s.id);
    expect(ids.indexOf('import-and-rotate')).toBeLessThan(ids.indexOf('dns-validated-certificates'));
  });

  it('import-only plans do not tell you to request ACM certificates', () => {
    const a = run({ ...favourable(), 'onprem-ca-mandated': 'yes' });
    const ids = a.plan.steps.map((s) => s.id);
    expect(ids).toContain('import-and-rotate');
    expect(ids).not.toContain('dns-validated-certificates');
  });

  it('do-not-adopt plans keep the external lifecycle', () => {
    const a = run({ 'aws-integrated-endpoints': 'none' });
    expect(a.plan.steps.map((s) => s.id)).toContain('keep-external-lifecycle');
    expect(a.plan.steps.map((s) => s.id)).not.toContain('dns-validated-certificates');
  });

  it('shows only the IaC flavour the team uses', () => {
    const step = (iac: string) => run({ ...favourable(), 'infrastructure-as-code': iac }).plan.steps.find((s) => s.id === 'dns-validated-certificates')!;
    expect(step('terraform').snippets.map((s) => s.language)).toEqual(['hcl']);
    expect(step('cloudformation').snippets.map((s) => s.language)).toEqual(['yaml']);
    expect(step('other').snippets.map((s) => s.language).sort()).toEqual(['hcl', 'yaml']);
  });

  it('answers carry their rationale, and say when the inventory disagrees', () => {
    const inv = inventory([cert({ inUse: true, inUseBy: ['arn:aws:cloudfront::111122223333:distribution/E1'] })]);
    const a = run({ 'aws-integrated-endpoints': 'partly' }, [], inv);
    expect(a.answers[0]).toMatchObject({ id: 'aws-integrated-endpoints', value: 'partly', label: 'Some of them', effect: 'favour' });
    expect(a.answers[0].rationale).toContain('the inventory suggested "yes"');
  });

  it('is pure: same input, same advice', () => {
    const inv = inventory([cert({ domainName: 'a.example.com', tags: { environment: 'production' } })]);
    const answers: Answers = { workload: null, answers: { ...favourable(), 'pci-passthrough': 'yes' } };
    expect(advise(kb, answers, inv, [], DEFAULT_AUDIT_CONFIG, NOW)).toEqual(advise(kb, answers, inv, [], DEFAULT_AUDIT_CONFIG, NOW));
  });
});
