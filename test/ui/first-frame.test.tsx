/**
 * The first frame is painted before the App's modules load: it must be exactly the App's own first
 * frame (no flicker when the App takes over), and the App must take over once the settings arrive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import type { InventorySource } from '../../src/domain/inventory.js';
import { App } from '../../src/ui/app.js';
import { FirstFrame, firstFrameState } from '../../src/ui/first-frame.js';
import { runTui } from '../../src/ui/run.js';
import { initialState } from '../../src/ui/state/app-state.js';
import { FakeStdin, FakeStdout, stripAnsi } from '../support/fake-terminal.js';
import { fakeSource, fixtureCertificates, NOW } from './fixtures.js';

let configDir = '';
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'acm-advisor-first-frame-'));
});
afterEach(() => rmSync(configDir, { recursive: true, force: true }));

/** A source whose load never answers: the App stays in its initial state. */
const silent: InventorySource = { label: { profile: 'work', endpoint: null, demo: false, regions: ['eu-west-1'] }, load: () => new Promise(() => {}) };

function frameOf(node: React.ReactElement, columns: number, rows: number): string {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(node, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false });
  const frame = stdout.lastFrame();
  instance.unmount();
  return frame;
}

describe('the first frame', () => {
  it("holds the same state as the App's initial state", () => {
    const initial = initialState({ columns: 100, rows: 30 });
    const first = firstFrameState();
    for (const key of Object.keys(first) as Array<keyof typeof first>) expect(first[key], key).toEqual(initial[key]);
  });

  for (const [columns, rows, color] of [
    [100, 30, false],
    [160, 45, true],
    [60, 20, false],
  ] as const) {
    it(`is the App's first frame, character for character (${columns}x${rows}${color ? ', colour' : ''})`, () => {
      const first = frameOf(<FirstFrame label={silent.label} color={color} now={NOW} />, columns, rows);
      const app = frameOf(
        <App source={silent} color={color} configDir={configDir} now={() => NOW} knowledgeBase={loadKnowledgeBase()} onExit={() => {}} />,
        columns,
        rows,
      );
      expect(stripAnsi(first)).toContain('Overview');
      expect(first).toBe(app);
    });
  }

  it('is painted before the settings arrive; the App then takes over and answers keys', async () => {
    const stdout = new FakeStdout(100, 30);
    const stdin = new FakeStdin();
    let settle: (s: { knowledgeBase: ReturnType<typeof loadKnowledgeBase> }) => void = () => {};
    const settings = new Promise<{ knowledgeBase: ReturnType<typeof loadKnowledgeBase> }>((resolve) => (settle = resolve));
    const done = runTui({
      source: fakeSource(fixtureCertificates()),
      color: false,
      configDir,
      now: () => NOW,
      settings,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    });
    const frame = () => stripAnsi(stdout.lastFrame());
    await vi.waitFor(() => expect(frame()).toContain('READ-ONLY'), { timeout: 5000, interval: 5 });
    expect(frame()).toContain('loading');
    // A key typed before the App listens waits for it.
    stdin.write('2');
    settle({ knowledgeBase: loadKnowledgeBase() });
    // The Certificates view (key 2) with the rows loaded.
    await vi.waitFor(() => expect(frame()).toContain(`${fixtureCertificates().length} certificates`), { timeout: 5000, interval: 10 });
    stdin.write('q');
    expect(await done).toBe(0);
  });

  it('the Advisor says it is loading until its content arrives, then asks its first question', async () => {
    const stdout = new FakeStdout(160, 40);
    const stdin = new FakeStdin();
    let arrive: (kb: ReturnType<typeof loadKnowledgeBase>) => void = () => {};
    const knowledgeBase = new Promise<ReturnType<typeof loadKnowledgeBase>>((resolve) => (arrive = resolve));
    const done = runTui({
      source: fakeSource(fixtureCertificates()),
      color: false,
      configDir,
      now: () => NOW,
      settings: Promise.resolve({ knowledgeBase }),
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new FakeStdout() as unknown as NodeJS.WriteStream,
    });
    const frame = () => stripAnsi(stdout.lastFrame());
    await vi.waitFor(() => expect(frame()).toContain('loaded'), { timeout: 5000, interval: 10 });
    stdin.write('4');
    await vi.waitFor(() => expect(frame()).toContain('The advisor is loading its content'), { timeout: 5000, interval: 10 });
    const kb = loadKnowledgeBase();
    arrive(kb);
    // The first question's opening words (the prompt may wrap).
    const opening = kb.questions[0]!.prompt.split(' ').slice(0, 3).join(' ');
    await vi.waitFor(() => expect(frame()).toContain(opening), { timeout: 5000, interval: 10 });
    expect(frame()).not.toContain('loading its content');
    stdin.write('q');
    expect(await done).toBe(0);
  });
});
