/** Progress events: the core emits them, only the CLI renders them. */
export type ProgressStatus = 'working' | 'done' | 'error' | 'warning' | 'skipped';

export interface ProgressEvent {
  /** `Container shop-web-1`, `Network shop_default`, … (what compose's progress shows in its first column). */
  resource: string;
  status: ProgressStatus;
  /** `Creating`, `Created`, `Waiting`, `Healthy`, … */
  text: string;
  detail?: string;
  /** Milliseconds since the resource's first `working` event. */
  elapsedMs?: number;
  /** The resource this one is a part of (a layer of `Image x`): renderers fold it into that row. */
  parentId?: string;
  /** Bytes done and expected, and a percentage, for transfers (pull, push, build context). */
  current?: number;
  total?: number;
  percent?: number;
}

/** The resource of events about the whole run (`Gracefully Stopping...`): docker compose's `Compose`. */
export const PROJECT_RESOURCE = 'Compose';

export interface EventSink {
  event(e: ProgressEvent): void;
  warn(message: string): void;
}

export const nullSink: EventSink = { event() {}, warn() {} };
