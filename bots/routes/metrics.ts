import { send, type Route } from '../../shared/platform/http/server.js';
import type { Metrics } from '../metrics.js';

/** GET /metrics: the bots process's Prometheus metrics. */
export function metricsRoute(metrics: Metrics): Route {
  return {
    method: 'GET',
    path: '/metrics',
    handle: async (_req, res) => send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType),
  };
}
