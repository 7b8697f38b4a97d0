/**
 * The "new since last run" mark: on a warm start the first audit runs over the previous run's cached
 * records; findings the live read adds beyond those are marked in the Findings view.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { INITIAL_FINDINGS_VIEW } from '../../src/ui/state/findings-view.js';
import { FindingsView } from '../../src/ui/views/findings.js';
import { ThemeContext } from '../../src/ui/theme.js';
import { ACCOUNT, cert } from './fixtures.js';

const old = cert('a1', 'us-east-1');
const fresh = cert('b2', 'us-east-1');
const finding = (arn: string, ruleId: string, title: string): Finding => ({ ruleId, severity: 'high', certificateArn: arn, region: 'us-east-1', title, detail: 'd', remediation: 'r' });
const before = [finding(old.arn, 'weak-key', 'old weak key')];
const after = [...before, finding(fresh.arn, 'weak-key', 'fresh weak key')];

describe('new since last run', () => {
  it('the first audit of a warm start is the baseline; findings beyond it are marked and counted', () => {
    let s = initialState();
    const generation = s.load.generation;
    s = reducer(s, { type: 'inventory', generation, events: [{ kind: 'cached', savedAt: '2026-11-26T12:00:00.000Z', account: { id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` }, regions: ['us-east-1'], certificates: [old] }] });
    s = reducer(s, { type: 'findings', generation, findings: before });
    expect([...(s.lastRunFindings ?? [])]).toHaveLength(1);
    s = reducer(s, { type: 'findings', generation, findings: after });
    expect(s.lastRunFindings!.size).toBe(1);

    const { lastFrame, unmount } = render(
      <ThemeContext.Provider value={{ color: false }}>
        <FindingsView findings={s.findings} certificates={[old, fresh]} arnIndex={new Map([[old.arn, 0], [fresh.arn, 1]])} view={INITIAL_FINDINGS_VIEW} lastRunFindings={s.lastRunFindings} load="done" auditing={false} width={100} height={16} />
      </ThemeContext.Provider>,
    );
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).toContain('+ 1 new since last run');
    expect(frame).toMatch(/\+ fresh weak key/);
    expect(frame).not.toMatch(/\+ old weak key/);
  });

  it('a cold start (no cache) marks nothing', () => {
    let s = initialState();
    s = reducer(s, { type: 'findings', generation: s.load.generation, findings: after });
    expect(s.lastRunFindings).toBeNull();
  });
});
