import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from shared/platform/db/schema.ts; they are applied by `npm run migrate` and at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './shared/platform/db/schema.ts',
  out: './migrations',
});
