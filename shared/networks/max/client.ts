/**
 * The MAX Bot API client: the official @maxhub/max-bot-api, its `baseUrl`
 * pointed at MAX_API_ROOT (the fake MAX in tests and the demo) and its fetch
 * at the installation's outbound (proxy-aware) fetch. Only the Api is used:
 * updates arrive through /webhooks/max or our own long poll, not the
 * framework's Bot.
 */
import { Bot, type Api } from '@maxhub/max-bot-api';

export type MaxApi = Api;

export function createMaxApi(opts: { token: string; apiRoot: string; fetch?: typeof fetch }): MaxApi {
  // The client resolves method paths against baseUrl, so a root with a path must end in "/".
  const baseUrl = opts.apiRoot.endsWith('/') ? opts.apiRoot : `${opts.apiRoot}/`;
  // Constructing a Bot starts nothing: it only builds the client and its Api.
  return new Bot(opts.token, { clientOptions: { baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) } }).api;
}
