/**
 * POST /build. BuildKit (`version=2`, with a session for credentials, secrets and ssh) unless the caller asks
 * for the legacy builder or the engine has no BuildKit; the legacy builder gets every stored registry
 * credential in X-Registry-Config.
 */
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { BuildOptions } from './engine.js';
import { dial } from './dockerode-client.js';
import { followLines, followProgress } from './progress.js';
import { registryAuthHeader, type CredentialStore } from './registry-auth.js';
import { BuildkitProgress } from './buildkit-status.js';
import { EngineError } from '../errors/index.js';

/** The engine reads an empty query parameter as a value (`extrahosts=` fails), so unset options are dropped. */
function dropEmpty<T extends Record<string, unknown>>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))) as T;
}

export function buildQuery(options: BuildOptions): Record<string, unknown> {
  return dropEmpty({
    t: options.tag, dockerfile: options.dockerfile, buildargs: options.buildArgs, target: options.target || undefined,
    labels: options.labels, networkmode: options.networkMode, extrahosts: options.extraHosts, shmsize: options.shmSize,
    nocache: options.noCache, pull: options.pull ? 'true' : undefined, rm: true, forcerm: true,
    cachefrom: options.cacheFrom?.length ? JSON.stringify(options.cacheFrom) : undefined,
  });
}

/** BuildKit needs a Linux engine with API 1.39 (sessions); what cannot build without it is refused, not dropped. */
export function engineHasBuildkit(version: { Os?: string; ApiVersion?: string }): boolean {
  const [major = 0, minor = 0] = (version.ApiVersion ?? '0').split('.').map(Number);
  return version.Os === 'linux' && (major > 1 || (major === 1 && minor >= 39));
}

/** Build; the image ID when the engine reported one. */
export async function buildImage(docker: Dockerode, credentials: CredentialStore, context: Readable, options: BuildOptions, onLine?: (line: string) => void, signal?: AbortSignal, hasBuildkit = true): Promise<string | undefined> {
  const needsBuildkit = Object.keys(options.secrets ?? {}).length > 0 || Object.keys(options.ssh ?? {}).length > 0;
  if (options.builder === 'legacy' || !hasBuildkit) {
    if (needsBuildkit) {
      throw new EngineError('bad-request', options.builder === 'legacy'
        ? 'the classic builder doesn\'t support secrets or SSH keys: unset DOCKER_BUILDKIT=0 to build with BuildKit'
        : 'this engine has no BuildKit, which secrets and SSH keys need');
    }
    return legacyBuild(docker, credentials, context, options, onLine, signal);
  }
  return buildkitBuild(docker, credentials, context, options, onLine, signal);
}

async function legacyBuild(docker: Dockerode, credentials: CredentialStore, context: Readable, options: BuildOptions, onLine?: (line: string) => void, signal?: AbortSignal): Promise<string | undefined> {
  const registries = await credentials.all();
  const stream = await dial<NodeJS.ReadableStream>(docker, {
    method: 'POST', path: '/build', query: { ...buildQuery(options), ...(options.memory ? { memory: options.memory } : {}) }, file: context, stream: true, signal,
    headers: { 'Content-Type': 'application/x-tar', ...(Object.keys(registries).length ? { 'X-Registry-Config': registryAuthHeader(registries) } : {}) },
  });
  return (await followLines(docker, stream, onLine)).imageId;
}

async function buildkitBuild(docker: Dockerode, credentials: CredentialStore, context: Readable, options: BuildOptions, onLine?: (line: string) => void, signal?: AbortSignal): Promise<string | undefined> {
  const { openSession } = await import('./buildkit-session.js');
  const session = await openSession(docker, { credentials, secrets: options.secrets ?? {}, ssh: options.ssh ?? {} }, options.tag);
  const progress = new BuildkitProgress((line) => onLine?.(line));
  let imageId: string | undefined;
  try {
    const stream = await dial<NodeJS.ReadableStream>(docker, {
      method: 'POST', path: '/build', query: { ...buildQuery(options), version: '2', session: session.id }, file: context, stream: true, signal,
      headers: { 'Content-Type': 'application/x-tar' },
    });
    await followProgress(docker, stream, (msg) => {
      if (msg.id === 'moby.buildkit.trace' && typeof msg.aux === 'string') progress.trace(msg.aux);
      else if (msg.id === 'moby.image.id' && msg.aux?.ID) imageId = msg.aux.ID;
      else if (msg.stream?.trim()) onLine?.(msg.stream.replace(/\n$/, ''));
    });
  } catch (err) {
    // The engine's summary names the failed step's command; BuildKit's own error says why.
    if (progress.error && err instanceof EngineError && !err.message.includes(progress.error)) throw new EngineError(err.kind, `${err.message}: ${progress.error}`, { cause: err });
    throw err;
  } finally {
    session.close();
  }
  return imageId;
}
