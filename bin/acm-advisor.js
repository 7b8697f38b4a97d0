#!/usr/bin/env node
// The SDK prints a Node-version notice on Node 20 that would garble the screen; the flag must
// be set before the SDK loads. Other process warnings are diagnostics we do not want on stdout/stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!process.argv.includes('--verbose')) {
  process.removeAllListeners('warning');
  process.on('warning', () => {});
}
const cli = new URL('../dist/cli.js', import.meta.url);
const { existsSync } = await import('node:fs');
// A fresh clone has no build (the package is built when packed, not on install).
if (!existsSync(cli)) {
  process.stderr.write("acm-advisor: this clone is not built yet; run 'npm run build' first\n");
  process.exit(4);
}
await import(cli.href);
