import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/report/write-file.js';
import { FileExistsError, InputError } from '../../src/domain/errors.js';

describe('writeReportFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acm-report-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a new file and leaves no temporary file behind', async () => {
    const p = join(dir, 'report.md');
    await writeReportFile(p, '# hello\n', {});
    expect(await readFile(p, 'utf8')).toBe('# hello\n');
    expect(await readdir(dir)).toEqual(['report.md']);
  });

  it('refuses to overwrite without force with a FileExistsError naming the path, old file untouched', async () => {
    const p = join(dir, 'report.md');
    await writeFile(p, 'old');
    const err = await writeReportFile(p, 'new', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileExistsError);
    expect((err as FileExistsError).path).toBe(p);
    // The core does not word it for one shell: no flag names in the message.
    expect((err as Error).message).not.toMatch(/--force/);
    expect(await readFile(p, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['report.md']);
  });

  it('overwrites with force', async () => {
    const p = join(dir, 'report.md');
    await writeFile(p, 'old');
    await writeReportFile(p, 'new', { force: true });
    expect(await readFile(p, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['report.md']);
  });

  it('reports a missing folder or a folder target as an InputError', async () => {
    await expect(writeReportFile(join(dir, 'nope', 'r.md'), 'x', {})).rejects.toThrow(InputError);
    await mkdir(join(dir, 'sub'));
    await expect(writeReportFile(join(dir, 'sub'), 'x', { force: true })).rejects.toThrow(/is a folder/);
  });
});
