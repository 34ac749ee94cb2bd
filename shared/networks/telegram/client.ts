import type { ApiClientOptions } from 'grammy';
import type { Env } from '../../platform/config/env.js';
import type { Outbound } from '../../platform/http/proxy.js';

/**
 * How every grammY client of the process reaches the Bot API: the configured
 * API root, and the outbound proxy when one is set (grammY's node-fetch takes
 * it as an agent; without a proxy grammY keeps its own keep-alive agents).
 */
export function telegramClientOptions(env: Pick<Env, 'TELEGRAM_API_ROOT'>, outbound: Outbound): ApiClientOptions {
  return { apiRoot: env.TELEGRAM_API_ROOT, ...(outbound.agent ? { baseFetchConfig: { agent: outbound.agent } } : {}) };
}
