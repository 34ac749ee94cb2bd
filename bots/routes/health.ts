import type { AppContext } from '../../shared/networks/context.js';
import { healthz } from '../../shared/platform/http/health.js';
import type { Route } from '../../shared/platform/http/server.js';

/** GET /healthz: 200 when PostgreSQL and Redis both answer, 503 naming the one that does not (the check is the worker's too). */
export function healthRoute(ctx: AppContext): Route {
  return { method: 'GET', path: '/healthz', handle: healthz(ctx) };
}
