/** Progress renderers: the core emits events, these draw them (plain lines, listr2 on a TTY, JSON, or nothing). */
import type { EventSink, ProgressEvent } from '../../model/events.js';

export type ProgressMode = 'auto' | 'tty' | 'plain' | 'quiet' | 'json';

export interface Renderer extends EventSink {
  /** Flush and stop drawing (before printing anything else). */
  close(): Promise<void>;
}

function seconds(ms?: number): string {
  return ms === undefined ? '' : ` ${(ms / 1000).toFixed(1)}s`;
}

export function plainRenderer(write: (s: string) => void): Renderer {
  return {
    event(e: ProgressEvent) {
      if (e.status === 'working') return;
      write(` ${e.resource}  ${e.text}${e.detail ? `: ${e.detail}` : ''}${seconds(e.elapsedMs)}\n`);
    },
    warn(message) { write(`WARN ${message}\n`); },
    async close() {},
  };
}

/**
 * One JSON object per line, with docker compose's fields (`id`, `text` the step, `status` its detail) so tools
 * that read its `--progress json` read ours; `level` and `elapsed_ms` are tcompose's additions.
 */
export function jsonRenderer(write: (s: string) => void): Renderer {
  return {
    event(e) { write(`${JSON.stringify({ id: e.resource, text: e.text, status: e.detail, level: e.status, elapsed_ms: e.elapsedMs })}\n`); },
    warn(message) { write(`${JSON.stringify({ tail: true, text: message, level: 'warning' })}\n`); },
    async close() {},
  };
}

export function quietRenderer(write: (s: string) => void): Renderer {
  return { event() {}, warn(message) { write(`WARN ${message}\n`); }, async close() {} };
}

export async function createRenderer(mode: ProgressMode, stream: NodeJS.WriteStream): Promise<Renderer> {
  const write = (s: string) => stream.write(s);
  const resolved = mode === 'auto' ? (stream.isTTY && !process.env.CI ? 'tty' : 'plain') : mode;
  switch (resolved) {
    case 'json': return jsonRenderer(write);
    case 'quiet': return quietRenderer(write);
    case 'tty': return (await import('./listr-renderer.js')).listrRenderer(stream);
    default: return plainRenderer(write);
  }
}
