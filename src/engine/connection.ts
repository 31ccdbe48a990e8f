/** Where the engine is: DOCKER_HOST (unix://, tcp://, with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) or the default socket. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ConnectionOptions {
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  ca?: Buffer; cert?: Buffer; key?: Buffer;
  endpoint: string;
  /** Set for plain-TCP connections without TLS: anyone on the network can drive the engine. */
  insecureWarning?: string;
  /** TCOMPOSE_TRACE_ENGINE=1: one line per engine call (method, path, status, time) on stderr. */
  trace?: (line: string) => void;
}

export function connectionFromEnv(env: Record<string, string | undefined>): ConnectionOptions {
  const trace = env.TCOMPOSE_TRACE_ENGINE ? (line: string) => process.stderr.write(`engine: ${line}\n`) : undefined;
  return { ...endpointFromEnv(env), ...(trace ? { trace } : {}) };
}

function endpointFromEnv(env: Record<string, string | undefined>): ConnectionOptions {
  const dockerHost = env.DOCKER_HOST?.trim();
  if (!dockerHost) return { socketPath: '/var/run/docker.sock', endpoint: 'unix:///var/run/docker.sock' };
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length), endpoint: dockerHost };
  if (dockerHost.startsWith('tcp://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    const tls = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
    const certPath = env.DOCKER_CERT_PATH;
    const port = Number(url.port || (tls ? 2376 : 2375));
    if (tls && certPath) {
      return {
        host: url.hostname, port, protocol: 'https', endpoint: dockerHost,
        ca: readFileSync(join(certPath, 'ca.pem')), cert: readFileSync(join(certPath, 'cert.pem')), key: readFileSync(join(certPath, 'key.pem')),
      };
    }
    return {
      host: url.hostname, port, protocol: 'http', endpoint: dockerHost,
      insecureWarning: `DOCKER_HOST=${dockerHost} uses plain TCP without TLS: anyone who can reach that port controls the engine. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH.`,
    };
  }
  return { socketPath: dockerHost, endpoint: dockerHost };
}
