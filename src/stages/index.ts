import type { Stage } from './stage.js';

/** A stage of any data type (each declares its own). */
export type AnyStage = Stage<any>;

/**
 * The read stages, one line each, in the order they start when they become ready together. A stage is
 * a folder beside this file (see stage.ts and docs/architecture.md, "Adding a read stage").
 */
export const STAGES: readonly AnyStage[] = [];

export type { Stage, StageContext, StageData, StageFact, StageOperation, StageReader, StageScope } from './stage.js';
export { defineStage, readsOf, stageApi } from './stage.js';
