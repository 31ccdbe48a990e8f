/**
 * Where the engine is, decided as the docker CLI decides it: `--context` or `--host` (not both), then
 * DOCKER_HOST (the default context), then DOCKER_CONTEXT, then `currentContext` of the config file, else the
 * default context (`unix:///var/run/docker.sock`, or `tcp://localhost:2376` when TLS is asked for).
 * TLS for the default context comes from `--tls*`, DOCKER_TLS, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH
 * (which defaults to the config directory); a named context carries its own TLS material.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';
import { dockerConfigDir, readDockerConfig } from './docker-config.js';
import { readContextEndpoint } from './docker-contexts.js';

export interface TlsMaterial { ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean }

export type Transport =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsMaterial }
  | { kind: 'ssh'; user?: string; host: string; port?: number; socketPath?: string };

export interface ConnectionOptions {
  transport: Transport;
  /** The engine's address as given (`unix:///var/run/docker.sock`, `ssh://me@host`), for messages. */
  endpoint: string;
  /** The docker context in use: `default` unless a named one was chosen. */
  context: string;
  /** How the engine was chosen, for `version` and `--verbose` (`DOCKER_HOST`, `--context`, `config.json`…). */
  chosenBy: string;
  /** The docker configuration directory (credentials, contexts). */
  configDir: string;
  /** Set for plain-TCP connections without TLS: anyone on the network can drive the engine. */
  insecureWarning?: string;
  /** TCOMPOSE_TRACE_ENGINE=1: one line per engine call (method, path, status, time) on stderr. */
  trace?: (line: string) => void;
}

/** The docker CLI's connection flags (`-H`, `--context`, `--tls*`, `--config`), as tcompose accepts them too. */
export interface ConnectionFlags {
  hosts?: string[];
  context?: string;
  tls?: boolean;
  tlsVerify?: boolean;
  tlsCaCert?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** `docker --config DIR` (plugin mode): the config directory, over DOCKER_CONFIG. */
  configDir?: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_UNIX_HOST = 'unix:///var/run/docker.sock';

export function connectionFromEnv(env: Env): ConnectionOptions {
  return resolveConnection({}, env);
}

export function resolveConnection(flags: ConnectionFlags, env: Env): ConnectionOptions {
  if (flags.context && flags.hosts?.length) throw new UsageError('conflicting options: either specify --host or --context, not both');
  if ((flags.hosts?.length ?? 0) > 1) throw new UsageError(`specify only one --host (given: ${flags.hosts!.join(', ')})`);
  const configDir = flags.configDir || dockerConfigDir(env);
  const trace = env.TCOMPOSE_TRACE_ENGINE ? (line: string) => process.stderr.write(`engine: ${line}\n`) : undefined;
  const chosen = chooseContext(flags, env, configDir);
  const base = { configDir, context: chosen.name, chosenBy: chosen.by, ...(trace ? { trace } : {}) };
  if (chosen.name === 'default') {
    const tls = defaultTls(flags, env, configDir);
    const host = flags.hosts?.[0] || env.DOCKER_HOST?.trim() || (tls ? 'tcp://localhost:2376' : DEFAULT_UNIX_HOST);
    return { ...base, ...endpointFor(host, tls) };
  }
  const endpoint = readContextEndpoint(configDir, chosen.name);
  const hasTls = endpoint.tls.ca || endpoint.tls.cert || endpoint.tls.key || endpoint.skipTlsVerify;
  return { ...base, ...endpointFor(endpoint.host, hasTls ? { ...endpoint.tls, verify: !endpoint.skipTlsVerify } : undefined) };
}

function chooseContext(flags: ConnectionFlags, env: Env, configDir: string): { name: string; by: string } {
  if (flags.context) return { name: flags.context, by: '--context' };
  if (flags.hosts?.length) return { name: 'default', by: '--host' };
  if (env.DOCKER_HOST?.trim()) return { name: 'default', by: 'DOCKER_HOST' };
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, by: 'DOCKER_CONTEXT' };
  const config = readDockerConfig(configDir);
  if (config.currentContext) return { name: config.currentContext, by: `currentContext in ${config.path}` };
  return { name: 'default', by: 'default' };
}

/** TLS for the default context: on with --tls/DOCKER_TLS, verified with --tlsverify/DOCKER_TLS_VERIFY (any non-empty value). */
function defaultTls(flags: ConnectionFlags, env: Env, configDir: string): TlsMaterial | undefined {
  const verify = flags.tlsVerify ?? Boolean(env.DOCKER_TLS_VERIFY);
  if (!(flags.tls || Boolean(env.DOCKER_TLS) || verify)) return undefined;
  const certDir = env.DOCKER_CERT_PATH || configDir;
  const read = (given: string | undefined, file: string, required: boolean) => {
    const path = given || join(certDir, file);
    try { return readFileSync(path); } catch (err) {
      if (!required && !given && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new UsageError(`TLS is on (${verify ? 'DOCKER_TLS_VERIFY/--tlsverify' : 'DOCKER_TLS/--tls'}) but ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ` +
        'set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem, or name the files with --tlscacert, --tlscert and --tlskey');
    }
  };
  return { verify, ca: read(flags.tlsCaCert, 'ca.pem', verify), cert: read(flags.tlsCert, 'cert.pem', false), key: read(flags.tlsKey, 'key.pem', false) };
}

/** Parse an engine address as the docker CLI does: unix://, tcp:// (or a bare host:port), ssh://; a bare path is a socket. */
export function endpointFor(host: string, tls?: TlsMaterial): { transport: Transport; endpoint: string; insecureWarning?: string } {
  if (host.startsWith('/')) return { transport: { kind: 'unix', socketPath: host }, endpoint: `unix://${host}` };
  const address = host.includes('://') ? host : `tcp://${host}`;
  const scheme = address.slice(0, address.indexOf('://'));
  if (scheme === 'unix') {
    const socketPath = address.slice('unix://'.length) || '/var/run/docker.sock';
    return { transport: { kind: 'unix', socketPath }, endpoint: `unix://${socketPath}` };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const url = parseUrl(address.replace(/^\w+:/, 'http:'), host);
    const useTls = tls ?? (scheme === 'https' ? { verify: true } : undefined);
    const port = Number(url.port || (useTls ? 2376 : 2375));
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
    if (useTls) return { transport: { kind: 'tcp', host: hostname, port, tls: useTls }, endpoint: host };
    return {
      transport: { kind: 'tcp', host: hostname, port }, endpoint: host,
      insecureWarning: `the engine at ${host} is reached over plain TCP without TLS: anyone who can reach that port controls the engine. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or use ssh://.`,
    };
  }
  if (scheme === 'ssh') {
    const url = parseUrl(address, host);
    if (!url.hostname) throw new UsageError(`invalid engine address ${host}: ssh://[user@]host[:port][/socket-path] expected`);
    if (url.password) throw new UsageError(`invalid engine address ${host}: a password in an ssh:// address is not supported (use a key or an ssh agent)`);
    const socketPath = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
    return {
      transport: { kind: 'ssh', host: url.hostname, ...(url.username ? { user: decodeURIComponent(url.username) } : {}), ...(url.port ? { port: Number(url.port) } : {}), ...(socketPath ? { socketPath } : {}) },
      endpoint: host,
    };
  }
  throw new UsageError(`unsupported engine address ${host}: tcompose reaches engines over unix://, tcp:// and ssh://`);
}

function parseUrl(address: string, given: string): URL {
  try { return new URL(address); } catch {
    throw new UsageError(`invalid engine address ${given}: expected unix:///path, tcp://host:port or ssh://[user@]host[:port]`);
  }
}

/** One line for `version` and `--verbose`: which engine, which context, and why. */
export function describeConnection(c: Pick<ConnectionOptions, 'endpoint' | 'context' | 'chosenBy'>): string {
  return `engine ${c.endpoint} (context "${c.context}", chosen by ${c.chosenBy})`;
}
