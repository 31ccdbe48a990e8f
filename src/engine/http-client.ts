/**
 * The Engine API over HTTP (a unix socket, or TCP with optional TLS), with nothing else loaded: node:http and
 * JSON. A client library would cost a CLI run more start-up time than the engine calls of a no-op `up`.
 */
import { request as httpRequest, Agent, type IncomingMessage, type RequestOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setMaxListeners } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { ConnectionOptions } from './connection.js';

/** A non-2xx answer: the status and the engine's own message (`{"message": "…"}`). */
export class EngineHttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly json?: { message?: string }) {
    super(message);
    this.name = 'EngineHttpError';
  }
}

export type Query = Record<string, string | number | boolean | object | undefined>;

export interface CallOptions {
  query?: Query;
  /** JSON body, or a raw one (a tar stream or buffer) with its content type. */
  body?: unknown;
  raw?: { data: Readable | Buffer; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Statuses that are not failures besides 2xx (304 for start/stop of a container already so). */
  accept?: number[];
}

/** Engine query strings: objects and arrays travel as JSON, booleans as `true`/`false`, undefined is left out. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class EngineHttp {
  private readonly agent?: Agent;
  private readonly https: boolean;

  constructor(private readonly connection: ConnectionOptions) {
    this.https = connection.protocol === 'https';
    // TCP: keep-alive (idle sockets are unref'd and never hold the process open). A unix socket connects in
    // microseconds and goes around the agent, whose host-name checks cost a short run more than they save.
    if (!this.https && !connection.socketPath) this.agent = new Agent({ keepAlive: true });
  }

  /** JSON in, JSON out (undefined for an empty body). */
  async json<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    const text = await readBody(res);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The response body as a stream (logs, events, progress, archives); failures are thrown before it is returned. */
  stream(method: string, path: string, options: CallOptions = {}): Promise<IncomingMessage> {
    return this.send(method, path, options);
  }

  /**
   * Take over the connection (attach, exec start): the engine answers 101 and the socket then carries the
   * container's streams both ways.
   */
  async hijack(method: string, path: string, options: CallOptions = {}): Promise<Socket> {
    const req = await this.open(method, path, { ...options, headers: { ...options.headers, Connection: 'Upgrade', Upgrade: 'tcp' } });
    return new Promise<Socket>((resolve, reject) => {
      req.on('upgrade', (_res, socket, head) => {
        this.connection.trace?.(`${method} ${path} → 101 (hijacked)`);
        if (head.length) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => {
        // Engines that do not upgrade answer an error, or stream on the plain response.
        // A refused upgrade leaves the connection open (the request asked for `Connection: Upgrade`, not
        // `close`), and an open socket keeps the CLI from exiting: close it once the message is read.
        const socket = res.socket;
        if ((res.statusCode ?? 500) >= 400) void failure(res.statusCode ?? 500, res).finally(() => socket.destroy()).then(reject, reject);
        else resolve(res as unknown as Socket);
      });
      req.on('error', reject);
      this.writeBody(req, options);
    });
  }

  /**
   * A long body over HTTP/1.0 on a raw socket: the engine then sends it as it is, without chunked encoding, and
   * closes the connection at its end. For logs, where the engine flushes one chunk per line, this is the
   * difference between one event per line and one per socket read. Falls back to `stream` over TLS.
   */
  async rawBody(method: string, path: string, options: { query?: Query; signal?: AbortSignal } = {}): Promise<Readable> {
    const c = this.connection;
    if (this.https) return this.stream(method, path, options);
    const socket = c.socketPath ? connect(c.socketPath) : connect(c.port!, c.host);
    const abort = () => socket.destroy();
    options.signal?.addEventListener('abort', abort, { once: true });
    socket.on('close', () => options.signal?.removeEventListener('abort', abort));
    socket.write(`${method} ${path}${queryString(options.query)} HTTP/1.0\r\nHost: docker\r\n\r\n`);
    const started = performance.now();
    const { status, rest } = await readHead(socket);
    c.trace?.(`${method} ${path} (raw) → ${status} in ${(performance.now() - started).toFixed(1)} ms`);
    const body = new PassThrough();
    if (rest.length) body.write(rest);
    socket.on('error', (err) => body.destroy(err));
    body.on('close', () => socket.destroy());
    socket.pipe(body);
    if (status >= 300) throw await failure(status, body);
    return body;
  }

  private async send(method: string, path: string, options: CallOptions): Promise<IncomingMessage> {
    const started = performance.now();
    const req = await this.open(method, path, options);
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
      this.writeBody(req, options);
    });
    const status = res.statusCode ?? 500;
    this.connection.trace?.(`${method} ${path} → ${status} in ${(performance.now() - started).toFixed(1)} ms`);
    if (status >= 300 && !options.accept?.includes(status)) throw await failure(status, res);
    return res;
  }

  private async open(method: string, path: string, options: CallOptions) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.raw) headers['Content-Type'] = options.raw.contentType;
    else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    // One signal cancels every call in flight (an `up` of 100 services, `logs` of 20): that many listeners is normal.
    if (options.signal) setMaxListeners(0, options.signal);
    const c = this.connection;
    const target: RequestOptions = {
      method, path: path + queryString(options.query), headers, signal: options.signal,
      ...(c.socketPath ? {} : { host: c.host, port: c.port }),
    };
    if (this.https) {
      const { request } = await import('node:https');
      return request({ ...target, ca: c.ca, cert: c.cert, key: c.key });
    }
    const socketPath = c.socketPath;
    return httpRequest(socketPath ? { ...target, createConnection: () => connect(socketPath) } : { ...target, agent: this.agent });
  }

  private writeBody(req: import('node:http').ClientRequest, options: CallOptions): void {
    if (options.raw) {
      const data = options.raw.data;
      if (Buffer.isBuffer(data)) req.end(data);
      else data.on('error', (err) => req.destroy(err)).pipe(req);
    } else if (options.body !== undefined) {
      req.end(JSON.stringify(options.body));
    } else {
      req.end();
    }
  }
}

/** The status line and headers of a raw response; whatever came after them is handed back. */
function readHead(socket: Socket): Promise<{ status: number; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onClose = () => reject(new Error('the engine closed the connection before answering'));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', reject);
      socket.off('close', onClose);
      socket.pause();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? 500);
      resolve({ status, rest: head.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('close', onClose);
  });
}

function readBody(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (c: Buffer) => chunks.push(c));
    body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.on('error', reject);
  });
}

/** The engine's answer to a failed call: its `{"message": …}`, or the body as text. */
async function failure(status: number, body: Readable): Promise<EngineHttpError> {
  const text = await readBody(body).catch(() => '');
  let json: { message?: string } | undefined;
  try { json = JSON.parse(text) as { message?: string }; } catch { /* plain text */ }
  return new EngineHttpError(status, json?.message ?? (text.trim() || `HTTP ${status}`), json);
}
