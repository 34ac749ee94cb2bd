/**
 * A tiny outbound proxy for tests: CONNECT tunnels and absolute-URI
 * forwarding, as HTTPS_PROXY/HTTP_PROXY clients use them. It keeps what it
 * carried by target host:port — each forwarded request, each tunnel — so a
 * test can tell which requests went through it.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type Forwarded = { target: string; method: string; path: string };

export type TestProxy = {
  url: string;
  /** Every forwarded (plain http://) request, in order. */
  readonly forwarded: readonly Forwarded[];
  /** Requests (forwarded) and tunnels (CONNECT) by target "host:port". */
  counts(): ReadonlyMap<string, { forwarded: number; tunnels: number }>;
  /** Everything carried to `hostPort`, forwarded requests and tunnels together. */
  carried(hostPort: string): number;
  close(): Promise<void>;
};

export async function startTestProxy(): Promise<TestProxy> {
  const counts = new Map<string, { forwarded: number; tunnels: number }>();
  const count = (target: string, kind: 'forwarded' | 'tunnels') => {
    const c = counts.get(target) ?? { forwarded: 0, tunnels: 0 };
    c[kind] += 1;
    counts.set(target, c);
  };
  const sockets = new Set<net.Socket>();
  const forwarded: Forwarded[] = [];

  const server = http.createServer((req, res) => {
    // A proxied request names its target in full: "http://host:port/path".
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    const hostPort = `${target.hostname}:${target.port || 80}`;
    count(hostPort, 'forwarded');
    forwarded.push({ target: hostPort, method: req.method ?? 'GET', path: target.pathname });
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request({ host: target.hostname, port: target.port || 80, path: target.pathname + target.search, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    count(`${host}:${port}`, 'tunnels');
    const upstream = net.connect(Number(port), host!.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => (s === upstream ? client.destroy() : upstream.destroy()));
    }
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    counts: () => counts,
    carried: (hostPort) => {
      const c = counts.get(hostPort);
      return c ? c.forwarded + c.tunnels : 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
