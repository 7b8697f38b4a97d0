import { describe, expect, it } from 'vitest';
import { readOnlyBadge } from '../../src/ui/components/status-line.js';

describe('the status line’s read-only badge', () => {
  const estate = { accounts: [], origin: null };
  const parts = ['profile default', 'account 111122223333', 'organisation', 'accounts 4/4', 'regions 6/6'];
  it('across accounts read through assumed roles, says the sessions are read-only where the line has room', () => {
    expect(readOnlyBadge(estate, parts, 200)).toBe('READ-ONLY SESSIONS');
    // Narrow: progress keeps its place, the badge its short form.
    expect(readOnlyBadge(estate, parts, 100)).toBe('READ-ONLY');
  });
  it('one account, or a Config aggregator read with the caller’s own credentials: READ-ONLY (the tool only reads)', () => {
    expect(readOnlyBadge({ accounts: null, origin: null }, parts, 200)).toBe('READ-ONLY');
    expect(readOnlyBadge({ accounts: [], origin: { kind: 'config-aggregator' } as never }, parts, 200)).toBe('READ-ONLY');
  });
});
