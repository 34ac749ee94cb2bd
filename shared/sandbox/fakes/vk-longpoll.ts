/**
 * The fake VK's Bots Long Poll server: `groups.getLongPollServer` hands out
 * a key, a server URL and a ts; `GET <server>?act=a_check&key=&ts=&wait=`
 * answers the events after ts, holding the request up to `wait` seconds
 * while there are none, as VK does. The failures VK documents can be
 * provoked: `{failed: 1, ts}` (history lost or ts out of range: continue from
 * the new ts), `{failed: 2}` (key expired: ask for a new key), `{failed: 3}`
 * (information lost: ask for a new key and ts).
 */
export type LongPollAnswer = { ts: string; updates: unknown[] } | { failed: 1; ts: string } | { failed: 2 | 3 };

export class FakeVkLongPoll {
  private key = 'lp-key-1';
  private keySerial = 1;
  /** Events with their sequence number; a ts is the number of the next event to hand out. */
  private readonly events: Array<{ seq: number; update: unknown }> = [];
  private nextSeq = 1;
  /** Events before this were forgotten (a restart of VK's side, or a very old ts). */
  private oldest = 1;
  private nextFailure: 3 | null = null;
  private readonly waiters = new Set<() => void>();

  server(origin: string, groupId: number): { key: string; server: string; ts: string } {
    return { key: this.key, server: `${origin}/longpoll/${groupId}`, ts: String(this.nextSeq) };
  }

  /** Queues one event as VK would deliver it (a Callback-API-shaped object without `secret`). */
  push(update: object): void {
    const { secret: _secret, ...event } = update as Record<string, unknown>;
    this.events.push({ seq: this.nextSeq++, update: event });
    for (const wake of [...this.waiters]) wake();
  }

  /** The current key stops working: the next check answers `{failed: 2}`. */
  expireKey(): void {
    this.keySerial += 1;
    this.key = `lp-key-${this.keySerial}`;
    for (const wake of [...this.waiters]) wake();
  }

  /** VK lost the history: the next check with an older ts answers `{failed: 1, ts}`; queued events are gone. */
  forgetHistory(): void {
    this.oldest = this.nextSeq;
    this.events.length = 0;
  }

  /** The next check answers `{failed: 3}` (VK lost the key and ts). */
  failNextWith3(): void {
    this.nextFailure = 3;
    this.expireKey();
  }

  async check(params: URLSearchParams, closed: () => boolean): Promise<LongPollAnswer> {
    if (params.get('act') !== 'a_check') return { failed: 2 };
    const waitS = Math.min(Number(params.get('wait') ?? 25) || 0, 90);
    const deadline = Date.now() + waitS * 1000;
    for (;;) {
      if (this.nextFailure === 3 && params.get('key') !== this.key) {
        this.nextFailure = null;
        return { failed: 3 };
      }
      if (params.get('key') !== this.key) return { failed: 2 };
      const ts = Number(params.get('ts'));
      if (!Number.isInteger(ts) || ts < this.oldest || ts > this.nextSeq) return { failed: 1, ts: String(this.nextSeq) };
      const updates = this.events.filter((e) => e.seq >= ts).map((e) => e.update);
      if (updates.length || Date.now() >= deadline || closed()) return { ts: String(this.nextSeq), updates };
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
        this.waiters.add(wake);
      });
    }
  }

  /** Releases every held request (the server is closing). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  reset(): void {
    this.events.length = 0;
    this.oldest = this.nextSeq;
    this.nextFailure = null;
  }
}
