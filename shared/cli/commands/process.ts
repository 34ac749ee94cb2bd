/**
 * `otklik bots` and `otklik worker`: one role per process, as docker compose
 * runs them. Both need DATABASE_URL and REDIS_URL: two processes must not
 * each start their own embedded database.
 */
import { loadEnv } from '../../platform/config/env.js';
import { loadOrg } from '../../platform/config/org.js';
import { ConfigError } from '../../platform/config/config-error.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { createContext } from '../../networks/context.js';
import { onHangup, untilSignal } from '../../platform/runtime/signals.js';
import { reloadOrg } from '../../flows/reconcile/reload.js';
import { failOnConfig } from '../fail.js';

export function runRole(role: 'bots' | 'worker') {
  return () =>
    failOnConfig(async () => {
      const env = loadEnv();
      const missing = (['DATABASE_URL', 'REDIS_URL', 'OTKLIK_ORG'] as const).filter((k) => !env[k]);
      if (missing.length) {
        throw new ConfigError(
          `otklik ${role}: configuration incomplete`,
          missing.map((k) => `${k}: required (or use "otklik start", which runs everything in one process)`),
        );
      }
      const orgPath = env.OTKLIK_ORG!;
      const org = loadOrg(orgPath);
      const log = createLogger({ level: env.LOG_LEVEL, name: `otklik-${role}` });
      const ctx = createContext({ env, org, log, databaseUrl: env.DATABASE_URL!, redisUrl: env.REDIS_URL! });
      // From the first moment: a SIGHUP nobody listens for ends the process. Only the worker's reconciler
      // re-plans timers, with the file its own process has read.
      const stopListening = onHangup(log, () => reloadOrg(ctx, orgPath, { replan: role === 'worker' }));
      await applyMigrations(ctx.database);
      const running =
        role === 'bots'
          ? await (await import('../../../bots/main.js')).startBots(ctx)
          : await (await import('../../../worker/main.js')).startWorker(ctx);
      await untilSignal(log);
      stopListening();
      await running.close();
      await ctx.close();
      return 0;
    });
}
