import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code as *.test.ts and touch no server; integration tests are
// *.itest.ts and run against the real local control plane started once in globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{api,k8s,backend,speaker,frontend,integration-tests,bench,scripts}/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{api,k8s,backend,speaker,integration-tests}/**/*.itest.ts'],
          environment: 'node',
          globalSetup: ['integration-tests/cluster/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Browser tests of the UI (Playwright driving Debian Chromium) and checks of the built
          // plugin; the UI is built first when the last build is older than its sources.
          name: 'e2e',
          include: ['integration-tests/{ui,console-host,okd-console}/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['integration-tests/ui/ensure-build.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Real routers (FRR, GoBGP) in Linux network namespaces; needs root, skips without it.
          name: 'dataplane',
          include: ['integration-tests/{dataplane,playground}/**/*.dataplane.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
