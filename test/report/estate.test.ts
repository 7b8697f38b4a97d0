import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase, parseAnswers } from '../../src/advisor/index.js';
import { runAudit } from '../../src/audit/run.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { AccountState, Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { buildReport } from '../../src/report/model.js';
import { renderReportJson } from '../../src/report/render-json.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { cert } from '../audit/helpers.js';
import { FACTS, NOW } from './fixtures.js';

/** A report over an estate of three accounts, one refusing the role; or over one account. */
const kb = loadKnowledgeBase();
const ACCOUNTS = [
  { id: '111122223333', name: 'mgmt' },
  { id: '222233334444', name: 'shop|prod' },
  { id: '444455556666', name: 'sandbox' },
];

function inAccount(i: number, over: Partial<Certificate> = {}, days = 150): Certificate {
  const c = cert(over, days);
  const { id, name } = ACCOUNTS[i];
  return { ...c, arn: c.arn.replace('123456789012', id), accountId: id, accountName: name };
}

function estate(certificates: Certificate[]): Inventory {
  const accounts: AccountState[] = ACCOUNTS.map((a, i) => ({
    ...a,
    status: i === 2 ? 'error' : 'ok',
    ...(i === 2 ? { error: { code: 'AccessDenied', message: 'could not assume role OrganizationAccountAccessRole in sandbox.' } } : {}),
    regions: [{ region: 'us-east-1', accountId: a.id, status: i === 2 ? 'error' : 'ok', listed: 0, described: 0 }],
  }));
  return {
    generatedAt: NOW.toISOString(),
    account: { id: ACCOUNTS[0].id, arn: `arn:aws:iam::${ACCOUNTS[0].id}:root` },
    regions: accounts.flatMap((a) => a.regions),
    accounts,
    certificates,
    warnings: [],
  };
}

function render(inventory: Inventory) {
  const audit = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW);
  const answers = parseAnswers('answers:\n  aws-integrated-endpoints: "yes"\n  private-key-export: "yes"\n', kb);
  const advice = advise(kb, answers, inventory, audit.findings, DEFAULT_AUDIT_CONFIG, NOW);
  const r = buildReport({ inventory, audit, advice, facts: FACTS, config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
  return { md: renderReportMarkdown(r), json: JSON.parse(renderReportJson(r)) };
}

const section = (md: string, title: string) => md.split(`\n## ${title}\n`)[1].split('\n## ')[0];

describe('the report across several accounts', () => {
  const certs = [
    inAccount(0, { inUse: true, inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/a/1'] }, 10),
    inAccount(0, { exportOption: 'ENABLED', exported: true, inUse: false, inUseBy: [] }),
    inAccount(1, { inUse: true, inUseBy: ['arn:aws:cloudfront::222233334444:distribution/E1'] }, 5),
  ];

  it('groups the findings by account: a heading each with its counts, the failed account with its reason', () => {
    const { md } = render(estate(certs));
    const findings = section(md, 'Findings');
    const headings = [...findings.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['mgmt (111122223333)', 'shop|prod (222233334444)', 'sandbox (444455556666)']);
    expect(findings).toMatch(/^\d+ findings in 2 of 3 accounts, grouped by account\.$/m);
    expect(findings).toMatch(/### mgmt \(111122223333\)\n\n\d+ findings?: (\d+ (critical|high|medium|low|info)(, )?)+\./);
    expect(findings).toContain('**Not read in full:** AccessDenied: could not assume role OrganizationAccountAccessRole in sandbox. No findings from what was read.');
    // Under its own heading a table needs no Account column.
    expect(findings).not.toMatch(/\| Account/);
    // The appendix carries the account.
    expect(section(md, 'Appendix: certificate inventory')).toMatch(/^\| Domain\s+\| Account\s+\| Region/m);
  });

  it("the Advisor's evidence in the answers says how many accounts it comes from, in Markdown and JSON", () => {
    const { md, json } = render(estate(certs));
    const rationale = (id: string) => json.answers.find((a: { id: string }) => a.id === id).rationale as string;
    expect(rationale('aws-integrated-endpoints')).toContain('The inventory agrees: 2 certificates already serve integrated services in all 2 accounts read.');
    expect(rationale('private-key-export')).toContain('keys are already used outside integrated services in 1 of 2 accounts read');
    expect(section(md, 'Questionnaire answers')).toContain('serve integrated services in all 2 accounts read');
  });

  it('hostile account names and reasons stay inert in the account headings', () => {
    const evil = 'x\u001b]0;pwned\u0007\n## injected\r\n| a | b |';
    const inv = estate(certs.map((c) => ({ ...c, accountName: c.accountId === ACCOUNTS[1].id ? evil : c.accountName })));
    inv.accounts = inv.accounts!.map((a) => (a.id === ACCOUNTS[1].id ? { ...a, name: evil } : a.error ? { ...a, error: { code: 'AccessDenied', message: evil } } : a));
    const { md } = render(inv);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(md).not.toMatch(/^## injected/m);
    expect(section(md, 'Findings').match(/^### /gm)).toHaveLength(3);
  });

  it('one account: no account headings, no account counts', () => {
    const one = [cert({ inUse: true, inUseBy: ['arn:aws:cloudfront::123456789012:distribution/E1'] }, 5)];
    const inventory: Inventory = {
      generatedAt: NOW.toISOString(),
      account: { id: '123456789012', arn: 'arn:aws:iam::123456789012:root' },
      regions: [{ region: 'us-east-1', status: 'ok', listed: 1, described: 1 }],
      certificates: one,
      warnings: [],
    };
    const { md, json } = render(inventory);
    expect(section(md, 'Findings')).not.toMatch(/^### /m);
    expect(md).not.toMatch(/of \d+ accounts|in all \d+ accounts|\| Account/);
    expect(json.answers.find((a: { id: string }) => a.id === 'aws-integrated-endpoints').rationale).toContain('serves integrated services in this account');
  });
});
