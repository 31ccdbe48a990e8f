/** Streams the logs of several containers to one output, each line prefixed with its container's short name. */
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Engine, LogOptions } from '../../engine/engine.js';
import { LineSplitter } from './log-prefix.js';

export interface LogSource {
  containerId: string;
  /** `web-1` */
  name: string;
  tty: boolean | Promise<boolean>;
}

export interface LogPrinterOptions extends LogOptions {
  prefix?: (name: string) => string;
  write: (text: string) => void;
  signal?: AbortSignal;
  /** A container's stream has ended and its last lines are written (attached `up` then says it exited). */
  onEnd?: (containerId: string) => void;
}

/**
 * Lines of one container's stream, prefixed, each written whole (the coalescing output below gathers them), so
 * lines of different containers never interleave.
 */
function lineSink(prefix: string, write: (text: string) => void): { stream: Writable; flush: () => void } {
  const splitter = new LineSplitter();
  const decoder = new StringDecoder('utf8');
  const emit = (line: string) => write(`${prefix}${line}\n`);
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) { splitter.push(decoder.write(chunk), emit); done(); },
  });
  return { stream, flush: () => { splitter.push(decoder.end(), emit); splitter.flush(emit); } };
}

/**
 * The engine sends a log line per HTTP chunk: whole lines gathered over one turn of the event loop go out as one
 * write (a write per line costs more than everything else `logs` does).
 */
function coalescing(write: (text: string) => void): { write: (text: string) => void; flush: () => void } {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    write(text);
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= 1 << 16) flush();
      else if (!scheduled) { scheduled = true; setImmediate(flush); }
    },
    flush,
  };
}

/** Resolves when every stream has ended (or when the signal aborts). */
export async function printLogs(engine: Engine, sources: readonly LogSource[], options: LogPrinterOptions): Promise<void> {
  const output = coalescing(options.write);
  try {
    await printEach(engine, sources, { ...options, write: output.write, onEnd: (id) => { output.flush(); options.onEnd?.(id); } });
  } finally {
    output.flush();
  }
}

async function printEach(engine: Engine, sources: readonly LogSource[], options: LogPrinterOptions): Promise<void> {
  await Promise.all(sources.map(async (source) => {
    const prefix = options.prefix ? options.prefix(source.name) : '';
    let stream: Awaited<ReturnType<Engine['containerLogs']>>;
    let tty: boolean;
    try {
      [stream, tty] = await Promise.all([engine.containerLogs(source.containerId, options, options.signal), source.tty]);
    } catch (err) {
      // Stopped before this stream opened (the project is aborting): nothing more to print.
      if (options.signal?.aborted) return;
      throw err;
    }
    const out = lineSink(prefix, options.write);
    const err = lineSink(prefix, options.write);
    await new Promise<void>((resolve) => {
      let finished = false;
      const finish = () => { if (finished) return; finished = true; out.flush(); err.flush(); options.onEnd?.(source.containerId); resolve(); };
      stream.on('end', finish);
      stream.on('close', finish);
      stream.on('error', finish);
      options.signal?.addEventListener('abort', () => { (stream as { destroy?: () => void }).destroy?.(); finish(); }, { once: true });
      if (tty) stream.pipe(out.stream, { end: false });
      else engine.demux(stream, out.stream, err.stream);
    });
  }));
}
