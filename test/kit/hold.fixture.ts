// Test helper run as a child process: starts one service, prints its URL, then waits to be killed.
import { createLogger } from '../../shared/platform/log.js';
import { startEmbeddedPostgres } from '../../shared/platform/services/postgres.js';
import { startPrivateRedis } from '../../shared/platform/services/redis.js';

const [what, dataDir = ''] = process.argv.slice(2);
const log = createLogger({ level: 'warn' });
if (what === 'exit-code') {
  // Runs a PostgreSQL and stops it; what this process exits with must stay its own.
  const service = await startEmbeddedPostgres({ dataDir, log, ephemeral: true });
  await service.stop();
  process.exitCode = 3;
} else {
  const options = { dataDir, log, ephemeral: true };
  const service = await (what === 'postgres' ? startEmbeddedPostgres(options) : startPrivateRedis(options));
  console.log(service.url);
  setInterval(() => undefined, 60_000);
}
