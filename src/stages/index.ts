import { search } from './search/index.js';
import { apiGatewayStage } from './apigateway/index.js';
import { cloudfrontStage } from './cloudfront/index.js';
import { elbStage } from './elb/index.js';
import { route53Stage } from './route53/index.js';
import type { Stage } from './stage.js';
import { alerts } from './alerts/index.js';
import { cloudtrail } from './cloudtrail/index.js';
import { privateCa } from './private-ca/index.js';
import { trails } from './trails/index.js';
import { trust } from './trust/index.js';
import { tags } from './tags/index.js';

/** A stage of any data type (each declares its own). */
export type AnyStage = Stage<any>;

/**
 * The read stages, one line each, in the order they start when they become ready together. A stage is
 * a folder beside this file (see stage.ts and docs/architecture.md, "Adding a read stage").
 */
export const STAGES: readonly AnyStage[] = [route53Stage, elbStage, cloudfrontStage, apiGatewayStage, trust, cloudtrail, trails, privateCa, alerts];

/**
 * The stages whose data joins onto the certificate records themselves, which the engine runs within a
 * region's read (src/aws/inventory.ts): it decides from them what DescribeCertificate must still read.
 */
export const BUILT_IN_STAGES = [search, tags] as const;

export type { Stage, StageContext, StageData, StageFact, StageOperation, PreviousRead, StageReader, StageScope } from './stage.js';
export { defineStage, readsOf, stageApi } from './stage.js';
export { search, tags };
