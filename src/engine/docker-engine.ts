/**
 * The Engine over dockerode. Every call is wrapped so failures come out as EngineError naming the action and the
 * resource; no dockerode type leaves this file's public methods (engine.ts holds tcompose's own types).
 */
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { setMaxListeners } from 'node:events';
import { demuxStream } from './demux.js';
import type {
  BuildOptions, ContainerCreateBody, ContainerInspect, ContainerSummary, EndpointConfig, Engine, EngineEvent,
  ExecOptions, ImageSummary, LayerProgress, LogOptions, NetworkCreateBody, NetworkSummary, VolumeCreateBody, VolumeSummary,
} from './engine.js';
import { describeConnection, resolveConnection, type ConnectionFlags, type ConnectionOptions } from './connection.js';
import { toEngineError } from './engine-errors.js';
import { EngineError } from '../errors/index.js';
import { dial, dockerodeFor } from './dockerode-client.js';
import { followLines, messages } from './progress.js';
import { splitImageReference } from '../model/names.js';
import { credentialStore, registryAuthHeader, type CredentialStore } from './registry-auth.js';
import { readDockerConfig } from './docker-config.js';
import { toContainerSummary, toNetworkSummary, toVolumeSummary, type RawContainerSummary, type RawNetwork, type RawVolume } from './raw-types.js';
import { buildImage, engineHasBuildkit } from './build-request.js';

type Filters = Record<string, string[]>;

function labelFilters(labels?: string[]): Filters {
  return labels && labels.length ? { label: labels } : {};
}

/**
 * One signal cancels every call in flight (an `up` of 100 services, `logs` of 20): that many listeners on it
 * is the design, not a leak, so node's warning after 10 is turned off for it.
 */
function unbounded(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal) setMaxListeners(0, signal);
  return signal;
}

/** 304 answers to start/stop mean "already so": not failures. */
function alreadySo(err: unknown): void {
  if ((err as { statusCode?: number }).statusCode !== 304) throw err;
}

export interface DockerEngineOptions {
  /** Where the engine is; resolved from the environment when absent. */
  connection?: ConnectionOptions;
  /** A Dockerode of the caller's own (library use); the connection then only names it in messages. */
  docker?: Dockerode;
  /** Registry credentials; the docker config's when absent. */
  credentials?: CredentialStore;
}

export class DockerEngine implements Engine {
  readonly endpoint: string;
  readonly context: string;
  readonly description: string;
  readonly insecureWarning?: string;
  readonly localSocket?: string;
  readonly connection: ConnectionOptions;
  private readonly docker: Dockerode;
  readonly credentials: CredentialStore;
  private hasBuildkit?: Promise<boolean>;

  constructor(options: DockerEngineOptions = {}) {
    const connection = options.connection ?? resolveConnection({}, process.env);
    this.connection = connection;
    this.endpoint = options.docker ? 'the Dockerode instance given' : connection.endpoint;
    this.context = connection.context;
    this.description = options.docker ? 'engine: a Dockerode instance given by the caller' : describeConnection(connection);
    this.insecureWarning = options.docker ? undefined : connection.insecureWarning;
    if (!options.docker && connection.transport.kind === 'unix') this.localSocket = connection.transport.socketPath;
    this.docker = options.docker ?? dockerodeFor(connection);
    this.credentials = options.credentials ?? credentialStore(() => readDockerConfig(connection.configDir));
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toEngineError(err, action, this.endpoint);
    }
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.call('connect to the engine', async () => { await this.docker.ping({ abortSignal: unbounded(signal) } as object as never); });
  }

  version() {
    return this.call('read the engine version', async () => {
      const v = await this.docker.version();
      return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
    });
  }

  listContainers(filter: { labels?: string[]; all?: boolean; names?: string[] }, signal?: AbortSignal): Promise<ContainerSummary[]> {
    return this.call('list containers', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.names?.length) filters.name = filter.names;
      const list = await this.docker.listContainers({ all: filter.all ?? true, filters, abortSignal: unbounded(signal) } as Dockerode.ContainerListOptions) as unknown as RawContainerSummary[];
      return list.map(toContainerSummary);
    });
  }

  inspectContainer(containerId: string, signal?: AbortSignal): Promise<ContainerInspect> {
    return this.call(`inspect container ${containerId}`, async () => await this.docker.getContainer(containerId).inspect({ abortSignal: unbounded(signal) } as object) as unknown as ContainerInspect);
  }

  createContainer(name: string, body: ContainerCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create container ${name}`, async () =>
      (await this.docker.createContainer({ _query: { name }, _body: body, abortSignal: unbounded(signal) } as unknown as Dockerode.ContainerCreateOptions)).id);
  }

  startContainer(containerId: string, signal?: AbortSignal): Promise<void> {
    return this.call(`start container ${containerId}`, () => this.docker.getContainer(containerId).start({ abortSignal: unbounded(signal) } as object).catch(alreadySo));
  }

  stopContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`stop container ${containerId}`, () => this.docker.getContainer(containerId).stop({ ...(timeoutSec !== undefined ? { t: timeoutSec } : {}), abortSignal: unbounded(signal) } as object).catch(alreadySo));
  }

  restartContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`restart container ${containerId}`, () => this.docker.getContainer(containerId).restart({ ...(timeoutSec !== undefined ? { t: timeoutSec } : {}), abortSignal: unbounded(signal) } as object));
  }

  killContainer(containerId: string, signalName = 'SIGKILL'): Promise<void> {
    return this.call(`kill container ${containerId}`, () => this.docker.getContainer(containerId).kill({ signal: signalName }));
  }

  pauseContainer(containerId: string): Promise<void> {
    return this.call(`pause container ${containerId}`, () => this.docker.getContainer(containerId).pause());
  }

  unpauseContainer(containerId: string): Promise<void> {
    return this.call(`unpause container ${containerId}`, () => this.docker.getContainer(containerId).unpause());
  }

  removeContainer(containerId: string, options: { force?: boolean; volumes?: boolean } = {}, signal?: AbortSignal): Promise<void> {
    return this.call(`remove container ${containerId}`, () => this.docker.getContainer(containerId).remove({ force: options.force ?? false, v: options.volumes ?? false, abortSignal: unbounded(signal) } as object));
  }

  renameContainer(containerId: string, newName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`rename container ${containerId} to ${newName}`, () => this.docker.getContainer(containerId).rename({ name: newName, abortSignal: unbounded(signal) }));
  }

  waitContainer(containerId: string, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running', signal?: AbortSignal): Promise<number> {
    return this.call(`wait for container ${containerId}`, async () =>
      ((await this.docker.getContainer(containerId).wait({ condition, abortSignal: unbounded(signal) } as object)) as { StatusCode: number }).StatusCode);
  }

  containerLogs(containerId: string, options: LogOptions, signal?: AbortSignal): Promise<Readable> {
    return this.call(`read logs of container ${containerId}`, () => dial<Readable>(this.docker, {
      method: 'GET', path: `/containers/${containerId}/logs`, stream: true, signal,
      query: {
        stdout: true, stderr: true, follow: options.follow ?? false, timestamps: options.timestamps ?? false,
        tail: options.tail ?? 'all', since: options.since, until: options.until,
      },
    }));
  }

  attachContainer(containerId: string, options: { stdin?: boolean; logs?: boolean }): Promise<NodeJS.ReadWriteStream> {
    return this.call(`attach to container ${containerId}`, () => dial<NodeJS.ReadWriteStream>(this.docker, {
      method: 'POST', path: `/containers/${containerId}/attach`, stream: true, hijack: options.stdin ?? false,
      query: { stream: true, stdin: options.stdin ?? false, stdout: true, stderr: true, logs: options.logs ?? false },
    }));
  }

  resizeContainerTty(containerId: string, rows: number, cols: number): Promise<void> {
    return this.call(`resize tty of ${containerId}`, () => this.docker.getContainer(containerId).resize({ h: rows, w: cols }));
  }

  execContainer(containerId: string, options: ExecOptions) {
    return this.call(`exec in container ${containerId}`, async () => {
      const tty = options.tty ?? false;
      const exec = await this.docker.getContainer(containerId).exec({
        Cmd: options.cmd, Env: options.env, User: options.user, WorkingDir: options.workingDir, Tty: tty,
        Privileged: options.privileged ?? false, AttachStdin: options.attachStdin ?? false,
        AttachStdout: !options.detach, AttachStderr: !options.detach,
      });
      if (options.detach) {
        await dial(this.docker, { method: 'POST', path: `/exec/${exec.id}/start`, body: { Detach: true, Tty: tty } });
        return { execId: exec.id, tty };
      }
      const stream = await dial<NodeJS.ReadWriteStream>(this.docker, { method: 'POST', path: `/exec/${exec.id}/start`, body: { Detach: false, Tty: tty }, stream: true, hijack: true });
      return { execId: exec.id, stream, tty };
    });
  }

  inspectExec(execId: string) {
    return this.call(`inspect exec ${execId}`, async () => {
      const r = await this.docker.getExec(execId).inspect();
      return { exitCode: r.ExitCode ?? null, running: r.Running };
    });
  }

  topContainer(containerId: string, psArgs?: string) {
    return this.call(`list processes of ${containerId}`, async () => {
      const r = await this.docker.getContainer(containerId).top(psArgs ? { ps_args: psArgs } : {}) as { Titles: string[]; Processes: string[][] };
      return { titles: r.Titles, processes: r.Processes };
    });
  }

  putArchive(containerId: string, path: string, tar: Readable | Buffer, signal?: AbortSignal): Promise<void> {
    return this.call(`copy files into ${containerId}:${path}`, async () => {
      await dial(this.docker, { method: 'PUT', path: `/containers/${containerId}/archive`, query: { path }, file: tar, headers: { 'Content-Type': 'application/x-tar' }, signal });
    });
  }

  getArchive(containerId: string, path: string): Promise<Readable> {
    return this.call(`copy files from ${containerId}:${path}`, () => dial<Readable>(this.docker, { method: 'GET', path: `/containers/${containerId}/archive`, query: { path }, stream: true }));
  }

  listNetworks(filter: { labels?: string[]; names?: string[] }, signal?: AbortSignal): Promise<NetworkSummary[]> {
    return this.call('list networks', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.names?.length) filters.name = filter.names;
      const list = await this.docker.listNetworks({ filters, abortSignal: unbounded(signal) } as object) as unknown as RawNetwork[];
      return list.map(toNetworkSummary);
    });
  }

  inspectNetwork(idOrName: string, signal?: AbortSignal) {
    return this.call(`inspect network ${idOrName}`, async () => {
      const n = await this.docker.getNetwork(idOrName).inspect({ abortSignal: unbounded(signal) } as object as never) as unknown as RawNetwork;
      const containers = Object.fromEntries(Object.entries(n.Containers ?? {}).map(([id, c]) => [id, { name: c.Name, ipv4: c.IPv4Address.split('/')[0]! }]));
      return { ...toNetworkSummary(n), containers };
    });
  }

  createNetwork(body: NetworkCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create network ${body.Name}`, async () =>
      (await this.docker.createNetwork({ _query: {}, _body: body, abortSignal: unbounded(signal) } as unknown as Dockerode.NetworkCreateOptions)).id);
  }

  removeNetwork(idOrName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove network ${idOrName}`, () => this.docker.getNetwork(idOrName).remove({ abortSignal: unbounded(signal) }));
  }

  connectNetwork(network: string, containerId: string, endpoint?: EndpointConfig): Promise<void> {
    return this.call(`connect ${containerId} to network ${network}`, () =>
      this.docker.getNetwork(network).connect({ _query: {}, _body: { Container: containerId, EndpointConfig: endpoint } } as object));
  }

  disconnectNetwork(network: string, containerId: string, force = false): Promise<void> {
    return this.call(`disconnect ${containerId} from network ${network}`, () =>
      this.docker.getNetwork(network).disconnect({ _query: {}, _body: { Container: containerId, Force: force } } as object));
  }

  listVolumes(filter: { labels?: string[] }, signal?: AbortSignal): Promise<VolumeSummary[]> {
    return this.call('list volumes', async () => {
      const r = await this.docker.listVolumes({ filters: labelFilters(filter.labels), abortSignal: unbounded(signal) } as object) as { Volumes: RawVolume[] | null };
      return (r.Volumes ?? []).map(toVolumeSummary);
    });
  }

  inspectVolume(name: string, signal?: AbortSignal): Promise<VolumeSummary> {
    return this.call(`inspect volume ${name}`, async () => toVolumeSummary(await this.docker.getVolume(name).inspect({ abortSignal: unbounded(signal) }) as RawVolume));
  }

  createVolume(body: VolumeCreateBody, signal?: AbortSignal): Promise<void> {
    return this.call(`create volume ${body.Name}`, async () => { await this.docker.createVolume({ _query: {}, _body: body, abortSignal: unbounded(signal) } as unknown as Dockerode.VolumeCreateOptions); });
  }

  removeVolume(name: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove volume ${name}`, () => this.docker.getVolume(name).remove({ abortSignal: unbounded(signal) }));
  }

  async imageId(reference: string, signal?: AbortSignal): Promise<string | undefined> {
    return (await this.localImage(reference, signal))?.id;
  }

  async localImage(reference: string, signal?: AbortSignal): Promise<{ id: string; lastTagTime?: string } | undefined> {
    try {
      const i = await this.docker.getImage(reference).inspect({ abortSignal: unbounded(signal) } as object) as { Id: string; Metadata?: { LastTagTime?: string } };
      return { id: i.Id, lastTagTime: i.Metadata?.LastTagTime };
    } catch (err) {
      const e = toEngineError(err, `inspect image ${reference}`, this.endpoint);
      if (e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  inspectImage(reference: string) {
    return this.call(`inspect image ${reference}`, async () => {
      const i = await this.docker.getImage(reference).inspect();
      return { id: i.Id, config: (i.Config ?? {}) as never, repoTags: i.RepoTags ?? [], size: i.Size, created: i.Created };
    });
  }

  listImages(filter: { labels?: string[]; references?: string[] }): Promise<ImageSummary[]> {
    return this.call('list images', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.references?.length) filters.reference = filter.references;
      const list = await this.docker.listImages({ filters } as object) as Array<{ Id: string; RepoTags?: string[] | null; Labels?: Record<string, string> | null; Size: number; Created: number }>;
      return list.map((i) => ({ id: i.Id, repoTags: i.RepoTags ?? [], labels: i.Labels ?? {}, size: i.Size, created: i.Created }));
    });
  }

  pullImage(reference: string, onProgress?: (line: string, layer?: LayerProgress) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`pull image ${reference}`, async () => {
      const auth = await this.credentials.forImage(reference);
      const stream = await dial<NodeJS.ReadableStream>(this.docker, {
        method: 'POST', path: '/images/create', query: pullQuery(reference), headers: { 'X-Registry-Auth': registryAuthHeader(auth) }, stream: true, signal,
      });
      await followLines(this.docker, stream, onProgress);
    });
  }

  pushImage(reference: string, onProgress?: (line: string, layer?: LayerProgress) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`push image ${reference}`, async () => {
      const auth = await this.credentials.forImage(reference);
      const { repository, tag } = reference.includes('@') ? { repository: reference, tag: undefined } : splitImageReference(reference);
      const stream = await dial<NodeJS.ReadableStream>(this.docker, {
        method: 'POST', path: `/images/${repository}/push`, query: { tag }, headers: { 'X-Registry-Auth': registryAuthHeader(auth) }, stream: true, signal,
      });
      await followLines(this.docker, stream, onProgress);
    });
  }

  buildImage(context: Readable, options: BuildOptions, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<string> {
    return this.call(`build image ${options.tag}`, async () => {
      const hasBuildkit = options.builder === 'legacy' ? false
        : await (this.hasBuildkit ??= this.docker.version().then((v) => engineHasBuildkit(v as { Os?: string; ApiVersion?: string })));
      const id = (await buildImage(this.docker, this.credentials, context, options, onProgress, signal, hasBuildkit)) ?? (await this.imageId(options.tag));
      if (!id) throw new EngineError('unknown', `build image ${options.tag}: the engine reported no image`);
      return id;
    });
  }

  tagImage(source: string, repo: string, tag: string): Promise<void> {
    return this.call(`tag image ${source} as ${repo}:${tag}`, () => this.docker.getImage(source).tag({ repo, tag }));
  }

  removeImage(reference: string, options: { force?: boolean } = {}): Promise<void> {
    return this.call(`remove image ${reference}`, async () => { await this.docker.getImage(reference).remove({ force: options.force ?? false }); });
  }

  async *events(filter: { labels?: string[]; types?: string[]; since?: number }, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const filters: Filters = labelFilters(filter.labels);
    if (filter.types?.length) filters.type = filter.types;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.call('follow engine events', () => dial<NodeJS.ReadableStream>(this.docker, { method: 'GET', path: '/events', query: { filters, since: filter.since }, stream: true, signal }));
    } catch (err) {
      // Cancelled before the stream opened: the caller is no longer listening.
      if (signal.aborted) return;
      throw err;
    }
    try {
      type RawEvent = { Type: string; Action: string; Actor?: { ID: string; Attributes?: Record<string, string> }; time: number; id?: string };
      for await (const raw of messages<RawEvent>(this.docker, stream)) {
        // Events already read when the caller stops listening are not handed on.
        if (signal.aborted) return;
        yield { type: raw.Type, action: raw.Action, id: raw.Actor?.ID ?? raw.id ?? '', attributes: raw.Actor?.Attributes ?? {}, time: raw.time };
      }
    } catch (err) {
      if (signal.aborted) return;
      throw toEngineError(err, 'follow engine events', this.endpoint);
    } finally {
      (stream as Readable).destroy?.();
    }
  }

  demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
    demuxStream(stream, stdout, stderr);
  }
}

/** `/images/create` takes the repository and the tag apart; a reference without either pulls `latest`, not every tag. */
export function pullQuery(reference: string): { fromImage: string; tag?: string } {
  if (reference.includes('@')) return { fromImage: reference };
  const { repository, tag = 'latest' } = splitImageReference(reference);
  return { fromImage: repository, tag };
}

/**
 * An Engine for where the docker CLI would go: `flags` are `-H`/`--context`/`--tls*`, the environment
 * supplies DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG & co. Library users may hand in their own Dockerode.
 */
export function connectEngine(env: Record<string, string | undefined> = process.env, options: { flags?: ConnectionFlags; docker?: Dockerode } = {}): DockerEngine {
  if (options.docker) return new DockerEngine({ docker: options.docker, connection: resolveConnectionLenient(env) });
  return new DockerEngine({ connection: resolveConnection(options.flags ?? {}, env) });
}

/** With a Dockerode of the caller's, the environment only names the docker config (credentials). */
function resolveConnectionLenient(env: Record<string, string | undefined>): ConnectionOptions {
  try { return resolveConnection({}, env); } catch {
    return resolveConnection({ hosts: ['unix:///var/run/docker.sock'] }, { ...env, DOCKER_TLS: '', DOCKER_TLS_VERIFY: '' });
  }
}
