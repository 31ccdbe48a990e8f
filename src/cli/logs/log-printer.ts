/** Streams the logs of several containers to one output, each line prefixed with its container's short name. */
import { Writable } from 'node:stream';
import type { Engine, LogOptions } from '../../engine/engine.js';
import { LineSplitter } from './log-prefix.js';

export interface LogSource {
  containerId: string;
  /** `web-1` */
  name: string;
  tty: boolean;
}

export interface LogPrinterOptions extends LogOptions {
  prefix?: (name: string) => string;
  write: (text: string) => void;
  signal?: AbortSignal;
}

function lineSink(emit: (line: string) => void): { stream: Writable; splitter: LineSplitter } {
  const splitter = new LineSplitter();
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) { splitter.push(chunk.toString('utf8'), emit); done(); },
    final(done) { splitter.flush(emit); done(); },
  });
  return { stream, splitter };
}

/** Resolves when every stream has ended (or when the signal aborts). */
export async function printLogs(engine: Engine, sources: readonly LogSource[], options: LogPrinterOptions): Promise<void> {
  await Promise.all(sources.map(async (source) => {
    const prefix = options.prefix ? options.prefix(source.name) : '';
    // Complete lines are written at once (one write per line) so lines from different containers never interleave.
    const emit = (line: string) => options.write(`${prefix}${line}\n`);
    let stream: Awaited<ReturnType<Engine['containerLogs']>>;
    try {
      stream = await engine.containerLogs(source.containerId, options, options.signal);
    } catch (err) {
      // Stopped before this stream opened (the project is aborting): nothing more to print.
      if (options.signal?.aborted) return;
      throw err;
    }
    const out = lineSink(emit);
    const err = lineSink(emit);
    await new Promise<void>((resolve) => {
      const finish = () => { out.splitter.flush(emit); err.splitter.flush(emit); resolve(); };
      stream.on('end', finish);
      stream.on('close', finish);
      stream.on('error', finish);
      options.signal?.addEventListener('abort', () => { (stream as { destroy?: () => void }).destroy?.(); finish(); }, { once: true });
      if (source.tty) stream.pipe(out.stream, { end: false });
      else engine.demux(stream, out.stream, err.stream);
    });
  }));
}
