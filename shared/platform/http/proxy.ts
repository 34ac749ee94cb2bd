/**
 * Outbound HTTP behind an administration's proxy. Node's fetch and the
 * node-fetch inside grammY and vk-io all ignore HTTPS_PROXY and NO_PROXY, so
 * every client takes its transport from here, built once per context from the
 * checked environment — not from process.env, which the demo and the tests do
 * not configure the system through.
 *
 * One rule (proxyFor) decides for both transports: https:// goes through
 * HTTPS_PROXY (HTTP_PROXY when only that is set), http:// through HTTP_PROXY,
 * and a host NO_PROXY names is reached directly. Loopback is not exempt by
 * itself, unlike some clients' defaults: a proxy that must see all traffic
 * sees it, and NO_PROXY=localhost,127.0.0.1 says otherwise where wanted.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent as RoutingBase, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { Agent as DirectDispatcher, ProxyAgent, type Dispatcher } from 'undici';

export type ProxySettings = {
  /** For https:// URLs; HTTP_PROXY serves when this is unset. */
  httpsProxy?: string | undefined;
  /** For http:// URLs. */
  httpProxy?: string | undefined;
  /** Hosts reached directly: comma- or space-separated, `host`, `host:port`, `.domain` or `*.domain` (subdomains too), `*` for all. */
  noProxy?: string | undefined;
};

export type Target = { secure: boolean; host: string; port: number };

type Exemption = { host: string; port: number | null };

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

function exemptions(noProxy: string): Exemption[] | 'all' {
  const entries = noProxy.split(/[\s,]+/).filter(Boolean);
  if (entries.includes('*')) return 'all';
  return entries.map((entry) => {
    // "[::1]:8080" or "host:8080"; a bare IPv6 address ("::1") has more than one colon and no port.
    const withPort = /^\[(.+)\]:(\d+)$/.exec(entry) ?? (entry.split(':').length === 2 ? /^(.+):(\d+)$/.exec(entry) : null);
    const host = unbracket(withPort ? withPort[1]! : entry).replace(/^\*?\./, '');
    return { host, port: withPort ? Number(withPort[2]) : null };
  });
}

/** The proxy URL a request to `target` goes through, or null for a direct connection. */
export function proxyFor(target: Target, settings: ProxySettings): string | null {
  const proxy = target.secure ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
  if (!proxy) return null;
  const exempt = exemptions(settings.noProxy ?? '');
  if (exempt === 'all') return null;
  const host = unbracket(target.host);
  const bypass = exempt.some((e) => (e.port === null || e.port === target.port) && (host === e.host || host.endsWith(`.${e.host}`)));
  return bypass ? null : proxy;
}

function targetOfOrigin(origin: string | URL): Target {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  return { secure, host: url.hostname, port: Number(url.port) || (secure ? 443 : 80) };
}

/**
 * An http.Agent for node-fetch based clients (grammY, vk-io) that picks, per
 * connection, a direct agent or the proxy by proxyFor. One instance serves
 * http:// and https:// alike (agent-base follows the request's scheme), so a
 * client whose upload URLs change scheme keeps working.
 */
class RoutingAgent extends RoutingBase {
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>();
  private readonly forwarders = new Map<string, HttpProxyAgent<string>>();
  /** Connections to the proxy that carried one forwarded request each. */
  private readonly forwarded = new WeakSet<Duplex>();

  constructor(private readonly settings: ProxySettings) {
    super({ keepAlive: true });
  }

  async connect(req: http.ClientRequest, opts: AgentConnectOpts): Promise<http.Agent | Duplex> {
    const secure = opts.secureEndpoint;
    const proxy = proxyFor({ secure, host: opts.host ?? 'localhost', port: Number(opts.port) || (secure ? 443 : 80) }, this.settings);
    if (!proxy) return secure ? this.direct.https : this.direct.http;
    if (secure) {
      // A CONNECT tunnel leads to one host:port, so the proxy agent may keep and reuse it.
      let tunnel = this.tunnels.get(proxy);
      if (!tunnel) this.tunnels.set(proxy, (tunnel = new HttpsProxyAgent(proxy, { keepAlive: true })));
      return tunnel;
    }
    // An http:// request is forwarded with its absolute URI, which is written into the request's head
    // when the connection is made; a reused connection would send the bare path, so none is kept.
    let forwarder = this.forwarders.get(proxy);
    if (!forwarder) this.forwarders.set(proxy, (forwarder = new HttpProxyAgent(proxy)));
    // (its typings want the private head-writing method every ClientRequest has)
    const socket = await forwarder.connect(req as Parameters<HttpProxyAgent<string>['connect']>[0], opts);
    this.forwarded.add(socket);
    return socket;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    if (this.forwarded.has(socket)) return false;
    return (http.Agent.prototype.keepSocketAlive as unknown as (s: Duplex) => boolean).call(this, socket);
  }

  override destroy(): void {
    for (const agent of [this.direct.http, this.direct.https, ...this.tunnels.values(), ...this.forwarders.values()]) agent.destroy();
    super.destroy();
  }
}

export type Outbound = {
  /** Whether a proxy is configured at all; without one every client keeps its own default transport. */
  proxied: boolean;
  /** fetch through the proxy where proxyFor says so (Node's own fetch otherwise). */
  fetch: typeof fetch;
  /** The agent for node-fetch based clients; undefined without a proxy, so they keep their defaults. */
  agent: http.Agent | undefined;
  close(): Promise<void>;
};

/** The process's outbound transport for these settings: built once, shared by every client of a context. */
export function createOutbound(settings: ProxySettings): Outbound {
  if (!settings.httpProxy && !settings.httpsProxy) {
    // Looked up at each call, as a bare `fetch` would be.
    return { proxied: false, fetch: (input, init) => globalThis.fetch(input, init), agent: undefined, close: async () => undefined };
  }
  const direct = new DirectDispatcher();
  const proxies = new Map<string, ProxyAgent>();
  const viaProxy = (uri: string) => {
    let agent = proxies.get(uri);
    // http:// targets are forwarded with the absolute URI, as the node agents do; https:// ones tunnel (CONNECT).
    if (!agent) proxies.set(uri, (agent = new ProxyAgent({ uri, proxyTunnel: false })));
    return agent;
  };
  const dispatcher: Dispatcher = direct.compose((dispatch) => (opts, handler) => {
    const proxy = opts.origin === undefined ? null : proxyFor(targetOfOrigin(opts.origin), settings);
    return proxy ? viaProxy(proxy).dispatch(opts, handler) : dispatch(opts, handler);
  });
  const agent = new RoutingAgent(settings);
  // Node's fetch takes the dispatcher of the undici package; its bundled typings name another copy of the same class.
  const proxiedFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    globalThis.fetch(input, { ...init, dispatcher } as RequestInit)) as typeof fetch;
  return {
    proxied: true,
    fetch: proxiedFetch,
    agent,
    async close() {
      agent.destroy();
      await Promise.all([direct.close(), ...[...proxies.values()].map((p) => p.close())]);
    },
  };
}
