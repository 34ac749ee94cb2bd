/**
 * Pending updates and the two ways Telegram hands them out: getUpdates long
 * polling (held until an update arrives or the timeout passes, confirmed by
 * offset) and a webhook (POSTed one at a time with the secret token header,
 * retried until the receiver answers 2xx).
 */
import { TelegramApiError, TG_ERRORS } from './telegram-errors.js';

export type TgUpdate = { update_id: number } & Record<string, unknown>;

export interface WebhookConfig {
  url: string;
  secret_token?: string;
  max_connections: number;
  allowed_updates?: string[];
}

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  max_connections?: number;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

interface Poller {
  resolve: (updates: TgUpdate[]) => void;
  reject: (error: Error) => void;
  limit: number;
  allowed?: string[];
  timer: NodeJS.Timeout;
}

export interface GetUpdatesParams {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

export class UpdateQueue {
  private pending: TgUpdate[] = [];
  /** Real update ids are large and only increase. */
  private lastUpdateId = 500_000_000;
  private poller: Poller | undefined;
  private webhook: WebhookConfig | undefined;
  private lastError: { date: number; message: string } | undefined;
  private delivering = false;
  private closed = false;
  private readonly stopDelivery = new AbortController();

  constructor(
    private readonly nowSeconds: () => number,
    private readonly retryDelaysMs: number[],
  ) {}

  push(update: Record<string, unknown>): number {
    const update_id = typeof update.update_id === 'number' ? update.update_id : this.lastUpdateId + 1;
    this.lastUpdateId = Math.max(this.lastUpdateId, update_id);
    this.pending.push({ ...update, update_id });
    this.wakePoller();
    void this.deliver();
    return update_id;
  }

  /** getUpdates: confirms everything below offset, answers at once if something is pending, otherwise waits. */
  getUpdates(params: GetUpdatesParams, onCancel: (cancel: () => void) => void): Promise<TgUpdate[]> {
    if (this.webhook) return Promise.reject(new TelegramApiError(409, TG_ERRORS.webhookConflict));
    const offset = params.offset ?? 0;
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
    const limit = Math.min(100, Math.max(1, params.limit ?? 100));
    const allowed = params.allowed_updates?.length ? params.allowed_updates : undefined;
    // A newer getUpdates ends an older one, exactly like two bot instances on the real server.
    if (this.poller) this.endPoller(this.poller, new TelegramApiError(409, TG_ERRORS.pollConflict));
    const ready = this.take(limit, allowed);
    const timeout = Math.max(0, params.timeout ?? 0);
    if (ready.length > 0 || timeout === 0 || this.closed) return Promise.resolve(ready);
    return new Promise<TgUpdate[]>((resolve, reject) => {
      const poller: Poller = {
        resolve,
        reject,
        limit,
        ...(allowed ? { allowed } : {}),
        timer: setTimeout(() => this.endPoller(poller, []), timeout * 1000),
      };
      this.poller = poller;
      onCancel(() => {
        if (this.poller === poller) this.endPoller(poller, []);
      });
    });
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) this.pending = [];
    this.webhook = config;
    this.lastError = undefined;
    if (this.poller) this.endPoller(this.poller, new TelegramApiError(409, TG_ERRORS.webhookConflict));
    void this.deliver();
  }

  /** Returns whether a webhook was set. Pending updates stay for getUpdates unless dropped. */
  deleteWebhook(dropPending: boolean): boolean {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    if (dropPending) this.pending = [];
    return had;
  }

  webhookInfo(): WebhookInfo {
    const info: WebhookInfo = {
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
    };
    if (this.webhook) {
      info.max_connections = this.webhook.max_connections;
      if (this.webhook.allowed_updates) info.allowed_updates = this.webhook.allowed_updates;
    }
    if (this.lastError) {
      info.last_error_date = this.lastError.date;
      info.last_error_message = this.lastError.message;
    }
    return info;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  reset(): void {
    this.pending = [];
    this.webhook = undefined;
    this.lastError = undefined;
    if (this.poller) this.endPoller(this.poller, []);
  }

  close(): void {
    this.closed = true;
    this.stopDelivery.abort();
    this.webhook = undefined;
    if (this.poller) this.endPoller(this.poller, []);
  }

  private take(limit: number, allowed: string[] | undefined): TgUpdate[] {
    if (allowed) {
      // Updates of types the bot did not ask for are dropped, not kept for later.
      this.pending = this.pending.filter((u) => Object.keys(u).some((k) => k !== 'update_id' && allowed.includes(k)));
    }
    // Handed-out updates stay pending until a later offset confirms them.
    return this.pending.slice(0, limit);
  }

  private wakePoller(): void {
    const poller = this.poller;
    if (!poller) return;
    const ready = this.take(poller.limit, poller.allowed);
    if (ready.length > 0) this.endPoller(poller, ready);
  }

  private endPoller(poller: Poller, outcome: TgUpdate[] | Error): void {
    clearTimeout(poller.timer);
    if (this.poller === poller) this.poller = undefined;
    if (outcome instanceof Error) poller.reject(outcome);
    else poller.resolve(outcome);
  }

  /** Sends pending updates to the webhook one by one, in order, retrying failures. */
  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      let attempt = 0;
      while (this.webhook && this.pending.length > 0 && !this.closed) {
        const webhook = this.webhook;
        const update = this.pending[0] as TgUpdate;
        const error = await this.post(webhook, update);
        if (this.webhook !== webhook) continue;
        if (!error) {
          this.pending = this.pending.filter((u) => u !== update);
          attempt = 0;
          continue;
        }
        this.lastError = { date: this.nowSeconds(), message: error };
        const delay = this.retryDelaysMs[Math.min(attempt, this.retryDelaysMs.length - 1)] ?? 1000;
        attempt += 1;
        await sleep(delay, this.stopDelivery.signal);
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Returns an error message in Telegram's getWebhookInfo wording, or undefined on success. */
  private async post(webhook: WebhookConfig, update: TgUpdate): Promise<string | undefined> {
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(webhook.secret_token ? { 'x-telegram-bot-api-secret-token': webhook.secret_token } : {}),
        },
        body: JSON.stringify(update),
        signal: this.stopDelivery.signal,
      });
      await response.arrayBuffer();
      if (response.ok) return undefined;
      return `Wrong response from the webhook: ${response.status} ${response.statusText}`;
    } catch (err) {
      return `Connection refused: ${(err as Error).message}`;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
