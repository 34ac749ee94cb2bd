/**
 * `otklik start` (npm start): the whole system in one process, on embedded
 * PostgreSQL and Redis when no URLs are configured. Without a bot token
 * (Telegram's or MAX's) there is no one to talk to, so it starts the training
 * sandbox instead (a local page with fake networks) and says so.
 * In production (NODE_ENV=production) neither happens by default: see
 * `productionProblems`.
 */
import { loadEnv, type Env } from '../../platform/config/env.js';
import { loadOrg, type Org } from '../../platform/config/org.js';
import { ConfigError } from '../../platform/config/config-error.js';
import { createLogger } from '../../platform/log.js';
import { untilSignal } from '../../platform/runtime/signals.js';
import { startSystem } from '../system.js';
import { ensureServices } from '../../platform/services/index.js';
import { failOnConfig } from '../fail.js';

/**
 * What keeps a production start from starting: there, a missing token is a
 * mistake, not a wish for the demo (the sandbox never runs in production),
 * and an embedded PostgreSQL or Redis runs only when OTKLIK_EMBEDDED names
 * it: data kept on this machine is a choice, not the result of a missing URL.
 */
export function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const embedded = env.OTKLIK_EMBEDDED ?? [];
  const problems: string[] = [];
  if (!env.TELEGRAM_BOT_TOKEN && !env.MAX_BOT_TOKEN) {
    problems.push('TELEGRAM_BOT_TOKEN (or MAX_BOT_TOKEN with messenger: max): required in production; the sandbox against fake networks runs only outside it (NODE_ENV=production is set)');
  }
  if (!env.DATABASE_URL && !embedded.includes('postgres')) {
    problems.push('DATABASE_URL: required in production, or OTKLIK_EMBEDDED=postgres to run the embedded PostgreSQL on this machine (data in OTKLIK_DATA_DIR)');
  }
  if (!env.REDIS_URL && !embedded.includes('redis')) {
    problems.push('REDIS_URL: required in production, or OTKLIK_EMBEDDED=redis to run a private Redis on this machine (data in OTKLIK_DATA_DIR)');
  }
  return problems;
}

/** The staff bot's token for the organisation's messenger, named when it is missing. */
export function staffTokenMissing(env: Env, org: Pick<Org, 'messenger'>): string | null {
  if (org.messenger === 'max') return env.MAX_BOT_TOKEN ? null : 'MAX_BOT_TOKEN: required by the organisation file\'s "messenger: max" (the staff bot\'s token in MAX)';
  return env.TELEGRAM_BOT_TOKEN ? null : 'TELEGRAM_BOT_TOKEN: required for staff in Telegram (or set "messenger: max" in the organisation file and MAX_BOT_TOKEN)';
}

export async function run(): Promise<number> {
  return failOnConfig(async () => {
    const env = loadEnv();
    const problems = productionProblems(env);
    if (problems.length) throw new ConfigError('otklik start: not ready for production', problems);
    if (!env.TELEGRAM_BOT_TOKEN && !env.MAX_BOT_TOKEN) {
      console.log('Neither TELEGRAM_BOT_TOKEN nor MAX_BOT_TOKEN is set: starting the training sandbox against built-in fake networks.');
      console.log('Set the tokens and OTKLIK_ORG (see README.md) to run for real; `npm run demo` plays the scripted demo.\n');
      const sandbox = await import('./sandbox.js');
      return sandbox.run();
    }
    if (!env.OTKLIK_ORG) {
      throw new ConfigError('otklik start: configuration incomplete', [
        'OTKLIK_ORG: required with a bot token (the organisation file; see examples/org.example.yaml)',
      ]);
    }
    const org = loadOrg(env.OTKLIK_ORG);
    const missing = staffTokenMissing(env, org);
    if (missing) throw new ConfigError('otklik start: configuration incomplete', [missing]);
    const log = createLogger({ level: env.LOG_LEVEL });
    // Listened for from the first moment: a stop during start-up (a network that does not answer)
    // must still shut the embedded PostgreSQL and Redis down, not orphan them.
    const signal = untilSignal(log);
    const services = await ensureServices({ env, log });
    let interrupted = false;
    try {
      const starting = startSystem({ env, org, orgPath: env.OTKLIK_ORG, log, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl });
      const system = await Promise.race([starting, signal.then(() => null)]);
      if (system) {
        log.info({ org: org.name, profile: system.ctx.profile.id, port: system.bots.port }, 'Otklik is running');
        await signal;
        await system.stop();
      } else {
        interrupted = true;
        log.warn('stopped during start-up');
        starting.then((s) => s.stop(), () => undefined);
      }
    } finally {
      await services.stop();
    }
    // Whatever was still starting (a Telegram call waiting on the network) must not keep the process alive.
    if (interrupted) process.exit(0);
    return 0;
  });
}
