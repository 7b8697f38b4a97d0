import { type Command, Option } from 'commander';
import { InputError } from '../domain/errors.js';

/** `--format`, and `-o`/`--output` as the AWS CLI spells it, for a command with several output formats. */
export function formatOptions(formats: readonly string[], fallback: string): Option[] {
  return [
    new Option('--format <format>', 'output format').choices(formats).default(fallback),
    new Option('-o, --output <format>', 'the same as --format (the AWS CLI spelling)').choices(formats),
  ];
}

/** `--output X` is `--format X`; both given and different is a usage error rather than a guess. */
export function outputAsFormat(command: Command): void {
  const output = command.getOptionValue('output') as string | undefined;
  if (output === undefined) return;
  const format = command.getOptionValue('format') as string | undefined;
  if (command.getOptionValueSource('format') === 'cli' && format !== output) {
    throw new InputError(`--output ${output} and --format ${format} disagree; pass one of them`);
  }
  command.setOptionValue('format', output);
}
