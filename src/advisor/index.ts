export { loadKnowledgeBase, loadFacts, readKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
export { parseAnswers, answersTemplate, answersToYaml, type Answers } from './answers.js';
export { advise, decide, visibleQuestions, collectEvidence, isDecisive, type Decision } from './engine.js';
export type { Evidence } from './evidence.js';
export type { Question, Source, DecisionRule, DecisionRules, PlanStepTemplate, Condition, AwsReferences } from './schema.js';
export { sessionPath, loadSession, saveSession, retainKnownAnswers, ownerLabel, type SessionState, type SessionOwner } from './session.js';
