import { EngineError, type EngineErrorKind } from '../errors/index.js';

const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ESSH', 'EPROTO', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN']);

/**
 * docker-modem words a failed call as `(HTTP code 404) no such container - No such container: abc `; the
 * engine's own message is the part after the first ` - `.
 */
export function daemonMessageOf(err: { json?: unknown; message?: string }): string {
  const json = err.json as { message?: string } | null | undefined;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  const text = err.message ?? '';
  const m = /^\(HTTP code \d+\) .*? - ([\s\S]*)$/.exec(text);
  return (m ? m[1]! : text).trim();
}

/** Engine wordings (20.10 … 27) for conditions a plan node has a policy for. */
const NETWORK_IN_USE = /active endpoints/i;
const STALE_TASK = /task .* already exists|id already in use/i;

const ENGINE_GOING_AWAY = /transport is closing|client connection is closing|connection is shut ?down|error reading from server: EOF/i;

/** Classify a failed Engine API call once, by status code, and name what was being done. */
export function toEngineError(err: unknown, action: string, endpoint: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = err as { statusCode?: number; code?: string; json?: { message?: string }; message?: string; name?: string };
  if (e?.name === 'AbortError') return new EngineError('unknown', `${action}: cancelled`, { cause: err });
  const status = e?.statusCode;
  const kind: EngineErrorKind =
    status === 404 ? 'not-found'
    : status === 409 ? 'conflict'
    : status === 304 ? 'not-modified'
    : status === 400 ? 'bad-request'
    : e?.code && SOCKET_ERRORS.has(e.code) ? 'unavailable'
    : 'unknown';
  if (kind === 'unavailable' && (e.code === 'ESSH' || e.code?.includes('CERT') || e.code === 'EPROTO')) {
    return new EngineError(kind, `${action}: cannot reach the Docker engine at ${endpoint}: ${e.message}`, { cause: err });
  }
  if (kind === 'unavailable') {
    return new EngineError(kind, `${action}: cannot reach the Docker engine at ${endpoint} (${e.code}). ` +
      'Is dockerd running? Start one with `bash scripts/engine.sh` (or `sudo systemctl start docker`), or point DOCKER_HOST at a running engine.', { cause: err });
  }
  const daemonMessage = e ? daemonMessageOf(e) : String(err);
  // The engine says these while it shuts down or loses containerd: the engine, not the request, is the problem.
  if (ENGINE_GOING_AWAY.test(daemonMessage)) {
    return new EngineError('unavailable', `${action}: ${daemonMessage}. The Docker engine at ${endpoint} is stopping or lost its containerd connection; once it is back, run the same command again: it converges from whatever was created.`, { cause: err, statusCode: status });
  }
  const refined: EngineErrorKind = NETWORK_IN_USE.test(daemonMessage) ? 'in-use' : STALE_TASK.test(daemonMessage) ? 'stale-task' : kind;
  return new EngineError(refined, `${action}: ${daemonMessage}`, { cause: err, statusCode: status });
}
