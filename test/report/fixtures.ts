import type { Advice, Fact } from '../../src/domain/advice.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { cert, NOW } from '../audit/helpers.js';

export { NOW };

/** Values an attacker who can tag or name a certificate could plant. */
export const HOSTILE = {
  pipe: 'team|ops || x',
  backticks: 'run `rm -rf /` and ```fence```',
  script: '<script>alert(1)</script><img src=x onerror=alert(1)>',
  link: '[click](http://evil.example/) ![img](http://evil.example/x.png)',
  autolinks: 'http://evil.example/a www.evil.example admin@evil.example <http://evil.example>',
  newline: 'line one\nline two\r\n| a | b |\n|---|---|',
  osc: 'title\u001b]0;pwned\u0007 here',
  ansi: '\u001b[31mred\u001b[0m \u001b[2J',
  markup: '*em* __strong__ ~~gone~~ &lt; &amp; # heading',
  backslash: 'ends with backslash\\',
  separators: 'a\u2028b\u2029c\u0085d',
  bidi: 'abc\u202edcba',
};

export const HOSTILE_VALUES = Object.values(HOSTILE);

export function hostileInventory(): Inventory {
  const certificates = [
    cert({
      domainName: `${HOSTILE.script}.example.com`,
      subjectAlternativeNames: [HOSTILE.link],
      tags: { owner: HOSTILE.pipe, environment: 'prod', application: HOSTILE.backticks },
      renewalStatus: 'FAILED',
      renewalStatusReason: HOSTILE.newline,
    }, 5),
    cert({ domainName: HOSTILE.osc, tags: { owner: HOSTILE.ansi } }, -2),
    cert({ domainName: HOSTILE.markup, keyAlgorithm: 'RSA-1024', tags: { owner: HOSTILE.autolinks } }, 100),
    cert({ domainName: HOSTILE.backslash, type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', tags: { owner: HOSTILE.separators } }, 20),
    cert({ domainName: null, subjectAlternativeNames: [], tags: { Owner: HOSTILE.bidi } }, 200),
    cert({ domainName: 'fine.example.com' }, 300),
  ];
  return {
    generatedAt: NOW.toISOString(),
    account: { id: '123456789012', arn: `arn:aws:iam::123456789012:user/${HOSTILE.link}` },
    regions: [
      { region: 'us-east-1', status: 'ok', listed: certificates.length, described: certificates.length },
      { region: 'eu-west-1', status: 'error', error: { code: 'AccessDenied', message: HOSTILE.script }, listed: 0, described: 0 },
    ],
    certificates,
    warnings: [],
  };
}

export function hostileAdvice(): Advice {
  return {
    workload: HOSTILE.pipe,
    answers: [
      {
        id: 'certificate-pinning',
        prompt: 'Do clients pin certificates?',
        value: 'leaf',
        label: 'Leaf pinning',
        effect: 'blocker',
        rationale: HOSTILE.link,
      },
      {
        id: 'non-aws-cdn',
        prompt: HOSTILE.backticks,
        value: 'no',
        label: 'No',
        effect: 'neutral',
        rationale: HOSTILE.newline,
      },
    ],
    ignoredAnswers: [{ id: 'email-encryption', value: 'yes', because: HOSTILE.backticks }],
    recommendation: {
      verdict: 'adopt-with-exceptions',
      provisional: true,
      unanswered: ['sla-required'],
      rule: { id: 'exceptions', summary: HOSTILE.link },
      reasons: [
        { criterion: 'certificate-pinning', effect: 'exception', text: HOSTILE.script },
        { criterion: 'non-aws-cdn', effect: 'favour', text: 'CloudFront is fine.' },
      ],
    },
    plan: {
      steps: [
        {
          id: 'dns-validation',
          title: 'Move to DNS validation',
          why: HOSTILE.markup,
          how: ['Request a new certificate', HOSTILE.autolinks],
          snippets: [
            { language: 'hcl', title: 'Terraform', code: 'resource "aws_acm_certificate" "x" {\n  domain_name = "a.example.com"\n}\n' },
            { language: 'yaml`; <x>', title: HOSTILE.osc, code: 'a: 1\n```\nb: 2 \u001b[31m\n~~~\n' },
          ],
        },
      ],
    },
  };
}

export const FACTS: Fact[] = [
  {
    id: 'quota',
    statement: 'ACM allows 5,000 certificates per 365 days and 2,500 held per region.',
    changedFrom: '1,000 per year',
    source: { title: 'ACM quotas', url: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html' },
    checked: '2026-05-01',
  },
  {
    id: 'bad-url',
    statement: HOSTILE.pipe,
    changedFrom: null,
    source: { title: 'Not a link', url: 'javascript:alert(1)' },
    checked: '2026-05-01',
  },
];
