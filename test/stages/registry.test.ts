import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_STAGES, STAGES } from '../../src/stages/index.js';

/** What every registered stage must hold to: the engine, the policy and the endpoint rely on it. */
const all = [...BUILT_IN_STAGES, ...STAGES];
const policy = JSON.parse(readFileSync('policy/iam-policy.json', 'utf8')) as { Statement: Array<{ Action: string | string[] }> };
const allowed = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

describe('the stage registry', () => {
  it('holds tags and search, each id once, each a safe path segment (the cache names a folder after it)', () => {
    const ids = all.map((s) => s.id);
    expect(ids).toContain('tags');
    expect(ids).toContain('search');
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]{0,40}$/);
  });

  it('every action a stage calls is a read the shipped IAM policy allows, at a documented quota', () => {
    for (const stage of all) {
      for (const op of stage.operations) {
        expect(allowed, `${stage.id}: ${op.action} is missing from policy/iam-policy.json`).toContain(op.action);
        // API Gateway names every management read by its HTTP method: apigateway:GET is its read-only action.
        expect(op.action).toMatch(/^[a-z0-9-]+:(List|Describe|Get|Search|Lookup)[A-Za-z]+$|^apigateway:GET$/);
        expect(op.perSecond).toBeGreaterThan(0);
        expect(op.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      }
    }
  });
});
