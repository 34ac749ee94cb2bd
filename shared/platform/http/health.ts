import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Database } from '../db/client.js';
import type { Logger } from '../log.js';
import { send } from './server.js';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

/** 'ok', or 'unavailable' with the reason in the log only: the answer is public, a database error's text is not. */
async function check(name: string, fn: () => Promise<unknown>, log: Logger): Promise<'ok' | 'unavailable'> {
  try {
    await within(fn(), 2000);
    return 'ok';
  } catch (err) {
    log.warn({ err, dependency: name }, 'health check failed');
    return 'unavailable';
  }
}

export type HealthDeps = { database: Database; redis: Redis; log: Logger };

/**
 * GET /healthz of a process: 200 when PostgreSQL and Redis both answer, 503 naming the one that does
 * not. `extra` adds the process's own checks (the worker: its job workers are running).
 */
export function healthz(deps: HealthDeps, extra: () => Record<string, 'ok' | 'unavailable'> = () => ({})) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const [postgres, redis] = await Promise.all([
      check('postgres', () => deps.database.pool.query('select 1'), deps.log),
      check('redis', () => deps.redis.ping(), deps.log),
    ]);
    const checks = { postgres, redis, ...extra() };
    const ok = Object.values(checks).every((c) => c === 'ok');
    send(res, ok ? 200 : 503, JSON.stringify({ status: ok ? 'ok' : 'degraded', ...checks }), 'application/json');
  };
}
