/**
 * Exit code 4: a bug of ours, or output that could not be written. Either way one line on stderr, never
 * a stack trace, and never a code a result uses (0 ok, 1 threshold, 2 usage, 3 partial).
 */
import { closeSync, cpSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/errors.js';
import { reportFailure } from '../../src/cli/failure.js';
import { InputError } from '../../src/domain/errors.js';
import { TuiCrash } from '../../src/ui/run.js';
import { tempDir } from '../support/temp-dir.js';
import { runCli } from './run-cli.js';

const STACK_LINE = /^\s+at /m;

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

describe('output that cannot be written', () => {
  it('stdout on a full device (/dev/full): one line, exit 4', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['policy'], ['--demo', 'inventory', '-o', 'json']]) {
        const r = await runCli(args, {}, undefined, { stdout: full });
        expect(r.code).toBe(EXIT.internal);
        expect(lines(r.stderr)).toEqual([expect.stringMatching(/^acm-advisor: the output could not be written \(ENOSPC.*\); it is incomplete$/)]);
      }
    } finally {
      closeSync(full);
    }
  });

  it('a reader that closed the pipe (EPIPE, `| head`): exit 4, as the output is incomplete, and quiet, as the reader chose it', async () => {
    const r = await runCli(['--demo', 'inventory', '--format', 'json'], {}, undefined, { stdout: 'closed' });
    expect(r.code).toBe(EXIT.internal);
    expect(r.stderr).toBe('');
  });
});

describe('an internal error', () => {
  it('in the real binary (its shipped content broken): one line naming the details file, exit 4', async () => {
    // A copy of the package whose questionnaire content no longer parses: a defect of the package, not of the input.
    const root = tempDir('acm-advisor-broken-');
    const pkg = join(root, 'pkg');
    for (const part of ['bin', 'content', 'policy', 'package.json']) cpSync(part, join(pkg, part), { recursive: true });
    mkdirSync(join(pkg, 'dist'));
    for (const f of readdirSync('dist')) if (f.endsWith('.js')) cpSync(join('dist', f), join(pkg, 'dist', f));
    writeFileSync(join(pkg, 'content', 'questions.yaml'), 'questions: [ {id: 1\n');
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);

    const r = await runCli(['questions'], { TMPDIR: tmp }, undefined, { binary: join(pkg, 'bin', 'acm-advisor.js') });

    expect(r.code).toBe(EXIT.internal);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const m = /^acm-advisor: internal error: content\/questions\.yaml: .*; details in (\S+) \(please include them in a bug report\)$/.exec(r.stderr.trim());
    expect(m).not.toBeNull();
    const file = m![1];
    expect(file.startsWith(tmp)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const details = readFileSync(file, 'utf8');
    expect(details).toContain('arguments: ["questions"]');
    expect(details).toMatch(STACK_LINE);
  });

  it('a crash of the full-screen app is exit 4 with its details filed, never 1 (the threshold code)', () => {
    withTmpdir((tmp) => {
      const written: string[] = [];
      const crash = new TuiCrash(new Error('status line exploded'));
      const code = reportFailure(crash, { version: '0.0.0-test', argv: ['--demo'] }, { write: (s: string) => written.push(s) > 0 });
      expect(code).toBe(EXIT.internal);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/^acm-advisor: internal error: the full-screen app crashed: status line exploded; details in /);
      const file = /details in (\S+) /.exec(written[0])![1];
      expect(file.startsWith(tmp)).toBe(true);
      const details = readFileSync(file, 'utf8');
      expect(details).toContain('caused by:');
      expect(details).toMatch(STACK_LINE);
    });
  });

  it('input errors stay usage errors (exit 2), in one sentence and with no file', () => {
    const written: string[] = [];
    expect(reportFailure(new InputError('--fail-on takes a severity'), { version: '0', argv: [] }, { write: (s: string) => written.push(s) > 0 })).toBe(EXIT.usage);
    expect(written).toEqual(['acm-advisor: --fail-on takes a severity\n']);
  });
});

/** Runs `fn` with the OS temp folder (os.tmpdir(), which reads TMPDIR) pointed at a folder of the test's own. */
function withTmpdir<T>(fn: (dir: string) => T): T {
  const saved = process.env.TMPDIR;
  const dir = tempDir('acm-advisor-tmp-');
  process.env.TMPDIR = dir;
  try {
    return fn(dir);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
