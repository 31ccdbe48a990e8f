/** Progress renderers: the core emits events, these draw them (a TTY frame on listr2, plain lines, JSON, or nothing). */
import type { EventSink, ProgressEvent } from '../../model/events.js';
import { UsageError } from '../../errors/index.js';
import { detailsOf, plainLine } from './event-line.js';

export type ProgressMode = 'auto' | 'tty' | 'plain' | 'quiet' | 'json';
export type AnsiMode = 'auto' | 'always' | 'never';

export interface Renderer extends EventSink {
  /** Draw the last frame and stop drawing (before printing anything else). Later events print as lines. */
  close(): Promise<void>;
}

export interface RendererOptions {
  /** docker compose's operation name, shown in the TTY header: `up`, `down`, `remove`, `pull`, … */
  operation: string;
  color: boolean;
  /** Attached `up`: Starting/Started are left to the logs that follow. */
  hideStarts?: boolean;
}

export function plainRenderer(write: (s: string) => void): Renderer {
  return {
    event(e: ProgressEvent) { write(plainLine(e)); },
    warn(message) { write(`WARN ${message}\n`); },
    async close() {},
  };
}

const STATUS_TEXT: Record<ProgressEvent['status'], string> = { working: 'Working', done: 'Done', warning: 'Warning', skipped: 'Warning', error: 'Error' };

/** One JSON object per line, docker compose's `--progress json` fields (cmd/display/json.go), empty ones left out. */
export function jsonRenderer(write: (s: string) => void): Renderer {
  return {
    event(e) {
      write(`${JSON.stringify({
        id: e.resource, parent_id: e.parentId || undefined, status: STATUS_TEXT[e.status], text: e.text || undefined,
        details: detailsOf(e) || undefined, current: e.current || undefined, total: e.total || undefined, percent: e.percent || undefined,
      })}\n`);
    },
    warn(message) { write(`${JSON.stringify({ tail: true, status: 'Warning', text: message })}\n`); },
    async close() {},
  };
}

export function quietRenderer(write: (s: string) => void): Renderer {
  return { event() {}, warn(message) { write(`WARN ${message}\n`); }, async close() {} };
}

/** docker compose's choice (cmd/compose/compose.go selectEventProcessor), contradictions refused. */
export function resolveProgressMode(mode: ProgressMode, ansi: AnsiMode, isTerminal: boolean): Exclude<ProgressMode, 'auto'> {
  if (mode === 'tty' && ansi === 'never') throw new UsageError("can't use --progress tty while ANSI support is disabled");
  if (mode === 'plain' && ansi === 'always') throw new UsageError("can't use --progress plain while ANSI support is forced");
  if (mode !== 'auto') return mode;
  return ansi !== 'never' && isTerminal ? 'tty' : 'plain';
}

export async function createRenderer(mode: ProgressMode, stream: NodeJS.WriteStream, options: RendererOptions & { ansi?: AnsiMode } = { operation: '', color: false }): Promise<Renderer> {
  const write = (s: string) => stream.write(s);
  switch (resolveProgressMode(mode, options.ansi ?? 'auto', Boolean(stream.isTTY))) {
    case 'json': return jsonRenderer(write);
    case 'quiet': return quietRenderer(write);
    case 'tty': return (await import('./listr-renderer.js')).listrRenderer(stream, options);
    default: return plainRenderer(write);
  }
}
