import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { send, type Route } from '../../shared/platform/http/server.js';
import type { Metrics } from '../metrics.js';

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics: the bots process's Prometheus metrics. This port faces the
 * internet (behind nginx), so the metrics need METRICS_TOKEN as a Bearer
 * token; without the setting the route is not served at all (bots/main.ts).
 */
export function metricsRoute(metrics: Metrics, token: string): Route {
  return {
    method: 'GET',
    path: '/metrics',
    handle: async (req, res) => {
      if (!bearerMatches(req, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return send(res, 401, 'unauthorized');
      }
      send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
    },
  };
}
