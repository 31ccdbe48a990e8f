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
}

export interface EventSink {
  event(e: ProgressEvent): void;
  warn(message: string): void;
}

export const nullSink: EventSink = { event() {}, warn() {} };
