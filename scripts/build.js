// Bundles the CLI with esbuild: startup drops from ~650 ms (ESM loader over ~1,000 files) to ~270 ms.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Yoga (Ink's layout engine) carries its WebAssembly inline as a data: URL and, where `fetch` exists,
 * fetches that URL instead of decoding it: the first touch of Node's `fetch` loads undici, ~20 ms
 * before the first frame for nothing. Decoding the inline binary directly is Yoga's own fallback path.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const uses = 'w||"function"!=typeof fetch?';
      if (source.split(uses).length !== 2) {
        return { contents: source, warnings: [{ text: 'yoga-layout changed: its wasm is fetched again (startup +20 ms); update yogaWithoutFetch' }] };
      }
      return { contents: source.replace(uses, 'true?'), loader: 'js' };
    });
  },
};

// Chunk names are content hashes: clear old ones so dist/ holds one build.
rmSync(join(root, 'dist'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', endpoint: 'src/endpoint/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  // Source maps (12 MB) are for debugging a build, not for the package: `node scripts/build.js --sourcemap`.
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  logLevel: 'warning',
  jsx: 'automatic',
  // Ink imports react-devtools-core only when DEV is set; a stub keeps it out of the bundle.
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  // CommonJS dependencies inside an ESM bundle need a real `require`.
  banner: { js: "import { createRequire as __acmCreateRequire } from 'node:module'; const require = __acmCreateRequire(import.meta.url);" },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [yogaWithoutFetch],
});
