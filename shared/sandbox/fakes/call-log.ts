/** Every call a fake answered, with `waitFor` over past and future entries. */

export interface LoggedCall {
  method: string;
}

export type CallMatcher<T> = string | ((call: T) => boolean);

interface Waiter<T> {
  matches: (call: T) => boolean;
  resolve: (call: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class CallLog<T extends LoggedCall> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(call: T): void {
    this.items.push(call);
    for (const waiter of this.waiters) {
      if (!waiter.matches(call)) continue;
      this.waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(call);
    }
  }

  /** Resolves with the first call matching (a method name or a predicate), past or future. */
  waitFor(matcher: CallMatcher<T>, timeoutMs = 5_000): Promise<T> {
    const matches = typeof matcher === 'string' ? (call: T) => call.method === matcher : matcher;
    const past = this.items.find(matches);
    if (past) return Promise.resolve(past);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.items.map((c) => c.method).slice(-20).join(', ') || 'none';
          const what = typeof matcher === 'string' ? matcher : 'a matching call';
          reject(new Error(`waitFor: no ${what} within ${timeoutMs} ms (last calls: ${seen})`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.items.length = 0;
  }

  /** Fails every pending waitFor, e.g. when the fake shuts down. */
  rejectWaiters(reason: string): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.waiters.clear();
  }
}
