/**
 * Batches file events: a batch closes after `quietMs` without new events. Events that arrive while a batch is
 * being applied are queued for the next batch, never dropped. Timers are injected for tests.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class Debouncer<T> {
  private pending: T[] = [];
  private timer: unknown;
  private busy = false;

  constructor(private readonly quietMs: number, private readonly apply: (batch: T[]) => Promise<void>, private readonly timers: Timers = realTimers) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => { this.timer = undefined; void this.flush(); }, this.quietMs);
  }

  private async flush(): Promise<void> {
    if (this.busy || this.pending.length === 0) return;
    this.busy = true;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.apply(batch);
    } finally {
      this.busy = false;
      // What arrived during the action forms the next batch.
      if (this.pending.length && this.timer === undefined) void this.flush();
    }
  }
}
