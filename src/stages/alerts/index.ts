import { z } from 'zod';
import type { AlertsInPlace } from '../../domain/alerts-in-place.js';
import { defineStage } from '../stage.js';

/**
 * Alerts and guardrails already in place in a region: ACM's expiry-event setting
 * (GetAccountConfiguration), EventBridge rules that match ACM's events or API calls and where they
 * send them, and whether ACM's ACME endpoints are in use (ListAcmeEndpoints).
 */

/** The domain's AlertsInPlace (what the plan reads), as the cache checks it. */
export const AlertsData: z.ZodType<AlertsInPlace> = z.object({
  expiryEventsDays: z.number().nullable(),
  rules: z.array(z.object({ name: z.string(), matches: z.enum(['acm-events', 'acm-api-calls']), enabled: z.boolean(), targets: z.array(z.string()) })),
  acmeEndpoints: z.number(),
});
export type AlertsData = AlertsInPlace;

const ACM_QUOTAS = 'https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html';
const EVENTBRIDGE_QUOTAS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html';

export const alerts = defineStage({
  id: 'alerts',
  title: 'Alerts in place (ACM account settings, EventBridge rules, ACME)',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [
    { action: 'acm:GetAccountConfiguration', perSecond: 1, source: ACM_QUOTAS },
    // ACME control-plane reads: 30 per second.
    { action: 'acm:ListAcmeEndpoints', perSecond: 30, source: ACM_QUOTAS },
    // The EventBridge quotas page gives no figure for these reads: paced at one a second.
    { action: 'events:ListRules', perSecond: 1, source: EVENTBRIDGE_QUOTAS },
    { action: 'events:ListTargetsByRule', perSecond: 1, source: EVENTBRIDGE_QUOTAS },
  ],
  checks: [],
  data: AlertsData,
  read: () => import('./read.js'),
  fake: () => import('./fake.js').then((m) => m.fake),
  about: () => [],
});

/** Whether an EventBridge pattern (JSON text) matches ACM's own events or its API calls recorded by CloudTrail. */
export function acmPatternKind(pattern: string | undefined): 'acm-events' | 'acm-api-calls' | null {
  if (!pattern) return null;
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(pattern) as Record<string, unknown>;
  } catch {
    return null;
  }
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
  if (list(p.source).includes('aws.acm')) return 'acm-events';
  const detail = (p.detail ?? {}) as Record<string, unknown>;
  if (list(detail.eventSource).includes('acm.amazonaws.com')) return 'acm-api-calls';
  return null;
}
