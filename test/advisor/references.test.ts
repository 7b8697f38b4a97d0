import { describe, expect, it } from 'vitest';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { PlanStep, Snippet } from '../../src/domain/advice.js';
import { NOW, cert, finding, inventory } from './helpers.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';

/*
 * Every IAM condition key, EventBridge operator, CloudFormation property and Terraform argument the plan emits
 * must be one content/aws-references.yaml records from AWS's (or the provider's) own reference.
 */
const kb = loadKnowledgeBase();
const refs = kb.references;

const cfnTags: (ScalarTag | CollectionTag)[] = ['Ref', 'Sub', 'GetAtt', 'ImportValue', 'Join', 'Select', 'If'].flatMap((name) => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (v: unknown) => ({ [key]: v }) } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => ({ [key]: v }) } as unknown as CollectionTag,
  ];
});

const inv = inventory([
  cert({ domainName: 'shop.example.co.uk', subjectAlternativeNames: ['shop.example.co.uk', 'www.example.com'], tags: { environment: 'production' }, inUse: true, status: 'ISSUED' }),
  cert({ domainName: 'edge.example.com', keyPairOrigin: 'ACME', status: 'ISSUED' }),
]);

/** Plans that between them trigger every snippet-bearing step, in both IaC flavours. */
function plans(): PlanStep[][] {
  const findings = ['renewal-failing', 'imported-manual-renewal', 'transparency-logging-disabled', 'missing-tags'].map((r) => finding(r));
  const answers = { 'infrastructure-as-code': 'other', 'aws-integrated-endpoints': 'partly', 'certificate-pinning': 'leaf', 'private-key-export': 'yes', 'key-export-route': 'acme' };
  return [
    advise(kb, { workload: null, answers }, inv, findings, DEFAULT_AUDIT_CONFIG, NOW).plan.steps,
    advise(kb, { workload: null, answers: { ...answers, 'infrastructure-as-code': 'terraform' } }, inv, findings, DEFAULT_AUDIT_CONFIG, NOW).plan.steps,
  ];
}
const snippets = (): { step: string; snippet: Snippet }[] => plans().flat().flatMap((s) => s.snippets.map((snippet) => ({ step: s.id, snippet })));

const tagKeyed = (k: string) => k.replace(/^(aws:(?:ResourceTag|RequestTag))\/.+$/, '$1/${TagKey}');

describe('generated snippets use only what AWS documents', () => {
  it('every IAM condition key is one the action supports (or the certificate resource, or global), and none is deprecated', () => {
    const policies = snippets().filter(({ snippet: s }) => s.language === 'json' && s.code.includes('"Statement"'));
    expect(policies.length).toBeGreaterThan(0);
    let checked = 0;
    for (const { step, snippet } of policies) {
      const doc = JSON.parse(snippet.code) as { Statement: { Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }[] };
      for (const st of doc.Statement) {
        const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
        for (const op of Object.values(st.Condition ?? {}))
          for (const key of Object.keys(op)) {
            const k = tagKeyed(key);
            expect(refs.iam.deprecated, `${step}: ${key} is deprecated`).not.toContain(k);
            for (const action of actions) {
              const allowed = [...(refs.iam.actions[action] ?? []), ...(refs.iam.resourceActions.includes(action) ? refs.iam.resourceKeys : []), ...refs.iam.globalKeys];
              expect(allowed, `${step}: ${action} with ${key}`).toContain(k);
              checked++;
            }
          }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('every SCP and event pattern fits its AWS size limit; event patterns use documented operators and CloudTrail fields', () => {
    const ops = new Set<string>();
    const fields: { event: string; field: string }[] = [];
    // A field maps to an array of values or matcher objects; a matcher's keys (and an anything-but's inner keys) are operators.
    const walkFields = (fieldsObj: Record<string, unknown>): void => {
      for (const [k, v] of Object.entries(fieldsObj)) {
        if (k === '$or') {
          ops.add(k);
          (v as Record<string, unknown>[]).forEach(walkFields);
        } else if (Array.isArray(v)) {
          for (const m of v)
            if (m && typeof m === 'object')
              for (const [op, inner] of Object.entries(m)) {
                ops.add(op);
                if (inner && typeof inner === 'object' && !Array.isArray(inner)) Object.keys(inner).forEach((x) => ops.add(x));
              }
        } else if (v && typeof v === 'object') walkFields(v as Record<string, unknown>);
      }
    };
    let patterns = 0;
    for (const { step, snippet } of snippets()) {
      if (snippet.language !== 'json') continue;
      const doc = JSON.parse(snippet.code);
      if (doc.Statement) expect(snippet.code.length, step).toBeLessThanOrEqual(refs.limits.scpCharacters.value);
      if (doc.source) {
        patterns++;
        expect(snippet.code.length, step).toBeLessThanOrEqual(refs.limits.eventPatternCharacters.value);
        walkFields(doc);
        const rp = doc.detail?.requestParameters;
        const event = doc.detail?.eventName?.[0];
        if (rp) for (const branch of rp.$or ?? [rp]) for (const field of Object.keys(branch)) fields.push({ event, field });
      }
    }
    expect(patterns).toBe(4);
    for (const op of ops) expect(refs.eventbridge.operators, op).toContain(op);
    for (const { event, field } of fields) expect(refs.eventbridge.requestParameters[event], `${event}.${field}`).toContain(field);
  });

  it('every CloudFormation resource type and property path is in the template reference list', () => {
    let checked = 0;
    for (const { step, snippet } of snippets()) {
      if (snippet.language !== 'yaml') continue;
      const doc = parse(snippet.code, { customTags: cfnTags }) as { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
      for (const [name, r] of Object.entries(doc.Resources ?? {})) {
        const known = refs.cloudformation.resources[r.Type];
        expect(known, `${step}: ${name} ${r.Type}`).toBeDefined();
        for (const [prop, value] of Object.entries(r.Properties ?? {})) {
          expect(known, `${step}: ${r.Type}.${prop}`).toContain(prop);
          checked++;
          if (refs.cloudformation.freeform.includes(prop)) continue;
          const items = Array.isArray(value) ? value : [value];
          for (const item of items)
            if (item && typeof item === 'object' && !Object.keys(item).some((k) => k === 'Ref' || k.startsWith('Fn::')))
              for (const sub of Object.keys(item)) {
                // Only one level down is listed; deeper structure (CloudFront's) is the nested type's own business.
                if (known.some((k) => k.startsWith(`${prop}.`))) expect(known, `${step}: ${r.Type}.${prop}.${sub}`).toContain(`${prop}.${sub}`);
                checked++;
              }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('every Terraform resource type, argument, nested block and attribute read is in the provider reference list', () => {
    let checked = 0;
    for (const { step, snippet } of snippets()) {
      if (snippet.language !== 'hcl') continue;
      const stack: string[] = [];
      let resource: string | null = null;
      let opaque = 0;
      for (const raw of snippet.code.split('\n')) {
        const line = raw.replace(/#.*$/, '');
        const balance = (s: string) => (s.match(/[{[(]/g)?.length ?? 0) - (s.match(/[}\])]/g)?.length ?? 0);
        if (opaque > 0) {
          opaque += balance(line);
          continue;
        }
        const res = /^\s*resource "([a-z0-9_]+)" "[a-z0-9_]+" \{\s*$/.exec(line);
        const other = /^\s*(variable|output|data|locals|provider)\b.*\{\s*$/.exec(line);
        const block = /^\s*([a-z_]+)\s*\{\s*$/.exec(line);
        const attr = /^\s*([a-z_]+)\s*=(.*)$/.exec(line);
        if (res) {
          resource = res[1];
          expect(refs.terraform.resources[resource], `${step}: ${resource}`).toBeDefined();
          stack.push(resource);
        } else if (other) {
          stack.push('');
          resource = null;
        } else if (block && stack.length > 0) stack.push(block[1]);
        else if (attr && stack.length > 0) {
          if (resource && stack[0] === resource) {
            const path = [...stack.slice(1), attr[1]].join('.');
            const allowed = [...refs.terraform.resources[resource].arguments, ...refs.terraform.metaArguments];
            expect(allowed, `${step}: ${resource}.${path}`).toContain(path);
            checked++;
          }
          opaque = balance(attr[2]);
        } else if (/^\s*\}\s*$/.test(line)) {
          const top = stack.pop();
          if (top === resource && stack.length === 0) resource = null;
        }
        if (stack.length > 1 && resource && stack.length === 2 && block) {
          const allowed = [...refs.terraform.resources[resource].arguments, ...refs.terraform.metaArguments];
          expect(allowed, `${step}: ${resource}.${block[1]} block`).toContain(block[1]);
        }
      }
      for (const m of snippet.code.matchAll(/(\bdata\.)?\b(aws_[a-z0-9_]+)\.[a-z0-9_]+\.([a-z_]+)/g)) {
        if (m[1]) {
          expect(refs.terraform.dataSources[m[2]], `${step}: reads ${m[0]}`).toContain(m[3]);
          continue;
        }
        const r = refs.terraform.resources[m[2]];
        expect(r, `${step}: reads ${m[0]}`).toBeDefined();
        expect([...r.attributes, ...r.arguments], `${step}: reads ${m[0]}`).toContain(m[3]);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('Terraform teams get Terraform for the expiry alerts too, and CloudFront certificates are said to live in us-east-1', () => {
    const [, terraform] = plans();
    const alerts = terraform.find((s) => s.id === 'expiry-alerts')!;
    expect(alerts.snippets.map((s) => s.language)).toEqual(['hcl']);
    expect(alerts.snippets[0].code).toContain('resource "aws_cloudwatch_event_rule"');
    expect(alerts.snippets[0].code).toContain('ACM Certificate Approaching Expiration');
    for (const id of ['dns-validated-certificates', 'expiry-alerts', 'cloudtrail-alerts'])
      expect(terraform.find((s) => s.id === id)!.how.join(' '), id).toMatch(/CloudFront[^.]*us-east-1|us-east-1[^.]*CloudFront/);
  });

  it('every reference list names its source with a checked date', () => {
    for (const s of [refs.iam.source, refs.iam.conditionsPage, refs.limits.scpCharacters.source, refs.limits.eventPatternCharacters.source, refs.eventbridge.source, refs.cloudformation.source, refs.terraform.source]) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(refs.iam.actions['acm:RequestCertificate']).toEqual(expect.arrayContaining(['acm:Export', 'acm:CertificateKeyPairOrigin', 'acm:DomainNames']));
  });
});
