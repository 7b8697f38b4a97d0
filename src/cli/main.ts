import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { terminalLine } from '../domain/text.js';
import { packageRoot } from '../platform/content-dir.js';
import { EXIT } from './errors.js';
import { reportFailure, type RunFacts } from './failure.js';
import { runInteractive } from './interactive.js';
import { buildProgram, type GlobalOptions } from './program.js';
import { Shell } from './shell.js';

function version(): string {
  try {
    return JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')).version as string;
  } catch {
    return '0.0.0';
  }
}

async function main(shell: Shell, facts: RunFacts): Promise<number> {
  const program = buildProgram(facts.version, shell);
  program.action(async () => {
    shell.exitCode = await runInteractive(shell, program.opts<GlobalOptions>());
  });
  try {
    await program.parseAsync([...facts.argv], { from: 'user' });
    return shell.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return reportFailure(error, facts);
  }
}

/**
 * Output that could not be written (a full disk, `/dev/full`) is lost: one line, and the internal-error
 * code, so it never passes for a result. A reader that closed the pipe (`| head`) left by choice: the
 * same code, but nothing to tell the person who typed the pipeline.
 */
function outputLost(error: NodeJS.ErrnoException): never {
  if (error.code !== 'EPIPE') {
    try {
      process.stderr.write(`acm-advisor: the output could not be written (${terminalLine(error.message)}); it is incomplete\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left.
    }
  }
  process.exit(EXIT.internal);
}

export async function run(argv: string[]): Promise<void> {
  const facts: RunFacts = { version: version(), argv };
  const shell = new Shell(facts);
  process.stdout.on('error', outputLost);
  // A failure outside every awaited path (a stray rejection): the same one line and exit 4. While the
  // full-screen app runs it catches these itself, restores the terminal, and the loop reports it.
  const stray = (error: unknown) => {
    if (shell.tuiRunning) return;
    process.exit(reportFailure(error, facts));
  };
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  const code = await main(shell, facts);
  await shell.runCleanups();
  // The user quit (q, Ctrl+C, SIGTERM): a request aborted mid-load may still sit in the SDK's retry
  // back-off (up to 20 s) and would hold the process, and the shell, that long. The screen is
  // restored and terminal writes are synchronous, so nothing is lost by ending now.
  if (shell.tuiRan) process.exit(code);
  // The deadline passed: every request was aborted, but a credential fetch (an AssumeRole) cannot be,
  // and would hold the process until its --timeout. The output is complete once stdout has drained.
  if (shell.deadlineStopped) return void process.stdout.write('', () => process.exit(code));
  // Let stdout drain (a large JSON into a pipe) before choosing the exit code.
  process.exitCode = code;
}

await run(process.argv.slice(2));
