import { describe, expect, it } from 'vitest';
import { answersTemplate, answersToYaml, loadKnowledgeBase, parseAnswers } from '../../src/advisor/index.js';
import { InputError } from '../../src/domain/errors.js';

const kb = loadKnowledgeBase();

function usageError(text: string): InputError {
  try {
    parseAnswers(text, kb);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toContain('\n');
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseAnswers', () => {
  it('reads answers and workload', () => {
    const a = parseAnswers('workload: checkout\nanswers:\n  certificate-pinning: leaf\n  ev-ov-required: yes\n  non-tls-use: no\n', kb);
    expect(a).toEqual({ workload: 'checkout', answers: { 'certificate-pinning': 'leaf', 'ev-ov-required': 'yes', 'non-tls-use': 'no' } });
  });

  it('treats missing and empty answers as unanswered', () => {
    expect(parseAnswers('answers:\n  certificate-pinning:\n', kb)).toEqual({ workload: null, answers: {} });
    expect(parseAnswers('', kb)).toEqual({ workload: null, answers: {} });
  });

  it.each([
    ['unknown id', 'answers:\n  pinning: leaf\n', /unknown question id "pinning".*certificate-pinning/],
    ['unknown value', 'answers:\n  certificate-pinning: sometimes\n', /answers\.certificate-pinning: "sometimes" is not allowed \(allowed: none, ca, leaf\)/],
    ['wrong type (boolean)', 'answers:\n  pci-passthrough: true\n', /answers\.pci-passthrough: expected one of yes, no, got boolean true/],
    ['wrong type (list)', 'answers:\n  non-tls-use: [yes]\n', /answers\.non-tls-use: expected one of yes, no, got a list/],
    ['answers not a mapping', 'answers: [1, 2]\n', /answers: expected a mapping/],
    ['top level not a mapping', '- a\n- b\n', /must be a mapping/],
    ['unknown top-level key', 'answer:\n  certificate-pinning: leaf\n', /unknown key "answer" \(allowed: answers, workload\)/],
    ['broken YAML', 'answers:\n  certificate-pinning: [leaf\n', /not valid YAML/],
  ])('%s → one-line InputError', (_name, text, message) => {
    expect(usageError(text).message).toMatch(message);
  });
});

describe('answersTemplate', () => {
  const template = answersTemplate(kb);

  it('lists every id with its allowed values and a hint', () => {
    for (const q of kb.questions) {
      expect(template).toContain(`  ${q.id}:\n`);
      expect(template).toContain(`# allowed: ${q.choices.map((c) => c.value).join(' | ')} (`);
    }
  });

  it('round-trips through parseAnswers: empty as printed, answered once filled in', () => {
    expect(parseAnswers(template, kb)).toEqual({ workload: null, answers: {} });
    let filled = template.replace(/^workload:$/m, 'workload: shop');
    const expected: Record<string, string> = {};
    for (const q of kb.questions) {
      const value = q.choices[q.choices.length - 1].value;
      filled = filled.replace(`  ${q.id}:\n`, `  ${q.id}: ${value}\n`);
      expected[q.id] = value;
    }
    expect(parseAnswers(filled, kb)).toEqual({ workload: 'shop', answers: expected });
  });
});

describe('the answers file the Advisor writes', () => {
  it('reads back as the same answers and workload, whatever the names hold, and says whose they are', () => {
    const kb = loadKnowledgeBase();
    const answers = { workload: 'a: b\n- c # d', answers: { 'aws-integrated-endpoints': 'none', 'onprem-ca-mandated': 'yes', gone: 'x' } };
    const text = answersToYaml(kb, answers, 'profile p\nanswers: {}, account 1');
    expect(text.split('\n').slice(0, 3).every((l) => l.startsWith('#'))).toBe(true);
    expect(text).toContain('# Answers of profile p answers: {}, account 1');
    expect(parseAnswers(text, kb)).toEqual({ workload: answers.workload, answers: { 'aws-integrated-endpoints': 'none', 'onprem-ca-mandated': 'yes' } });
    expect(parseAnswers(answersToYaml(kb, { workload: null, answers: {} }, 'the demo'), kb)).toEqual({ workload: null, answers: {} });
  });
});
