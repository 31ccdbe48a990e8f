/** POST /build: the legacy builder's query, with every stored registry credential in X-Registry-Config. */
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { BuildOptions } from './engine.js';
import { dial } from './dockerode-client.js';
import { followLines } from './progress.js';
import { registryAuthHeader, type CredentialStore } from './registry-auth.js';

/** The engine reads an empty query parameter as a value (`extrahosts=` fails), so unset options are dropped. */
function dropEmpty<T extends Record<string, unknown>>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function legacyBuildQuery(options: BuildOptions): Record<string, unknown> {
  return dropEmpty({
    t: options.tag, dockerfile: options.dockerfile, buildargs: options.buildArgs, target: options.target || undefined,
    labels: options.labels, networkmode: options.networkMode, extrahosts: options.extraHosts, shmsize: options.shmSize,
    nocache: options.noCache, pull: options.pull ? 'true' : undefined, rm: true, forcerm: true,
  });
}

/** Build; the image ID when the engine reported one. */
export async function buildImage(docker: Dockerode, credentials: CredentialStore, context: Readable, options: BuildOptions, onLine?: (line: string) => void, signal?: AbortSignal): Promise<string | undefined> {
  const registries = await credentials.all();
  const stream = await dial<NodeJS.ReadableStream>(docker, {
    method: 'POST', path: '/build', query: legacyBuildQuery(options), file: context, stream: true, signal,
    headers: { 'Content-Type': 'application/x-tar', ...(Object.keys(registries).length ? { 'X-Registry-Config': registryAuthHeader(registries) } : {}) },
  });
  return (await followLines(docker, stream, onLine)).imageId;
}
