/**
 * What loads before the TUI's first frame: the CLI entry's static imports, then the UI runner's
 * (every `import()` waits until after the frame). Each module here costs start-up time, so the heavy
 * ones — the App and its state, the Advisor with its YAML and zod, the report renderer, the search
 * index, the AWS SDK — must stay behind a dynamic import.
 */
import { build, type Metafile } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function graph(entry: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    jsx: 'automatic',
    write: false,
    metafile: true,
    outdir: join(ROOT, 'dist-graph-unused'),
    logLevel: 'silent',
    // Ink imports it only with DEV set (scripts/build.js stubs it the same way).
    external: ['react-devtools-core'],
  });
  return result.metafile;
}

/** Every input reached from `entry` through static imports only. */
function staticallyReached(meta: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of meta.inputs[file]?.imports ?? []) {
      if (i.kind !== 'dynamic-import' && !i.external && meta.inputs[i.path]) stack.push(i.path);
    }
  }
  return seen;
}

const HEAVY = [
  /^src\/ui\/app\.tsx$/,
  /^src\/ui\/state\/(app-state|selectors)\.ts$/,
  /^src\/advisor\/(index|knowledge-base|schema|engine)\.ts$/,
  /^src\/report\//,
  /^src\/aws\/(source|inventory|clients|estate)\.ts$/,
  /^src\/cache\/(format|inventory-cache)\.ts$/,
  /^src\/audit\/(run|severity)\.ts$/,
  /(^|\/)node_modules\/(zod|yaml|fuse\.js|tldts|mdast-util-to-markdown|@aws-sdk|@smithy)\//,
];

describe('before the first frame', () => {
  it('the CLI entry and the UI runner load nothing heavy', async () => {
    const reached = new Set<string>();
    for (const entry of ['src/cli/main.ts', 'src/ui/run.tsx']) {
      for (const f of staticallyReached(await graph(entry), entry)) reached.add(f);
    }
    expect(reached.has('src/ui/first-frame.tsx')).toBe(true);
    expect([...reached].some((f) => /(^|\/)node_modules\/ink\/build\/index\.js$/.test(f))).toBe(true);
    expect([...reached].filter((f) => HEAVY.some((h) => h.test(f)))).toEqual([]);
  }, 60_000);
});
