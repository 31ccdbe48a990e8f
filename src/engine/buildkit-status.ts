/**
 * BuildKit's progress, as the engine streams it during a `version=2` build: messages with id
 * `moby.buildkit.trace` carry a base64 StatusResponse (vertexes = build steps, their logs and statuses).
 * Rendered as BuildKit's plain progress prints it: `#3 [2/4] RUN …`, `#3 0.412 output`, `#3 DONE 0.5s`.
 */
import { decode, messages, num, text, bytes, type Decoded } from './proto-wire.js';

interface VertexState { number?: number; name: string; started?: number; announced: boolean; done: boolean }

const seconds = (ts: Decoded | undefined) => (ts ? (num(ts, 1) ?? 0) + (num(ts, 2) ?? 0) / 1e9 : undefined);

export class BuildkitProgress {
  private readonly vertexes = new Map<string, VertexState>();
  private readonly partial = new Map<string, string>();
  private failure?: string;

  constructor(private readonly onLine: (line: string) => void) {}

  /** The first step error BuildKit reported (`process "/bin/sh -c …" did not complete successfully`). */
  get error(): string | undefined { return this.failure; }

  private vertex(digest: string, name = ''): VertexState {
    let v = this.vertexes.get(digest);
    if (!v) { v = { name, announced: false, done: false }; this.vertexes.set(digest, v); }
    if (name) v.name = name;
    return v;
  }

  private numbered = 0;

  /** Steps are numbered in the order they are first shown, as BuildKit's plain output numbers them. */
  private announce(v: VertexState): void {
    v.number ??= ++this.numbered;
    if (v.announced || !v.name) return;
    v.announced = true;
    this.onLine(`#${v.number} ${v.name}`);
  }

  /** One `moby.buildkit.trace` message (its base64 `aux`). */
  trace(aux: string): void {
    const status = decode(Buffer.from(aux, 'base64'));
    for (const vx of messages(status, 1)) {
      const digest = text(vx, 1) ?? '';
      const v = this.vertex(digest, text(vx, 3));
      const started = seconds(messages(vx, 5)[0]);
      if (started !== undefined) v.started ??= started;
      if (started !== undefined || num(vx, 4)) this.announce(v);
      const error = text(vx, 7);
      const completed = seconds(messages(vx, 6)[0]);
      if (error && !v.done) {
        v.done = true;
        this.announce(v);
        this.onLine(`#${v.number} ERROR: ${error}`);
        this.failure ??= error;
      } else if (num(vx, 4) && !v.done) {
        v.done = true;
        this.announce(v);
        this.onLine(`#${v.number} CACHED`);
      } else if (completed !== undefined && !v.done) {
        v.done = true;
        this.announce(v);
        this.flush(digest, v);
        this.onLine(`#${v.number} DONE ${Math.max(0, completed - (v.started ?? completed)).toFixed(1)}s`);
      }
    }
    for (const st of messages(status, 2)) {
      const v = this.vertex(text(st, 2) ?? '');
      const name = text(st, 1) ?? text(st, 3);
      const total = num(st, 5);
      if (name && messages(st, 8).length) this.announce(v);
      if (name && messages(st, 8).length) this.onLine(`#${v.number} ${name}${total ? ` ${num(st, 4) ?? 0}/${total}` : ''} done`);
    }
    for (const log of messages(status, 3)) {
      const digest = text(log, 1) ?? '';
      const v = this.vertex(digest);
      this.announce(v);
      const at = seconds(messages(log, 2)[0]);
      const elapsed = at !== undefined && v.started !== undefined ? (at - v.started).toFixed(3) : undefined;
      const chunk = (this.partial.get(digest) ?? '') + (bytes(log, 4)?.toString('utf8') ?? '');
      const lines = chunk.split(/\r?\n/);
      this.partial.set(digest, lines.pop() ?? '');
      for (const line of lines) this.onLine(`#${v.number}${elapsed ? ` ${elapsed}` : ''} ${line}`);
    }
    for (const warning of messages(status, 4)) {
      const short = bytes(warning, 3)?.toString('utf8');
      if (short) this.onLine(`WARNING: ${short}`);
    }
  }

  /** Output of a step that did not end with a newline. */
  private flush(digest: string, v: VertexState): void {
    const rest = this.partial.get(digest);
    if (rest) this.onLine(`#${v.number} ${rest}`);
    this.partial.delete(digest);
  }
}
