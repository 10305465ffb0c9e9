import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One process per core, each running many files: `isolate: false` keeps the imported app
    // modules and the worker's embedded database (kit testing/test-database.ts) across files
    // instead of re-importing and restarting them per file, which was most of the suite's time.
    // Files must therefore close what they open (servers, databases, timers); none mocks modules.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
