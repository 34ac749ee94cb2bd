import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
type Routes = Record<string, Handler>; // key: "METHOD /path"

/** One endpoint: each lives in its own file under bots/routes/. */
export type Route = { method: 'GET' | 'POST'; path: string; handle: Handler };

export function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * A plain node:http server with an exact-match route table: the bots expose
 * a handful of endpoints (routes/), and a framework would add more surface
 * than it saves.
 * A handler that throws answers 500 and never takes the process down.
 */
export async function startHttpServer(opts: { routes: Route[]; port: number; host: string; log: Logger }) {
  const routes: Routes = Object.fromEntries(opts.routes.map((r) => [`${r.method} ${r.path}`, r.handle]));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      const allowed = Object.keys(routes).some((k) => k.endsWith(` ${path}`));
      send(res, allowed ? 405 : 404, allowed ? 'method not allowed' : 'not found');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        opts.log.error({ err, path }, 'http handler failed');
        if (!res.headersSent) send(res, 500, 'internal error');
        else res.destroy();
      });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeouts
  // A slow client must not hold a socket for ever: the headers within 10 s, the whole request within 30 s
  // (webhooks are small; VK and OK give up on us after a few seconds anyway).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
