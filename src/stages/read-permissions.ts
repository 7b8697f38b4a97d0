import { CORE_READ_PERMISSIONS, type ReadPermission } from '../domain/read-permissions.js';
import { STAGES } from './index.js';

/**
 * Every read acm-advisor makes: the core reads and, for each registered read stage, the actions its
 * operations declare. The member policy, the session policy on every AssumeRole and the StackSet
 * role are all built from this, so registering a stage is all it takes for each to allow its reads.
 */
export function readPermissions(): ReadPermission[] {
  const stages = STAGES.map((s) => ({ sid: `AcmAdvisorStage${String(s.id).replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase())}`, actions: s.operations.map((o) => o.action) }));
  return [...CORE_READ_PERMISSIONS, ...stages.filter((s) => s.actions.length > 0)];
}
