import type { AppContext } from '../../shared/networks/context.js';
import { send, type Route } from '../http/server.js';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);

async function check(fn: () => Promise<unknown>): Promise<string> {
  try {
    await within(fn(), 2000);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

/** GET /healthz: 200 when PostgreSQL and Redis both answer, 503 naming the one that does not. */
export function healthRoute(ctx: AppContext): Route {
  const handle: Route['handle'] = async (_req, res) => {
    const [postgres, redis] = await Promise.all([
      check(() => ctx.database.pool.query('select 1')),
      check(() => ctx.redis.ping()),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    send(res, ok ? 200 : 503, JSON.stringify({ status: ok ? 'ok' : 'degraded', postgres, redis }), 'application/json');
  };
  return { method: 'GET', path: '/healthz', handle };
}
