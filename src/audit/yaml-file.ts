import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError } from '../domain/errors.js';

/** One line, whatever the YAML or zod message held. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A user's YAML file's text as data; a syntax error is one InputError naming `source`. */
export function readYamlText(text: string, source: string): unknown {
  try {
    return parseYaml(text);
  } catch (e) {
    const msg = e instanceof YAMLParseError ? e.message.split('\n')[0].replace(/:\s*$/, '') : String(e);
    throw new InputError(oneLine(`${source}: not valid YAML: ${msg}`));
  }
}
