/**
 * The docker CLI's context store, read-only: `contexts/meta/<sha256(name)>/meta.json` holds a context's docker
 * endpoint (`Host`, `SkipTLSVerify`), `contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem` its TLS material.
 */
import { lazyCrypto } from './lazy-builtin.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';

export interface ContextEndpoint {
  host: string;
  skipTlsVerify: boolean;
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

const contextDirName = (name: string) => lazyCrypto().createHash('sha256').update(name).digest('hex');

function readOptional(path: string): Buffer | undefined {
  try { return readFileSync(path); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function readContextEndpoint(configDir: string, name: string): ContextEndpoint {
  const id = contextDirName(name);
  const metaPath = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as typeof meta;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`context "${name}" does not exist (no ${metaPath}); \`docker context ls\` lists the contexts of ${configDir}`);
    }
    throw new UsageError(`context "${name}": cannot read ${metaPath}: ${(err as Error).message}`);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) throw new UsageError(`context "${name}" has no docker endpoint (${metaPath})`);
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  return {
    host: docker.Host,
    skipTlsVerify: Boolean(docker.SkipTLSVerify),
    tls: { ca: readOptional(join(tlsDir, 'ca.pem')), cert: readOptional(join(tlsDir, 'cert.pem')), key: readOptional(join(tlsDir, 'key.pem')) },
  };
}
