/**
 * The docker CLI's configuration directory (DOCKER_CONFIG, else ~/.docker) and its config.json: the current
 * context and the registry credentials. Read as the docker CLI reads them, so a `docker login` or a
 * `docker context use` applies to tcompose too.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors/index.js';

export interface DockerConfigFile {
  /** Where it was read from (for messages). */
  path: string;
  currentContext?: string;
  auths: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

type Env = Record<string, string | undefined>;

export function dockerConfigDir(env: Env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

/** config.json of the config directory; absent means empty, as for the docker CLI. */
export function readDockerConfig(dir: string): DockerConfigFile {
  const path = join(dir, 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, auths: {}, credHelpers: {} };
    throw new UsageError(`cannot read the docker configuration ${path}: ${(err as Error).message}`);
  }
  let raw: Record<string, unknown>;
  try {
    raw = text.trim() ? JSON.parse(text) as Record<string, unknown> : {};
  } catch (err) {
    throw new UsageError(`the docker configuration ${path} is not valid JSON (${(err as Error).message}); fix or remove it (DOCKER_CONFIG names another directory)`);
  }
  const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, never> : {});
  return {
    path,
    currentContext: typeof raw.currentContext === 'string' && raw.currentContext ? raw.currentContext : undefined,
    auths: asRecord(raw.auths),
    credsStore: typeof raw.credsStore === 'string' && raw.credsStore ? raw.credsStore : undefined,
    credHelpers: asRecord(raw.credHelpers),
  };
}
