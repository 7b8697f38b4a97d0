#!/usr/bin/env node
// The SDK prints a Node-version notice on Node 20 that would garble the screen; the flag must
// be set before the SDK loads. Other process warnings are diagnostics we do not want on stdout/stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!process.argv.includes('--verbose')) {
  process.removeAllListeners('warning');
  process.on('warning', () => {});
}
await import('../dist/cli.js');
