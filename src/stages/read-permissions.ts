import { CORE_READ_PERMISSIONS, type ReadPermission } from '../domain/read-permissions.js';
import { BUILT_IN_STAGES, STAGES } from './index.js';

/**
 * Every read acm-advisor makes: the core reads and, for each registered read stage, the actions its
 * operations declare. The member policy, the session policy on every AssumeRole and the StackSet
 * role are all built from this, so registering a stage is all it takes for each to allow its reads.
 */
export function readPermissions(): ReadPermission[] {
  const stages = [...BUILT_IN_STAGES, ...STAGES].map((s) => ({ sid: `AcmAdvisorStage${String(s.id).replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}`, actions: s.operations.map((o) => o.action) }));
  // An action already listed (a stage that reads what the core reads, as tags and search do) is listed once.
  const listed = new Set(CORE_READ_PERMISSIONS.flatMap((p) => p.actions));
  const added = stages.map((s) => ({ ...s, actions: s.actions.filter((a) => !listed.has(a) && (listed.add(a), true)) }));
  return [...CORE_READ_PERMISSIONS, ...added.filter((s) => s.actions.length > 0)];
}
