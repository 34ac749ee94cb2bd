import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bots,worker,shared,test,scripts}/**/*.test.ts'],
    // Real PostgreSQL and Redis are started once for the whole run (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
