#!/usr/bin/env node
// The endpoint never loads the AWS SDK, but a warning from it must never garble the console.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await import('../dist/endpoint.js');
