import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/, bottom to top:
 * - domain: the data and the pure readings of it (certificates, findings, advice, thresholds,
 *   errors). Imports nothing of ours and no Node built-in: no I/O, runs anywhere.
 * - platform: where the tool's own files live on this machine (the package's content/, the
 *   user's config folder). Imports nothing of ours.
 * - aws, audit: import only domain.
 * - advisor: imports domain, and platform to find content/.
 * - report: imports domain, audit and advisor.
 * - ui: imports domain, platform, audit, advisor and report; never aws or cli (the CLI hands it
 *   what it needs), never endpoint.
 * - cache: the local inventory cache's files; imports domain and platform. Only the CLI wires it in
 *   (the engine sees it through domain's PriorReads, the TUI through inventory events).
 * - endpoint: the project's own AWS wire endpoint for tests and the demo; imports domain and
 *   platform; only the CLI's demo wiring imports it.
 * - cli: on top; imports anything.
 */
const LAYERS = ['domain', 'platform', 'aws', 'audit', 'advisor', 'report', 'ui', 'cache', 'endpoint', 'cli'] as const;
type Layer = (typeof LAYERS)[number];

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  domain: [],
  platform: [],
  aws: ['domain'],
  audit: ['domain'],
  advisor: ['domain', 'platform'],
  report: ['domain', 'audit', 'advisor'],
  ui: ['domain', 'platform', 'audit', 'advisor', 'report'],
  cache: ['domain', 'platform'],
  endpoint: ['domain', 'platform'],
  cli: ['domain', 'platform', 'aws', 'audit', 'advisor', 'report', 'ui', 'cache', 'endpoint'],
};

/** The only files outside endpoint/ that may import it. */
const ENDPOINT_WIRING = new Set(['src/cli/demo.ts']);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');

function layerOf(file: string): Layer | null {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return null;
  return (LAYERS as readonly string[]).includes(parts[1]) ? (parts[1] as Layer) : null;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** What one import statement refers to: a module of ours (repo-relative path), a Node built-in, or a package. */
function target(from: string, specifier: string): { kind: 'ours'; file: string } | { kind: 'builtin' } | { kind: 'package' } {
  if (specifier.startsWith('.')) {
    const file = toPosix(relative(ROOT, resolve(ROOT, dirname(from), specifier))).replace(/\.js$/, '');
    return { kind: 'ours', file };
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return { kind: 'builtin' };
  return { kind: 'package' };
}

/** Why `from` may not import `specifier`, or null when the import is allowed. */
function crossing(from: string, specifier: string): string | null {
  const fromLayer = layerOf(from);
  if (fromLayer === null) return `${from} is in no layer: every module lives in one of ${LAYERS.join(', ')}`;
  const t = target(from, specifier);
  if (t.kind === 'builtin') return fromLayer === 'domain' ? `${from} imports the Node built-in ${specifier}: domain does no I/O` : null;
  if (t.kind === 'package') return null;
  if (!t.file.startsWith('src/')) return `${from} imports ${specifier}, outside src/`;
  const toLayer = layerOf(t.file);
  if (toLayer === null) return `${from} imports ${t.file}, which is in no layer`;
  if (toLayer === fromLayer) return null;
  if (!MAY_IMPORT[fromLayer].includes(toLayer)) return `${from} (${fromLayer}) imports ${t.file} (${toLayer})`;
  if (toLayer === 'endpoint' && !ENDPOINT_WIRING.has(from)) return `${from} imports the endpoint; only ${[...ENDPOINT_WIRING].join(', ')} may`;
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [toPosix(relative(ROOT, path))] : [];
  });
}

/** Every import, export-from, side-effect and dynamic import() of a file. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('layering', () => {
  it('holds for every import in src/', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((f) => importsOf(f).map((s) => crossing(f, s)).filter((p): p is string => p !== null));
    expect(problems).toEqual([]);
  });

  it('sees static, type-only, re-exported and dynamic imports', () => {
    const text = "import type { A } from './a.js';\nexport * from './b.js';\nconst c = await import('./c.js');\nimport './d.js';";
    expect(ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)).toEqual(['./a.js', './b.js', './c.js', './d.js']);
  });

  it('fails on a crossing', () => {
    // The crossings this test was written to stop, and their neighbours.
    expect(crossing('src/audit/run.ts', '../cli/errors.js')).toBe('src/audit/run.ts (audit) imports src/cli/errors (cli)');
    expect(crossing('src/report/write-file.ts', '../cli/errors.js')).toMatch(/\(report\) imports .*\(cli\)/);
    expect(crossing('src/domain/certificate.ts', '../audit/config.js')).toMatch(/\(domain\) imports/);
    expect(crossing('src/domain/certificate.ts', 'node:fs')).toMatch(/domain does no I\/O/);
    expect(crossing('src/aws/inventory.ts', '../audit/run.js')).toMatch(/\(aws\) imports/);
    expect(crossing('src/audit/run.ts', '../advisor/engine.js')).toMatch(/\(audit\) imports/);
    expect(crossing('src/advisor/engine.ts', '../report/model.js')).toMatch(/\(advisor\) imports/);
    expect(crossing('src/report/model.ts', '../ui/state/overview.js')).toMatch(/\(report\) imports/);
    expect(crossing('src/ui/app.tsx', '../aws/source.js')).toMatch(/\(ui\) imports .*\(aws\)/);
    expect(crossing('src/ui/views/report.tsx', '../../cli/errors.js')).toMatch(/\(ui\) imports .*\(cli\)/);
    expect(crossing('src/ui/run.tsx', '../endpoint/index.js')).toMatch(/\(ui\) imports .*\(endpoint\)/);
    expect(crossing('src/cli/main.ts', '../endpoint/index.js')).toMatch(/only src\/cli\/demo.ts may/);
    expect(crossing('src/endpoint/acm.ts', '../aws/normalise.js')).toMatch(/\(endpoint\) imports/);
    expect(crossing('src/helpers.ts', './domain/text.js')).toMatch(/in no layer/);
    expect(crossing('src/cli/main.ts', '../helpers.js')).toMatch(/in no layer/);
  });

  it('allows what the graph allows', () => {
    expect(crossing('src/audit/run.ts', '../domain/finding.js')).toBeNull();
    expect(crossing('src/report/model.ts', '../audit/run.js')).toBeNull();
    expect(crossing('src/report/model.ts', '../advisor/engine.js')).toBeNull();
    expect(crossing('src/ui/app.tsx', '../report/index.js')).toBeNull();
    expect(crossing('src/cli/demo.ts', '../endpoint/index.js')).toBeNull();
    expect(crossing('src/cli/main.ts', '../ui/run.js')).toBeNull();
    expect(crossing('src/domain/text.ts', './certificate.js')).toBeNull();
    expect(crossing('src/aws/clients.ts', '@aws-sdk/client-acm')).toBeNull();
    expect(crossing('src/platform/config-dir.ts', 'node:os')).toBeNull();
  });
});
