/**
 * The Engine over the Docker Engine API (see http-client.ts). Every call is wrapped so failures come out as
 * EngineError naming the action and the resource.
 */
import type { Readable } from 'node:stream';
import type {
  BuildOptions, ContainerCreateBody, ContainerInspect, ContainerSummary, EndpointConfig, Engine, EngineEvent,
  ExecOptions, ImageSummary, LogOptions, NetworkCreateBody, NetworkSummary, VolumeCreateBody, VolumeSummary,
} from './engine.js';
import { connectionFromEnv, type ConnectionOptions } from './connection.js';
import { toEngineError } from './engine-errors.js';
import { EngineError } from '../errors/index.js';
import { followJsonStream } from './json-stream.js';
import { EngineHttp } from './http-client.js';
import { demuxStream } from './demux.js';
import { splitImageReference } from '../model/names.js';

type Filters = Record<string, string[]>;

function labelFilters(labels?: string[]): Filters {
  return labels && labels.length ? { label: labels } : {};
}

export class DockerEngine implements Engine {
  readonly endpoint: string;
  readonly insecureWarning?: string;
  private readonly http: EngineHttp;

  constructor(connection: ConnectionOptions) {
    this.endpoint = connection.endpoint;
    this.insecureWarning = connection.insecureWarning;
    this.http = new EngineHttp(connection);
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toEngineError(err, action, this.endpoint);
    }
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.call('connect to the engine', async () => { await this.http.stream('GET', '/_ping', { signal }).then((r) => r.resume()); });
  }

  version() {
    return this.call('read the engine version', async () => {
      const v = await this.http.json<{ Version: string; ApiVersion: string; Os: string; Arch: string }>('GET', '/version');
      return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
    });
  }

  listContainers(filter: { labels?: string[]; all?: boolean; names?: string[] }, signal?: AbortSignal): Promise<ContainerSummary[]> {
    return this.call('list containers', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.names?.length) filters.name = filter.names;
      const list = await this.http.json<RawContainerSummary[]>('GET', '/containers/json', { query: { all: filter.all ?? true, filters }, signal });
      return list.map((c) => ({
        id: c.Id, names: c.Names.map((n) => n.replace(/^\//, '')), image: c.Image, imageId: c.ImageID,
        labels: c.Labels ?? {}, state: c.State, status: c.Status, created: c.Created,
        networks: Object.fromEntries(Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => [name, { ipAddress: n.IPAddress, networkId: n.NetworkID }])),
        ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, type: p.Type, ip: p.IP })),
      }));
    });
  }

  inspectContainer(containerId: string, signal?: AbortSignal): Promise<ContainerInspect> {
    return this.call(`inspect container ${containerId}`, () => this.http.json<ContainerInspect>('GET', `/containers/${containerId}/json`, { signal }));
  }

  createContainer(name: string, body: ContainerCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create container ${name}`, async () => (await this.http.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body, signal })).Id);
  }

  startContainer(containerId: string, signal?: AbortSignal): Promise<void> {
    return this.call(`start container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/start`, { signal, accept: [304] }));
  }

  stopContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`stop container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/stop`, { query: { t: timeoutSec }, signal, accept: [304] }));
  }

  restartContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`restart container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/restart`, { query: { t: timeoutSec }, signal }));
  }

  killContainer(containerId: string, signalName = 'SIGKILL'): Promise<void> {
    return this.call(`kill container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/kill`, { query: { signal: signalName } }));
  }

  pauseContainer(containerId: string): Promise<void> {
    return this.call(`pause container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/pause`));
  }

  unpauseContainer(containerId: string): Promise<void> {
    return this.call(`unpause container ${containerId}`, () => this.empty('POST', `/containers/${containerId}/unpause`));
  }

  removeContainer(containerId: string, options: { force?: boolean; volumes?: boolean } = {}, signal?: AbortSignal): Promise<void> {
    return this.call(`remove container ${containerId}`, () => this.empty('DELETE', `/containers/${containerId}`, { query: { force: options.force ?? false, v: options.volumes ?? false }, signal }));
  }

  renameContainer(containerId: string, newName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`rename container ${containerId} to ${newName}`, () => this.empty('POST', `/containers/${containerId}/rename`, { query: { name: newName }, signal }));
  }

  waitContainer(containerId: string, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running', signal?: AbortSignal): Promise<number> {
    return this.call(`wait for container ${containerId}`, async () =>
      (await this.http.json<{ StatusCode: number }>('POST', `/containers/${containerId}/wait`, { query: { condition }, signal })).StatusCode);
  }

  containerLogs(containerId: string, options: LogOptions, signal?: AbortSignal): Promise<Readable> {
    return this.call(`read logs of container ${containerId}`, () => this.http.rawBody('GET', `/containers/${containerId}/logs`, {
      query: {
        stdout: true, stderr: true, follow: options.follow ?? false, timestamps: options.timestamps ?? false,
        tail: options.tail ?? 'all', since: options.since, until: options.until,
      },
      signal,
    }));
  }

  attachContainer(containerId: string, options: { stdin?: boolean; logs?: boolean }): Promise<NodeJS.ReadWriteStream> {
    return this.call(`attach to container ${containerId}`, async () => {
      const call = { query: { stream: true, stdin: options.stdin ?? false, stdout: true, stderr: true, logs: options.logs ?? false } };
      const path = `/containers/${containerId}/attach`;
      return (options.stdin ? await this.http.hijack('POST', path, call) : await this.http.stream('POST', path, call)) as unknown as NodeJS.ReadWriteStream;
    });
  }

  resizeContainerTty(containerId: string, rows: number, cols: number): Promise<void> {
    return this.call(`resize tty of ${containerId}`, () => this.empty('POST', `/containers/${containerId}/resize`, { query: { h: rows, w: cols } }));
  }

  execContainer(containerId: string, options: ExecOptions) {
    return this.call(`exec in container ${containerId}`, async () => {
      const tty = options.tty ?? false;
      const { Id: execId } = await this.http.json<{ Id: string }>('POST', `/containers/${containerId}/exec`, {
        body: {
          Cmd: options.cmd, Env: options.env, User: options.user, WorkingDir: options.workingDir, Tty: tty,
          Privileged: options.privileged ?? false, AttachStdin: options.attachStdin ?? false,
          AttachStdout: !options.detach, AttachStderr: !options.detach,
        },
      });
      if (options.detach) {
        await this.empty('POST', `/exec/${execId}/start`, { body: { Detach: true, Tty: tty } });
        return { execId, tty };
      }
      const stream = await this.http.hijack('POST', `/exec/${execId}/start`, { body: { Detach: false, Tty: tty } });
      return { execId, stream: stream as NodeJS.ReadWriteStream, tty };
    });
  }

  inspectExec(execId: string) {
    return this.call(`inspect exec ${execId}`, async () => {
      const r = await this.http.json<{ ExitCode: number | null; Running: boolean }>('GET', `/exec/${execId}/json`);
      return { exitCode: r.ExitCode ?? null, running: r.Running };
    });
  }

  topContainer(containerId: string, psArgs?: string) {
    return this.call(`list processes of ${containerId}`, async () => {
      const r = await this.http.json<{ Titles: string[]; Processes: string[][] }>('GET', `/containers/${containerId}/top`, { query: { ps_args: psArgs } });
      return { titles: r.Titles, processes: r.Processes };
    });
  }

  putArchive(containerId: string, path: string, tar: Readable | Buffer, signal?: AbortSignal): Promise<void> {
    return this.call(`copy files into ${containerId}:${path}`, () =>
      this.empty('PUT', `/containers/${containerId}/archive`, { query: { path }, raw: { data: tar, contentType: 'application/x-tar' }, signal }));
  }

  getArchive(containerId: string, path: string): Promise<Readable> {
    return this.call(`copy files from ${containerId}:${path}`, () => this.http.stream('GET', `/containers/${containerId}/archive`, { query: { path } }));
  }

  listNetworks(filter: { labels?: string[]; names?: string[] }, signal?: AbortSignal): Promise<NetworkSummary[]> {
    return this.call('list networks', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.names?.length) filters.name = filter.names;
      const list = await this.http.json<RawNetwork[]>('GET', '/networks', { query: { filters }, signal });
      return list.map(toNetworkSummary);
    });
  }

  inspectNetwork(idOrName: string, signal?: AbortSignal) {
    return this.call(`inspect network ${idOrName}`, async () => {
      const n = await this.http.json<RawNetwork>('GET', `/networks/${encodeURIComponent(idOrName)}`, { signal });
      const containers = Object.fromEntries(Object.entries(n.Containers ?? {}).map(([id, c]) => [id, { name: c.Name, ipv4: c.IPv4Address.split('/')[0]! }]));
      return { ...toNetworkSummary(n), containers };
    });
  }

  createNetwork(body: NetworkCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create network ${body.Name}`, async () => (await this.http.json<{ Id: string }>('POST', '/networks/create', { body, signal })).Id);
  }

  removeNetwork(idOrName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove network ${idOrName}`, () => this.empty('DELETE', `/networks/${encodeURIComponent(idOrName)}`, { signal }));
  }

  connectNetwork(network: string, containerId: string, endpoint?: EndpointConfig): Promise<void> {
    return this.call(`connect ${containerId} to network ${network}`, () =>
      this.empty('POST', `/networks/${encodeURIComponent(network)}/connect`, { body: { Container: containerId, EndpointConfig: endpoint } }));
  }

  disconnectNetwork(network: string, containerId: string, force = false): Promise<void> {
    return this.call(`disconnect ${containerId} from network ${network}`, () =>
      this.empty('POST', `/networks/${encodeURIComponent(network)}/disconnect`, { body: { Container: containerId, Force: force } }));
  }

  listVolumes(filter: { labels?: string[] }, signal?: AbortSignal): Promise<VolumeSummary[]> {
    return this.call('list volumes', async () => {
      const r = await this.http.json<{ Volumes: RawVolume[] | null }>('GET', '/volumes', { query: { filters: labelFilters(filter.labels) }, signal });
      return (r.Volumes ?? []).map(toVolumeSummary);
    });
  }

  inspectVolume(name: string, signal?: AbortSignal): Promise<VolumeSummary> {
    return this.call(`inspect volume ${name}`, async () => toVolumeSummary(await this.http.json<RawVolume>('GET', `/volumes/${encodeURIComponent(name)}`, { signal })));
  }

  createVolume(body: VolumeCreateBody, signal?: AbortSignal): Promise<void> {
    return this.call(`create volume ${body.Name}`, () => this.empty('POST', '/volumes/create', { body, signal }));
  }

  removeVolume(name: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove volume ${name}`, () => this.empty('DELETE', `/volumes/${encodeURIComponent(name)}`, { signal }));
  }

  async imageId(reference: string, signal?: AbortSignal): Promise<string | undefined> {
    return (await this.localImage(reference, signal))?.id;
  }

  async localImage(reference: string, signal?: AbortSignal): Promise<{ id: string; lastTagTime?: string } | undefined> {
    try {
      const i = await this.http.json<{ Id: string; Metadata?: { LastTagTime?: string } }>('GET', `/images/${reference}/json`, { signal });
      return { id: i.Id, lastTagTime: i.Metadata?.LastTagTime };
    } catch (err) {
      const e = toEngineError(err, `inspect image ${reference}`, this.endpoint);
      if (e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  inspectImage(reference: string) {
    return this.call(`inspect image ${reference}`, async () => {
      const i = await this.http.json<{ Id: string; Config?: object; RepoTags?: string[]; Size: number; Created: string }>('GET', `/images/${reference}/json`);
      return { id: i.Id, config: (i.Config ?? {}) as never, repoTags: i.RepoTags ?? [], size: i.Size, created: i.Created };
    });
  }

  listImages(filter: { labels?: string[]; references?: string[] }): Promise<ImageSummary[]> {
    return this.call('list images', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.references?.length) filters.reference = filter.references;
      const list = await this.http.json<Array<{ Id: string; RepoTags?: string[] | null; Labels?: Record<string, string> | null; Size: number; Created: number }>>('GET', '/images/json', { query: { filters } });
      return list.map((i) => ({ id: i.Id, repoTags: i.RepoTags ?? [], labels: i.Labels ?? {}, size: i.Size, created: i.Created }));
    });
  }

  pullImage(reference: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`pull image ${reference}`, async () => {
      const stream = await this.http.stream('POST', '/images/create', { query: pullQuery(reference), headers: NO_AUTH, signal });
      await followJsonStream(stream, onProgress);
    });
  }

  pushImage(reference: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`push image ${reference}`, async () => {
      const stream = await this.http.stream('POST', `/images/${reference}/push`, { headers: NO_AUTH, signal });
      await followJsonStream(stream, onProgress);
    });
  }

  buildImage(context: Readable, options: BuildOptions, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<string> {
    return this.call(`build image ${options.tag}`, async () => {
      const query = dropUndefinedOptions({
        t: options.tag, dockerfile: options.dockerfile, buildargs: options.buildArgs, target: options.target || undefined,
        labels: options.labels, networkmode: options.networkMode, extrahosts: options.extraHosts, shmsize: options.shmSize,
        nocache: options.noCache, pull: options.pull ? 'true' : undefined, rm: true, forcerm: true,
      });
      const stream = await this.http.stream('POST', '/build', { query, raw: { data: context, contentType: 'application/x-tar' }, signal });
      const result = await followJsonStream(stream, onProgress);
      const id = result.aux?.ID ?? (await this.imageId(options.tag));
      if (!id) throw new EngineError('unknown', `build image ${options.tag}: the engine reported no image`);
      return id;
    });
  }

  tagImage(source: string, repo: string, tag: string): Promise<void> {
    return this.call(`tag image ${source} as ${repo}:${tag}`, () => this.empty('POST', `/images/${source}/tag`, { query: { repo, tag } }));
  }

  removeImage(reference: string, options: { force?: boolean } = {}): Promise<void> {
    return this.call(`remove image ${reference}`, () => this.empty('DELETE', `/images/${reference}`, { query: { force: options.force ?? false } }));
  }

  async *events(filter: { labels?: string[]; types?: string[]; since?: number }, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const filters: Filters = labelFilters(filter.labels);
    if (filter.types?.length) filters.type = filter.types;
    let stream: Readable;
    try {
      stream = await this.call('follow engine events', () => this.http.stream('GET', '/events', { query: { filters, since: filter.since }, signal }));
    } catch (err) {
      // Cancelled before the stream opened: the caller is no longer listening.
      if (signal.aborted) return;
      throw err;
    }
    const onAbort = () => stream.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    let buffer = '';
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        buffer += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          const raw = JSON.parse(line) as { Type: string; Action: string; Actor?: { ID: string; Attributes?: Record<string, string> }; time: number; id?: string };
          yield { type: raw.Type, action: raw.Action, id: raw.Actor?.ID ?? raw.id ?? '', attributes: raw.Actor?.Attributes ?? {}, time: raw.time };
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      throw toEngineError(err, 'follow engine events', this.endpoint);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
    demuxStream(stream, stdout, stderr);
  }

  /** A call whose answer carries nothing we read: the body is drained so the connection can be reused. */
  private async empty(method: string, path: string, options: Parameters<EngineHttp['stream']>[2] = {}): Promise<void> {
    const res = await this.http.stream(method, path, options);
    res.resume();
    await new Promise<void>((resolve, reject) => { res.on('end', resolve); res.on('error', reject); });
  }
}

/** Pushing to (and pulling from) registries that need no login: the engine still wants the header. */
const NO_AUTH = { 'X-Registry-Auth': Buffer.from('{}').toString('base64') };

/** `/images/create` takes the repository and the tag apart; a reference without either pulls `latest`, not every tag. */
export function pullQuery(reference: string): { fromImage: string; tag?: string } {
  if (reference.includes('@')) return { fromImage: reference };
  const { repository, tag = 'latest' } = splitImageReference(reference);
  return { fromImage: repository, tag };
}

interface RawContainerSummary {
  Id: string; Names: string[]; Image: string; ImageID: string; Labels: Record<string, string> | null; State: string; Status: string; Created: number;
  NetworkSettings?: { Networks?: Record<string, { IPAddress: string; NetworkID: string }> };
  Ports?: Array<{ PrivatePort: number; PublicPort?: number; Type: string; IP?: string }>;
}

interface RawNetwork {
  Id: string; Name: string; Driver: string; Labels: Record<string, string> | null; Internal?: boolean;
  IPAM?: { Config?: Array<{ Gateway?: string; Subnet?: string }> | null };
  Containers?: Record<string, { Name: string; IPv4Address: string }>;
}

interface RawVolume { Name: string; Driver: string; Labels: Record<string, string> | null; Mountpoint: string }

function toVolumeSummary(v: RawVolume): VolumeSummary {
  return { name: v.Name, driver: v.Driver, labels: v.Labels ?? {}, mountpoint: v.Mountpoint };
}

/** The engine reads an empty query parameter as a value (`extrahosts=` fails), so unset options are dropped. */
function dropUndefinedOptions<T extends Record<string, unknown>>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function toNetworkSummary(n: RawNetwork): NetworkSummary {
  const configs = n.IPAM?.Config ?? [];
  return {
    id: n.Id, name: n.Name, driver: n.Driver, labels: n.Labels ?? {}, internal: n.Internal ?? false,
    gateways: configs.map((c) => c.Gateway).filter((g): g is string => !!g),
    subnets: configs.map((c) => c.Subnet).filter((s): s is string => !!s),
  };
}

/** Build the engine client from the environment (DOCKER_HOST & co). */
export function connectEngine(env: Record<string, string | undefined> = process.env): DockerEngine {
  return new DockerEngine(connectionFromEnv(env));
}
