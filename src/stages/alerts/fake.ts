import { AwsError } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';

/** EventBridge's rule listing as the endpoint plays it; the account's section is `services.events`. */

export interface StoredEventRule {
  name: string;
  region: string;
  /** The rule's event pattern, as JSON text. */
  eventPattern: string;
  state?: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: Array<{ id: string; arn: string }>;
}

export interface EventsData {
  rules: StoredEventRule[];
}

function rules(request: ServiceRequest): StoredEventRule[] {
  return ((request.account.data as EventsData | undefined)?.rules ?? []).filter((r) => r.region === request.region);
}

export const fake: FakeService = {
  service: 'events',
  protocol: 'json',
  targetPrefix: 'AWSEvents',
  // EventBridge quotas: the control-plane reads share a per-account, per-Region rate; paced at the floor.
  quotas: { ListRules: 1, ListTargetsByRule: 1 },
  handle(request) {
    const arnOf = (r: StoredEventRule) => `arn:aws:events:${r.region}:${request.account.accountId}:rule/${r.name}`;
    switch (request.operation) {
      case 'ListRules': {
        const prefix = typeof request.json.NamePrefix === 'string' ? request.json.NamePrefix : '';
        return {
          body: {
            Rules: rules(request)
              .filter((r) => r.name.startsWith(prefix))
              .map((r) => ({ Name: r.name, Arn: arnOf(r), EventPattern: r.eventPattern, State: r.state ?? 'ENABLED', Description: r.description, EventBusName: 'default' })),
          },
        };
      }
      case 'ListTargetsByRule': {
        const rule = rules(request).find((r) => r.name === request.json.Rule);
        if (!rule) throw new AwsError('ResourceNotFoundException', 400, `Rule ${String(request.json.Rule)} does not exist on EventBus default.`);
        return { body: { Targets: rule.targets.map((t) => ({ Id: t.id, Arn: t.arn })) } };
      }
      default:
        return null;
    }
  },
};
