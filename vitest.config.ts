import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `source` condition.
const conditions = ['source', 'module', 'node', 'development|production'];

/** The suites that use the store: run once per engine. */
const STORE_SUITES = ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/setup/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          env: { RECON_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: STORE_SUITES,
          // The provisioning and lost-connection tests are the server's, not the store's: once is enough.
          exclude: ['test/integration/pg-provisioning.test.ts', 'test/integration/pg-lost-connection.test.ts'],
          env: { RECON_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
