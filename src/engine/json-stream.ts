/** Engine progress streams (pull, push, build) are newline-delimited JSON; an `error` entry means the operation failed. */
import { EngineError } from '../errors/index.js';

export interface JsonStreamResult {
  aux?: { ID?: string };
}

export async function followJsonStream(stream: NodeJS.ReadableStream, onLine?: (line: string) => void): Promise<JsonStreamResult> {
  const result: JsonStreamResult = {};
  let buffer = '';
  const handle = (line: string) => {
    if (!line.trim()) return;
    let msg: { stream?: string; status?: string; progress?: string; id?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } };
    try { msg = JSON.parse(line); } catch { onLine?.(line); return; }
    if (msg.error || msg.errorDetail) throw new EngineError('unknown', msg.errorDetail?.message ?? msg.error ?? 'unknown error');
    if (msg.aux?.ID) result.aux = msg.aux;
    const text = msg.stream ?? [msg.id, msg.status, msg.progress].filter(Boolean).join(' ');
    if (text.trim()) onLine?.(text.replace(/\n$/, ''));
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      handle(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  }
  handle(buffer);
  return result;
}
