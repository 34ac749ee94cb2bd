import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the bots process, served at GET /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'otklik_' });
  const vkCallbacks = new Counter({
    name: 'otklik_vk_callbacks_total',
    help: 'VK Callback API requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const okWebhooks = new Counter({
    name: 'otklik_ok_webhooks_total',
    help: 'OK group chat webhook requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const maxWebhooks = new Counter({
    name: 'otklik_max_webhooks_total',
    help: 'MAX webhook requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return { registry, vkCallbacks, okWebhooks, maxWebhooks };
}
export type Metrics = ReturnType<typeof createMetrics>;
