/**
 * What the TTY progress shows, as data: one row per resource in the order its first event arrived, with its
 * latest state and when it started and stopped. Pure (the clock is passed in), so frames are testable.
 */
import type { ProgressEvent, ProgressStatus } from '../../model/events.js';

export interface BoardRow {
  id: string;
  parentId?: string;
  status: ProgressStatus;
  text: string;
  details?: string;
  startedAt: number;
  /** Set once the row is no longer working; the timer stops there. */
  endedAt?: number;
  current: number;
  total: number;
  percent: number;
}

export interface BoardOptions {
  now: () => number;
  /**
   * Attached `up` prints container logs right below the progress: like docker compose, its rows keep the state
   * before starting (`Created`) instead of `Starting`/`Started`, which the logs then show.
   */
  hideStarts?: boolean;
}

const finished = (s: ProgressStatus) => s !== 'working';

export class ProgressBoard {
  private readonly rows = new Map<string, BoardRow>();

  constructor(private readonly options: BoardOptions) {}

  apply(e: ProgressEvent): void {
    if (this.options.hideStarts && (e.text === 'Started' || e.text === 'Starting')) return;
    const now = this.options.now();
    const row = this.rows.get(e.resource);
    if (!row) {
      // A first event that is already final (a skipped resource, a step too quick to report) still gets a timer.
      const startedAt = finished(e.status) && e.elapsedMs !== undefined ? now - e.elapsedMs : now;
      this.rows.set(e.resource, {
        id: e.resource, parentId: e.parentId, status: e.status, text: e.text, details: e.detail, startedAt,
        endedAt: finished(e.status) ? now : undefined,
        current: e.current ?? 0, total: e.total ?? 0, percent: e.percent ?? 0,
      });
      return;
    }
    // Layers shared by two images report from both pulls: follow the first one only, so the row does not flicker.
    if (e.parentId && row.parentId && e.parentId !== row.parentId) return;
    if (finished(e.status) && row.status !== e.status) row.endedAt = now;
    if (e.status === 'working') row.endedAt = undefined;
    row.status = e.status;
    row.text = e.text;
    row.details = e.detail;
    // Progress only goes up (a retried layer does not move its bar back).
    row.current = Math.max(row.current, e.current ?? 0);
    row.total = Math.max(row.total, e.total ?? 0);
    row.percent = Math.max(row.percent, e.percent ?? 0);
  }

  get size(): number { return this.rows.size; }

  /** Rows that are not a part (a layer) of another row, in first-event order. */
  topRows(): BoardRow[] {
    return [...this.rows.values()].filter((r) => !r.parentId);
  }

  children(id: string): BoardRow[] {
    return [...this.rows.values()].filter((r) => r.parentId === id);
  }

  doneCount(): number {
    return [...this.rows.values()].filter((r) => finished(r.status)).length;
  }

  elapsedMs(row: BoardRow): number {
    return (row.endedAt ?? (finished(row.status) ? row.startedAt : this.options.now())) - row.startedAt;
  }
}
