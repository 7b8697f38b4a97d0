import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { NOW, cert, inventory } from './helpers.js';

const kb = loadKnowledgeBase();
const run = (answers: Record<string, string>, inv: Inventory = inventory()) => advise(kb, { workload: null, answers }, inv, [], DEFAULT_AUDIT_CONFIG, NOW);
const steps = (a: ReturnType<typeof run>) => a.plan.steps.map((s) => s.id);
const cautions = (a: ReturnType<typeof run>) => a.recommendation.reasons.filter((r) => r.effect === 'caution').map((r) => r.criterion);

describe('a contradiction the verdict rests on makes it provisional, and shows where each side leads', () => {
  it('p8: no CA today yet "keep the process" gives import-only only if the second holds, so import-only is provisional', () => {
    const a = run({ 'aws-integrated-endpoints': 'yes', 'existing-ca': 'none', 'mature-process': 'keep' });
    expect(a.recommendation.verdict).toBe('import-only');
    expect(a.recommendation.provisional).toBe(true);
    const [line] = a.recommendation.provisionalBecause!;
    expect(line).toMatch(/^no-ca-but-mature-process: if existing-ca "[^"]+" \(none\) holds, the verdict is adopt; if mature-process "[^"]+" \(keep\) holds, it is import-only\.$/);
  });

  it('a contradiction both sides of which give the same verdict leaves the verdict as firm as the answers make it', () => {
    const answers: Record<string, string> = {};
    for (const q of kb.questions) answers[q.id] = (q.choices.find((c) => c.effect === 'favour') ?? q.choices.find((c) => c.effect === 'neutral') ?? q.choices[0]).value;
    delete answers['key-export-route'];
    delete answers['import-prerequisites'];
    delete answers['replace-internal-ca'];
    delete answers['email-encryption'];
    const a = run({ ...answers, 'existing-ca': 'none', 'mature-process': 'integrate' });
    expect(cautions(a)).toContain('no-ca-but-mature-process');
    expect(a.recommendation.provisionalBecause ?? []).toEqual([]);
  });

  it('an inventory contradiction names the inventory as the other side', () => {
    const inv = inventory([cert({ domainName: 'www.example.com', inUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1'], inUse: true, status: 'ISSUED' })]);
    const a = run({ 'aws-integrated-endpoints': 'none' }, inv);
    expect(a.recommendation.verdict).toBe('do-not-adopt');
    expect(a.recommendation.provisional).toBe(true);
    expect(a.recommendation.provisionalBecause!.join(' ')).toMatch(/if the inventory \(aws-integrated-endpoints "(yes|partly)"\) holds, it is (adopt|adopt-with-exceptions)/);
  });
});

describe('the contradictions an architect expects are found', () => {
  it('ev-ov-required "no" against imports in use whose subject names an organisation', () => {
    const inv = inventory([cert({ domainName: 'shop.example.com', type: 'IMPORTED', status: 'ISSUED', issuer: 'DigiCert Inc', subject: 'CN=shop.example.com,O=Example Ltd,C=GB', inUse: true })]);
    expect(cautions(run({ 'ev-ov-required': 'no' }, inv))).toContain('no-ov-ev-but-organisation-subjects');
  });

  it('existing-ca "none" against imported certificates', () => {
    const inv = inventory([cert({ domainName: 'shop.example.com', type: 'IMPORTED', status: 'ISSUED', issuer: 'DigiCert Inc' })]);
    expect(cautions(run({ 'existing-ca': 'none' }, inv))).toContain('no-ca-but-imports');
  });

  it.each(['exportable', 'acme', 'private-ca'])('"keep the process" and an on-premises mandate against the %s route', (route) => {
    const a = run({ 'private-key-export': 'yes', 'key-export-route': route, 'mature-process': 'keep', 'onprem-ca-mandated': 'yes' });
    expect(cautions(a)).toEqual(expect.arrayContaining(['keep-process-but-acm-route', 'mandated-ca-but-acm-route']));
  });

  it('an on-premises mandate against replacing the internal CA with Private CA', () => {
    const a = run({ 'existing-ca': 'internal-ca', 'replace-internal-ca': 'private-ca', 'onprem-ca-mandated': 'yes' });
    expect(cautions(a)).toContain('mandated-ca-but-private-ca');
  });

  it('an answer to a question another answer hides, when it asks for something', () => {
    const a = run({ 'aws-integrated-endpoints': 'yes', 'private-key-export': 'no', 'key-export-route': 'acme' });
    const reason = a.recommendation.reasons.find((r) => r.criterion === 'hidden-key-export-route')!;
    expect(reason.text).toMatch(/key-export-route .*\(acme\) was answered, but private-key-export .*\(no\) hides that question/);
    expect(steps(a)).toContain('resolve-contradictions');
    // A neutral hidden answer agrees with its gate: nothing to settle.
    expect(cautions(run({ 'non-tls-use': 'no', 'email-encryption': 'no' }))).not.toContain('hidden-email-encryption');
  });
});

describe('routes and exceptions', () => {
  it('no integrated endpoint but a Private CA route adopts with exceptions and plans Private CA, never do-not-adopt', () => {
    const a = run({ 'aws-integrated-endpoints': 'none', 'private-key-export': 'yes', 'key-export-route': 'private-ca' });
    expect(a.recommendation.verdict).toBe('adopt-with-exceptions');
    expect(steps(a)).toContain('private-ca-rollout');
    expect(steps(a)).not.toContain('keep-external-lifecycle');
  });

  it('PCI passthrough offers ACM for Nitro Enclaves as the route on the instances', () => {
    const a = run({ 'aws-integrated-endpoints': 'partly', 'pci-passthrough': 'yes' });
    const step = a.plan.steps.find((s) => s.id === 'pci-passthrough-endpoints')!;
    expect(step.how.join(' ')).toMatch(/ACM for Nitro Enclaves/);
    expect(a.answers.find((x) => x.id === 'pci-passthrough')!.rationale).toMatch(/Nitro Enclaves/);
  });
});

describe('an organisation read in part', () => {
  const estate = (): Inventory => ({
    ...inventory([cert({ domainName: 'www.example.com', status: 'ISSUED' }, 'eu-west-1', '111111111111')]),
    accounts: [
      { id: '111111111111', name: 'prod', status: 'ok', regions: [] },
      { id: '222222222222', name: 'payments', status: 'error', error: { code: 'AccessDenied', message: 'role refused' }, regions: [] },
    ],
  });

  it('gives a provisional verdict and says the guardrails\u2019 allow list is incomplete', () => {
    const a = run({ 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' }, estate());
    expect(a.recommendation.verdict).not.toBe('undecided');
    expect(a.recommendation.provisional).toBe(true);
    expect(a.recommendation.provisionalBecause!.join(' ')).toMatch(/1 of 2 accounts could not be read/);
    const how = a.plan.steps.find((s) => s.id === 'request-guardrails')!.how.join(' ');
    expect(how).toMatch(/The allow list is incomplete: 1 account could not be read/);
  });

  it('read in full, the same answers need no such caveat', () => {
    const inv = estate();
    inv.accounts![1] = { ...inv.accounts![1], status: 'ok', error: undefined };
    expect(run({ 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' }, inv).recommendation.provisionalBecause).toBeUndefined();
  });
});
