import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bots,worker,shared,test,scripts}/**/*.test.ts'],
    // Real PostgreSQL and Redis are started once for the whole run (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most end-to-end files wait on Telegram's real per-chat limits (the fake enforces them), not on the
    // CPU: four files at a time keep a 2-core machine busy and the suite well under ten minutes.
    maxWorkers: 4,
  },
});
