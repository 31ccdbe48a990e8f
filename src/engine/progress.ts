/**
 * Engine streams of JSON messages (pull, push, legacy build, events), read with dockerode's modem: a message
 * with `error` fails the operation; `aux.ID` is the built image.
 */
import type Dockerode from 'dockerode';
import { EngineError } from '../errors/index.js';
import type { LayerProgress } from './engine.js';

export interface ProgressMessage {
  stream?: string; status?: string; progress?: string; id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string; errorDetail?: { message?: string };
  aux?: { ID?: string } & Record<string, unknown>;
}

/** The line a progress message shows (`<id> <status> <progress>`, or a build step's output). */
export function progressLine(msg: ProgressMessage): string {
  return (msg.stream ?? [msg.id, msg.status, msg.progress].filter(Boolean).join(' ')).replace(/\n$/, '');
}

export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, onMessage: (msg: ProgressMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: EngineError | undefined;
    docker.modem.followProgress(stream, (err) => (failure ? reject(failure) : err ? reject(err) : resolve()), (msg: ProgressMessage) => {
      if (failure) return;
      if (msg.error || msg.errorDetail) {
        failure = new EngineError('unknown', msg.errorDetail?.message ?? msg.error ?? 'unknown error');
        return;
      }
      onMessage(msg);
    });
  });
}

/** Follow a pull or push, handing each line on; resolves when the engine ends the stream without an error entry. */
export function followLines(docker: Dockerode, stream: NodeJS.ReadableStream, onLine?: (line: string, layer?: LayerProgress) => void): Promise<{ imageId?: string }> {
  let imageId: string | undefined;
  return followProgress(docker, stream, (msg) => {
    if (msg.aux?.ID) imageId = msg.aux.ID;
    const text = progressLine(msg);
    const layer: LayerProgress | undefined = msg.id && msg.status
      ? { id: msg.id, status: msg.status, hasDetail: msg.progressDetail !== undefined, current: msg.progressDetail?.current, total: msg.progressDetail?.total }
      : undefined;
    if (text.trim()) onLine?.(text, layer);
  }).then(() => ({ imageId }));
}

/** A stream of JSON messages as an async iterable (the event stream); ends with the stream. */
export async function* messages<T>(docker: Dockerode, stream: NodeJS.ReadableStream): AsyncIterable<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: unknown;
  docker.modem.followProgress(stream, (err) => { done = true; failure = err ?? undefined; wake?.(); }, (msg: T) => { queue.push(msg); wake?.(); });
  while (true) {
    if (queue.length) { yield queue.shift()!; continue; }
    if (done) { if (failure) throw failure; return; }
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = undefined;
  }
}
