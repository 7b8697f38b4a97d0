/**
 * The adoption plan: the verdict's steps, the steps the answers ask for, and one step per cause of the audit
 * findings, in the content's order, with snippets filled from the inventory and checked against AWS limits.
 */
import type { PlanStep, Snippet, Verdict } from '../domain/advice.js';
import { controlInPlace, type ControlInPlace } from '../domain/alerts-in-place.js';
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import type { Inventory } from '../domain/inventory.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import { sanitiseForTerminal } from '../domain/text.js';
import type { ProductionTag } from '../domain/thresholds.js';
import type { FoundContradiction } from './contradictions.js';
import { caaBeforeRequesting } from './caa-before-request.js';
import { replaceableImports } from './eligibility.js';
import { buildGuardrails, type Guardrails } from './guardrails.js';
import { trustBasisClause } from '../domain/issuer-trust.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { stepForFinding } from './routing.js';
import type { Question } from './schema.js';

export interface PlanInput {
  kb: KnowledgeBase;
  verdict: Verdict;
  answered: { q: Question; value: string }[];
  contradictions: FoundContradiction[];
  findings: Finding[];
  inventory: Inventory;
  iac: string | undefined;
  given: Record<string, string>;
  /** The tag that marks production (the audit configuration's); the deletion guardrail keys on it. */
  productionTag: ProductionTag;
  /** Accounts of the estate that could not be read: the domain allow list misses what they use. */
  unreadAccounts?: number;
  /** What the read stages found: who issued the imports, CAA for the names the plan would request. */
  readEvidence?: ReadEvidence;
}

const SOURCES_LISTED = 3;

/** One line per allowed domain naming the certificates it came from, so a reviewer can prune the list. */
function provenanceLines(g: Guardrails): string[] {
  if (g.sources.length === 0) return [];
  return [
    `Allowed domains and the issued certificates each comes from (${g.sources.length}):`,
    ...g.sources.map((s) => {
      const shown = s.certificates.slice(0, SOURCES_LISTED).map((c) => `${sanitiseForTerminal(c.name)} (${c.arn})`);
      const more = s.certificates.length > SOURCES_LISTED ? ` and ${s.certificates.length - SOURCES_LISTED} more` : '';
      return `${sanitiseForTerminal(s.domain)}: ${shown.join(', ')}${more}.`;
    }),
  ];
}

const MAX_LISTED = 5;

function listNames(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((s) => sanitiseForTerminal(s));
  return shown.join(', ') + (names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : '');
}

function findingSubjects(findings: Finding[], byArn: Map<string, Certificate>): string {
  return listNames([...new Set(findings.map((f) => (f.certificateArn ? byArn.get(f.certificateArn)?.domainName ?? f.certificateArn : f.title)))]);
}

interface Vars {
  values: Record<string, string>;
  scps: string[];
}

function varsOf(g: Guardrails, tag: ProductionTag): Vars {
  return {
    values: {
      primaryDomain: g.domains[0] ?? 'example.com',
      allowedDomainsJson: JSON.stringify(g.allowedPatterns),
      productionTagKey: tag.key,
      productionTagValuesJson: JSON.stringify(tag.values),
      foreignRequestPatternJson: g.foreignRequestPattern.json,
      sensitiveChangePatternJson: g.sensitiveChangePattern.json,
    },
    scps: g.scps.map((s) => s.json),
  };
}

function render(text: string, vars: Vars): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k === 'scpJson' ? vars.scps[0] : (vars.values[k] ?? m)));
}

function renderSnippets(snippets: Snippet[], vars: Vars): Snippet[] {
  return snippets.flatMap((sn) => {
    // One snippet per SCP: the guardrails may need more than one to stay within the size limit.
    if (sn.code.trim() === '{{scpJson}}' && vars.scps.length > 1)
      return vars.scps.map((code, i) => ({ language: sn.language, title: `${render(sn.title, vars)} (part ${i + 1} of ${vars.scps.length})`, code }));
    return [{ language: sn.language, title: render(sn.title, vars), code: render(sn.code, vars) }];
  });
}

export function buildPlan(input: PlanInput): PlanStep[] {
  const { kb, verdict, answered, contradictions, findings, inventory, iac, given } = input;
  const triggers = new Map<string, string[]>();
  const add = (id: string, why: string) => {
    const list = triggers.get(id) ?? [];
    if (!list.includes(why)) list.push(why);
    triggers.set(id, list);
  };
  const extraHow = new Map<string, string[]>();
  const addHow = (id: string, line: string) => extraHow.set(id, [...(extraHow.get(id) ?? []), line]);

  const excluded = new Set(kb.decision.excludedSteps[verdict]);
  for (const id of kb.decision.verdictSteps[verdict]) add(id, `part of every ${verdict} plan`);

  // A contradicted answer asks for nothing until it is settled: the plan must not act on both sides.
  const disputed = new Set(contradictions.flatMap((c) => c.questions));
  for (const { q, value } of answered) {
    if (disputed.has(q.id)) continue;
    const choice = q.choices.find((c) => c.value === value);
    for (const id of choice?.planSteps ?? []) if (!excluded.has(id)) add(id, `${q.id} is "${value}"`);
  }
  if (contradictions.length > 0) {
    add('resolve-contradictions', `${contradictions.length} contradiction${contradictions.length === 1 ? '' : 's'} in the answers`);
    for (const c of contradictions) addHow('resolve-contradictions', `${c.text} (${c.id})`);
  }

  const byArn = new Map(inventory.certificates.map((c) => [c.arn, c]));
  const findingsByStep = new Map<string, Finding[]>();
  for (const f of findings) {
    const step = stepForFinding(f, f.certificateArn ? byArn.get(f.certificateArn) : undefined, kb.planSteps);
    if (!step) continue;
    findingsByStep.set(step, [...(findingsByStep.get(step) ?? []), f]);
  }
  for (const [step, list] of findingsByStep)
    for (const rule of [...new Set(list.map((f) => f.ruleId))]) {
      const n = list.filter((f) => f.ruleId === rule).length;
      add(step, `${n} ${rule} finding${n === 1 ? '' : 's'}`);
    }

  const trust = input.readEvidence?.trust;
  if (triggers.has('replace-commercial-imports')) {
    const candidates = replaceableImports(inventory, trust);
    if (candidates.length === 0) triggers.delete('replace-commercial-imports');
    else {
      addHow('replace-commercial-imports', `Certificates to replace (${candidates.length}): ${listNames(candidates.map((c) => c.domainName ?? c.arn))}; ${trustBasisClause(candidates, trust)}.`);
      for (const line of caaBeforeRequesting(candidates, input.readEvidence?.dns)) addHow('replace-commercial-imports', line);
    }
  }

  const tag = input.productionTag;
  const acme = given['key-export-route'] === 'acme' || inventory.certificates.some((c) => c.keyPairOrigin === 'ACME');
  const guardrails = buildGuardrails({ inventory, productionTag: tag, limits: limitsOf(kb), acme, unreadAccounts: input.unreadAccounts, trust });
  const guardrailStep = triggers.has('request-guardrails') ? 'request-guardrails' : triggers.has('cloudtrail-alerts') ? 'cloudtrail-alerts' : null;
  if (guardrailStep) {
    for (const note of guardrails.notes) addHow(guardrailStep, note);
    for (const line of provenanceLines(guardrails)) addHow(guardrailStep, line);
  }
  const vars = varsOf(guardrails, tag);
  // Controls the alerts read found already set up: said as such rather than proposed again.
  const inPlace = new Map<string, ControlInPlace>();
  const expiry = controlInPlace(inventory, 'acm-events');
  if (expiry) inPlace.set('expiry-alerts', expiry);
  const calls = controlInPlace(inventory, 'acm-api-calls');
  if (calls) inPlace.set('cloudtrail-alerts', calls);

  return kb.planSteps
    .filter((s) => triggers.has(s.id))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((s) => {
      const how = [...s.how.map((h) => render(h, vars)), ...(extraHow.get(s.id) ?? [])];
      const concerned = findingsByStep.get(s.id);
      if (concerned) how.push(`Certificates concerned: ${findingSubjects(concerned, byArn)}.`);
      let snippets = renderSnippets(s.snippets, vars);
      // Show only the IaC flavour the team uses, when a step offers both.
      const both = snippets.some((x) => x.language === 'hcl') && snippets.some((x) => x.language === 'yaml');
      if (both && iac === 'cloudformation') snippets = snippets.filter((x) => x.language !== 'hcl');
      if (both && iac === 'terraform') snippets = snippets.filter((x) => x.language !== 'yaml');
      const found = inPlace.get(s.id);
      if (found) {
        const done = found.inPlace.map((line) => `In place: ${sanitiseForTerminal(line)}.`);
        if (!found.missingIn.length) return { id: s.id, title: `${s.title} (in place)`, why: s.why, how: done, snippets: [] };
        how.unshift(...done, `Not yet in ${found.missingIn.join(', ')}: deploy it there as below.`);
      }
      return { id: s.id, title: s.title, why: `${s.why} (Here because ${triggers.get(s.id)!.join('; ')}.)`, how, snippets };
    });
}

export function limitsOf(kb: KnowledgeBase) {
  return { scpCharacters: kb.references.limits.scpCharacters.value, eventPatternCharacters: kb.references.limits.eventPatternCharacters.value };
}
