import { InputError } from './errors.js';

/**
 * The largest answers or audit config file read. Real ones are a few kB; a bigger file is a
 * mistake (the wrong file, a generated blob), and parsing megabytes of YAML takes minutes.
 */
export const INPUT_FILE_MAX_BYTES = 1024 * 1024;

export function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** The error for a file over the limit, checked (by size) before it is read. */
export function fileTooLarge(label: string, bytes: number, maxBytes = INPUT_FILE_MAX_BYTES): InputError {
  const limit = describeSize(maxBytes);
  // Just over the limit rounds to the limit itself ("1.0 MB; the limit is 1.0 MB"): say it in kB.
  const size = describeSize(bytes) === limit ? `${Math.ceil(bytes / 1024)} kB` : describeSize(bytes);
  return new InputError(`${label} is ${size}; the limit is ${limit} (is it the right file?)`);
}
