import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests start real HTTP servers and terminals; a 2-core CI box needs room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Ink renders only the final frame when it believes it runs in CI (is-in-ci reads CI at
    // import); the TUI tests render into fake terminals and must see every frame.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', FORCE_COLOR: '0', CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
  },
});
