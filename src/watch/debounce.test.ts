import { describe, expect, it } from 'vitest';
import { Debouncer, type Timers } from './debounce.js';

class ManualTimers implements Timers {
  private queue: Array<{ fn: () => void; at: number; id: number }> = [];
  private now = 0;
  private next = 0;
  setTimeout(fn: () => void, ms: number) { const id = ++this.next; this.queue.push({ fn, at: this.now + ms, id }); return id; }
  clearTimeout(h: unknown) { this.queue = this.queue.filter((t) => t.id !== h); }
  advance(ms: number) {
    this.now += ms;
    const due = this.queue.filter((t) => t.at <= this.now);
    this.queue = this.queue.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
}

describe('Debouncer', () => {
  it('applies events that arrive together as one batch, after the quiet period', async () => {
    const timers = new ManualTimers();
    const batches: number[][] = [];
    const d = new Debouncer<number>(50, async (b) => { batches.push(b); }, timers);
    d.push(1); timers.advance(30); d.push(2); timers.advance(30);
    expect(batches).toEqual([]);
    timers.advance(20);
    await Promise.resolve();
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps events that arrive during an action for the next batch', async () => {
    const timers = new ManualTimers();
    const batches: number[][] = [];
    let release!: () => void;
    const d = new Debouncer<number>(10, async (b) => { batches.push(b); if (batches.length === 1) await new Promise<void>((r) => (release = r)); }, timers);
    d.push(1); timers.advance(10);
    await Promise.resolve();
    d.push(2); timers.advance(10);
    expect(batches).toEqual([[1]]);
    release();
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2]]);
  });
});
