/**
 * A Dockerode for a resolved connection (connection.ts), and one promise-returning `dial` for the calls
 * dockerode's own methods do not shape the way the engine needs (hijacked streams, logs as a stream, BuildKit).
 * docker-modem reads DOCKER_HOST & co itself when constructed; tcompose has already decided where the engine is,
 * so the modem is built with those variables out of sight.
 */
import Dockerode from 'dockerode';
import DockerModem from 'docker-modem';
import { Agent as HttpAgent } from 'node:http';
import { setMaxListeners } from 'node:events';
import type { ConnectionOptions } from './connection.js';
import { sshAgent } from './ssh-dial.js';
import { lazyHttps } from './lazy-builtin.js';

const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];

/**
 * Keep-alive for a unix socket without what only TCP needs: no TLS server name to work out for each new
 * connection (an IP-address check that showed up in no-op profiles) and no TCP keep-alive probes.
 */
class UnixSocketAgent extends HttpAgent {
  constructor(keepAlive: boolean) { super({ keepAlive, servername: '' } as ConstructorParameters<typeof HttpAgent>[0]); }
  override keepSocketAlive(socket: import('node:net').Socket): boolean { socket.unref(); return true; }
}

/** A new agent for the transport: the modem's shared one, and a private one per hijacked call (see `dial`). */
function agentFactory(c: ConnectionOptions): (keepAlive: boolean) => HttpAgent {
  const t = c.transport;
  switch (t.kind) {
    case 'unix': return (keepAlive) => new UnixSocketAgent(keepAlive);
    case 'ssh': return () => sshAgent(t);
    case 'tcp': return t.tls
      ? (keepAlive) => new (lazyHttps().Agent)({ keepAlive, ca: t.tls!.ca, cert: t.tls!.cert, key: t.tls!.key, rejectUnauthorized: t.tls!.verify })
      : (keepAlive) => new HttpAgent({ keepAlive });
  }
}

function modemOptions(c: ConnectionOptions): DockerModem.ConstructorOptions {
  const t = c.transport;
  switch (t.kind) {
    case 'unix': return { socketPath: t.socketPath, host: undefined, port: undefined, protocol: 'http', agent: agentFactory(c)(true) } as DockerModem.ConstructorOptions;
    case 'ssh': return { host: 'docker', port: undefined, socketPath: undefined, protocol: 'http', agent: agentFactory(c)(true) } as DockerModem.ConstructorOptions;
    case 'tcp': return { host: t.host, port: t.port, socketPath: undefined, protocol: t.tls ? 'https' : 'http', agent: agentFactory(c)(true) } as DockerModem.ConstructorOptions;
  }
}

const hijackAgents = new WeakMap<Dockerode, () => HttpAgent>();

export function dockerodeFor(connection: ConnectionOptions): Dockerode {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const [k] of saved) delete process.env[k];
  let modem: DockerModem;
  try {
    modem = new DockerModem(modemOptions(connection));
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
  if (connection.trace) traceDials(modem, connection.trace);
  const docker = new Dockerode({ modem } as Dockerode.DockerOptions);
  const factory = agentFactory(connection);
  hijackAgents.set(docker, () => factory(false));
  return docker;
}

/** TCOMPOSE_TRACE_ENGINE: one line per call with its time, whatever dockerode method made it. */
function traceDials(modem: DockerModem, trace: (line: string) => void): void {
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const started = performance.now();
    dial(options, (err, data) => {
      const status = err ? (err as { statusCode?: number }).statusCode ?? (err as NodeJS.ErrnoException).code : options.hijack ? 'hijacked' : 'ok';
      trace(`${options.method} ${options.path.replace(/\?$/, '')} → ${status} in ${(performance.now() - started).toFixed(1)} ms`);
      callback?.(err, data);
    });
  };
}

export interface DialRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: NodeJS.ReadableStream | Buffer;
  headers?: Record<string, string | string[]>;
  /** Status codes that are answers, not failures (others become errors with the engine's message). */
  ok?: number[];
  stream?: boolean;
  hijack?: boolean;
  signal?: AbortSignal;
}

/** Query values the engine reads: undefined is left out (an empty `since=` is a value to it). */
export function definedOnly(query: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== undefined));
}

/** One Engine API call through dockerode's modem. */
export function dial<T>(docker: Dockerode, request: DialRequest): Promise<T> {
  const statusCodes: Record<number, boolean> = { 200: true, 201: true, 204: true, 101: true };
  for (const code of request.ok ?? []) statusCodes[code] = true;
  const query = definedOnly(request.query);
  // Many calls share one cancelling signal (see docker-engine.ts): not a listener leak.
  if (request.signal) setMaxListeners(0, request.signal);
  // A refused upgrade (409: the container stopped) leaves node's connection busy and open, which would keep the
  // CLI alive: a hijacked call gets an agent of its own, destroyed when the call fails.
  const modem = docker.modem as DockerModem & { agent?: HttpAgent };
  const ownAgent = request.hijack ? hijackAgents.get(docker)?.() : undefined;
  const sharedAgent = modem.agent;
  if (ownAgent) modem.agent = ownAgent;
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial({
      // docker-modem appends the query only to a path that ends in `?`.
      path: Object.keys(query).length ? `${request.path}?` : request.path,
      method: request.method,
      options: { _query: query, _body: request.body ?? {} },
      headers: request.headers ?? {},
      file: request.file,
      isStream: request.stream ?? false,
      hijack: request.hijack,
      // The request is ended (its headers sent) before the upgrade; after it the socket is the caller's.
      openStdin: false,
      abortSignal: request.signal,
      statusCodes,
    } as DockerModem.DialOptions, (err, data) => {
      if (err) { ownAgent?.destroy(); reject(err); } else resolve(data as T);
    });
    // The modem takes its agent synchronously: the shared one is back for every other call.
    if (ownAgent) modem.agent = sharedAgent;
  });
}
