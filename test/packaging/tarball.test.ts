/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty prefix
 * with --offline (the tarball must need nothing from any registry), then the installed binary runs.
 * Packs the build `npm test` made (--ignore-scripts: prepack would rebuild dist/ under the other tests).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { emptyHome } from '../cli/run-cli.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The target for the installed package. */
const MAX_INSTALLED_BYTES = 15 * 1024 * 1024;

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function filesUnder(path: string): string[] {
  return readdirSync(path, { recursive: true, encoding: 'utf8' });
}

describe('the packed tarball', () => {
  it('installs offline into an empty prefix, holds no source maps or install scripts, and runs', { timeout: 120_000 }, async () => {
    const packDir = tempDir('acm-pack-');
    const prefix = tempDir('acm-prefix-');
    const env = { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { env, maxBuffer: 16 * 1024 * 1024 });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = info.files.map((f) => f.path);
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('dist/cli.js');
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);

    await run(npm, ['install', '-g', '--offline', '--prefix', prefix, join(packDir, info.filename)], { env });
    const installed = join(prefix, 'lib', 'node_modules', 'acm-advisor');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    // Everything it runs is in dist/: nothing to download, no script for npm to warn about.
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[hook]).toBeUndefined();
    expect(filesUnder(installed).filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(sizeOf(installed)).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);

    const bin = join(prefix, 'bin', 'acm-advisor');
    const home = emptyHome();
    const cliEnv = { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
    const version = await run(bin, ['--version'], { env: cliEnv });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);

    const inventory = await run(bin, ['--demo', 'inventory', '--format', 'json'], { env: cliEnv, maxBuffer: 64 * 1024 * 1024 });
    expect(JSON.parse(inventory.stdout).certificates.length).toBeGreaterThan(0);

    const policy = await run(bin, ['policy'], { env: cliEnv });
    const actions: string[] = JSON.parse(policy.stdout).Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions).toContain('acm:ListCertificates');
  });
});
