import { ACMClient, GetAccountConfigurationCommand, ListAcmeEndpointsCommand } from '@aws-sdk/client-acm';
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import type { StageContext } from '../stage.js';
import { acmPatternKind, type AlertsData } from './index.js';

export async function read(context: StageContext): Promise<AlertsData> {
  const acm = context.client('acm', ACMClient);
  const events = context.client('events', EventBridgeClient);
  const options = { abortSignal: context.signal };
  const config = await context.paced('acm:GetAccountConfiguration', () => acm.send(new GetAccountConfigurationCommand({}), options));
  let acmeEndpoints = 0;
  let token: string | undefined;
  do {
    const page = await context.paced('acm:ListAcmeEndpoints', () => acm.send(new ListAcmeEndpointsCommand({ NextToken: token }), options));
    acmeEndpoints += page.AcmeEndpoints?.length ?? 0;
    token = page.NextToken;
  } while (token);
  const rules: AlertsData['rules'] = [];
  token = undefined;
  do {
    const page = await context.paced('events:ListRules', () => events.send(new ListRulesCommand({ NextToken: token }), options));
    for (const r of page.Rules ?? []) {
      const matches = acmPatternKind(r.EventPattern);
      if (!matches || !r.Name) continue;
      const targets = await context.paced('events:ListTargetsByRule', () => events.send(new ListTargetsByRuleCommand({ Rule: r.Name }), options));
      rules.push({ name: r.Name, matches, enabled: r.State !== 'DISABLED', targets: (targets.Targets ?? []).map((t) => t.Arn ?? '').filter(Boolean) });
    }
    token = page.NextToken;
  } while (token);
  return { expiryEventsDays: config.ExpiryEvents?.DaysBeforeExpiry ?? null, rules, acmeEndpoints };
}
