/**
 * The dockerode adapter: the only file that imports dockerode. Every call is wrapped so failures come out as
 * EngineError naming the action and the resource.
 */
import Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type {
  BuildOptions, ContainerCreateBody, ContainerInspect, ContainerSummary, EndpointConfig, Engine, EngineEvent,
  ExecOptions, ImageSummary, LogOptions, NetworkCreateBody, NetworkSummary, VolumeCreateBody, VolumeSummary,
} from './engine.js';
import { connectionFromEnv, type ConnectionOptions } from './connection.js';
import { toEngineError } from './engine-errors.js';
import { EngineError } from '../errors/index.js';
import { followJsonStream } from './json-stream.js';

type Filters = Record<string, string[]>;

function labelFilters(labels?: string[]): Filters {
  return labels && labels.length ? { label: labels } : {};
}

export class DockerEngine implements Engine {
  readonly endpoint: string;
  readonly insecureWarning?: string;
  private readonly docker: Dockerode;

  constructor(connection: ConnectionOptions) {
    this.endpoint = connection.endpoint;
    this.insecureWarning = connection.insecureWarning;
    const { endpoint: _e, insecureWarning: _w, ...opts } = connection;
    this.docker = new Dockerode(opts as Dockerode.DockerOptions);
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toEngineError(err, action, this.endpoint);
    }
  }

  ping(signal?: AbortSignal): Promise<void> {
    return this.call('connect to the engine', async () => { await this.docker.ping({ abortSignal: signal } as never); });
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
      const list = await this.docker.listContainers({ all: filter.all ?? true, filters: JSON.stringify(filters), abortSignal: signal } as object);
      return list.map((c) => ({
        id: c.Id, names: c.Names.map((n) => n.replace(/^\//, '')), image: c.Image, imageId: c.ImageID,
        labels: c.Labels ?? {}, state: c.State, status: c.Status, created: c.Created,
        networks: Object.fromEntries(Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => [name, { ipAddress: n.IPAddress, networkId: n.NetworkID }])),
        ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, type: p.Type, ip: p.IP })),
      }));
    });
  }

  inspectContainer(containerId: string, signal?: AbortSignal): Promise<ContainerInspect> {
    return this.call(`inspect container ${containerId}`, () => this.docker.getContainer(containerId).inspect({ abortSignal: signal } as never) as unknown as Promise<ContainerInspect>);
  }

  createContainer(name: string, body: ContainerCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create container ${name}`, async () => {
      const c = await this.docker.createContainer({ ...body, name, abortSignal: signal } as Dockerode.ContainerCreateOptions);
      return c.id;
    });
  }

  startContainer(containerId: string, signal?: AbortSignal): Promise<void> {
    return this.call(`start container ${containerId}`, async () => {
      try { await this.docker.getContainer(containerId).start({ abortSignal: signal } as object); }
      catch (err) { if ((err as { statusCode?: number }).statusCode !== 304) throw err; }
    });
  }

  stopContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`stop container ${containerId}`, async () => {
      try { await this.docker.getContainer(containerId).stop({ ...(timeoutSec !== undefined ? { t: timeoutSec } : {}), abortSignal: signal } as object); }
      catch (err) { if ((err as { statusCode?: number }).statusCode !== 304) throw err; }
    });
  }

  restartContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void> {
    return this.call(`restart container ${containerId}`, async () => {
      await this.docker.getContainer(containerId).restart({ ...(timeoutSec !== undefined ? { t: timeoutSec } : {}), abortSignal: signal } as object);
    });
  }

  killContainer(containerId: string, signalName = 'SIGKILL'): Promise<void> {
    return this.call(`kill container ${containerId}`, async () => { await this.docker.getContainer(containerId).kill({ signal: signalName }); });
  }

  pauseContainer(containerId: string): Promise<void> {
    return this.call(`pause container ${containerId}`, async () => { await this.docker.getContainer(containerId).pause(); });
  }

  unpauseContainer(containerId: string): Promise<void> {
    return this.call(`unpause container ${containerId}`, async () => { await this.docker.getContainer(containerId).unpause(); });
  }

  removeContainer(containerId: string, options: { force?: boolean; volumes?: boolean } = {}, signal?: AbortSignal): Promise<void> {
    return this.call(`remove container ${containerId}`, async () => {
      await this.docker.getContainer(containerId).remove({ force: options.force ?? false, v: options.volumes ?? false, abortSignal: signal } as object);
    });
  }

  renameContainer(containerId: string, newName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`rename container ${containerId} to ${newName}`, async () => {
      await this.docker.getContainer(containerId).rename({ name: newName, abortSignal: signal } as object);
    });
  }

  waitContainer(containerId: string, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running', signal?: AbortSignal): Promise<number> {
    return this.call(`wait for container ${containerId}`, async () => {
      const r = await this.docker.getContainer(containerId).wait({ condition, abortSignal: signal } as object);
      return (r as { StatusCode: number }).StatusCode;
    });
  }

  containerLogs(containerId: string, options: LogOptions, signal?: AbortSignal): Promise<Readable> {
    return this.call(`read logs of container ${containerId}`, async () => {
      const opts = {
        stdout: true, stderr: true, follow: options.follow ?? false, timestamps: options.timestamps ?? false,
        tail: options.tail ?? 'all', since: options.since, until: options.until, abortSignal: signal,
      };
      // dockerode returns a Buffer when not following; normalize to a stream.
      const out = await this.docker.getContainer(containerId).logs(opts as never) as unknown;
      if (Buffer.isBuffer(out)) {
        const { Readable } = await import('node:stream');
        return Readable.from([out]);
      }
      return out as Readable;
    });
  }

  attachContainer(containerId: string, options: { stdin?: boolean; logs?: boolean }): Promise<NodeJS.ReadWriteStream> {
    return this.call(`attach to container ${containerId}`, () =>
      this.docker.getContainer(containerId).attach({ stream: true, stdin: options.stdin ?? false, stdout: true, stderr: true, logs: options.logs ?? false, hijack: options.stdin ?? false }) as Promise<NodeJS.ReadWriteStream>);
  }

  resizeContainerTty(containerId: string, rows: number, cols: number): Promise<void> {
    return this.call(`resize tty of ${containerId}`, async () => { await this.docker.getContainer(containerId).resize({ h: rows, w: cols }); });
  }

  execContainer(containerId: string, options: ExecOptions) {
    return this.call(`exec in container ${containerId}`, async () => {
      const exec = await this.docker.getContainer(containerId).exec({
        Cmd: options.cmd, Env: options.env, User: options.user, WorkingDir: options.workingDir, Tty: options.tty ?? false,
        Privileged: options.privileged ?? false, AttachStdin: options.attachStdin ?? false,
        AttachStdout: !options.detach, AttachStderr: !options.detach,
      });
      if (options.detach) {
        await exec.start({ Detach: true } as never);
        return { execId: exec.id, tty: options.tty ?? false };
      }
      const stream = await exec.start({ hijack: true, stdin: options.attachStdin ?? false, Tty: options.tty ?? false } as never) as unknown as NodeJS.ReadWriteStream;
      return { execId: exec.id, stream, tty: options.tty ?? false };
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
      await this.docker.getContainer(containerId).putArchive(tar as never, { path, abortSignal: signal } as never);
    });
  }

  getArchive(containerId: string, path: string): Promise<Readable> {
    return this.call(`copy files from ${containerId}:${path}`, () => this.docker.getContainer(containerId).getArchive({ path }) as unknown as Promise<Readable>);
  }

  listNetworks(filter: { labels?: string[]; names?: string[] }, signal?: AbortSignal): Promise<NetworkSummary[]> {
    return this.call('list networks', async () => {
      const filters: Filters = labelFilters(filter.labels);
      if (filter.names?.length) filters.name = filter.names;
      const list = await this.docker.listNetworks({ filters: JSON.stringify(filters), abortSignal: signal } as object);
      return list.map(toNetworkSummary);
    });
  }

  inspectNetwork(idOrName: string, signal?: AbortSignal) {
    return this.call(`inspect network ${idOrName}`, async () => {
      const n = await (this.docker.getNetwork(idOrName).inspect({ abortSignal: signal } as never) as unknown as Promise<Dockerode.NetworkInspectInfo>);
      const containers = Object.fromEntries(Object.entries(n.Containers ?? {}).map(([id, c]) => [id, { name: c.Name, ipv4: c.IPv4Address.split('/')[0] }]));
      return { ...toNetworkSummary(n), containers };
    });
  }

  createNetwork(body: NetworkCreateBody, signal?: AbortSignal): Promise<string> {
    return this.call(`create network ${body.Name}`, async () => {
      const n = await this.docker.createNetwork({ ...body, abortSignal: signal } as Dockerode.NetworkCreateOptions);
      return n.id;
    });
  }

  removeNetwork(idOrName: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove network ${idOrName}`, async () => { await this.docker.getNetwork(idOrName).remove({ abortSignal: signal } as object); });
  }

  connectNetwork(network: string, containerId: string, endpoint?: EndpointConfig): Promise<void> {
    return this.call(`connect ${containerId} to network ${network}`, async () => {
      await this.docker.getNetwork(network).connect({ Container: containerId, EndpointConfig: endpoint });
    });
  }

  disconnectNetwork(network: string, containerId: string, force = false): Promise<void> {
    return this.call(`disconnect ${containerId} from network ${network}`, async () => {
      await this.docker.getNetwork(network).disconnect({ Container: containerId, Force: force });
    });
  }

  listVolumes(filter: { labels?: string[] }, signal?: AbortSignal): Promise<VolumeSummary[]> {
    return this.call('list volumes', async () => {
      const r = await this.docker.listVolumes({ filters: JSON.stringify(labelFilters(filter.labels)), abortSignal: signal } as object);
      return (r.Volumes ?? []).map((v) => ({ name: v.Name, driver: v.Driver, labels: v.Labels ?? {}, mountpoint: v.Mountpoint }));
    });
  }

  inspectVolume(name: string, signal?: AbortSignal): Promise<VolumeSummary> {
    return this.call(`inspect volume ${name}`, async () => {
      const v = await this.docker.getVolume(name).inspect({ abortSignal: signal } as object);
      return { name: v.Name, driver: v.Driver, labels: v.Labels ?? {}, mountpoint: v.Mountpoint };
    });
  }

  createVolume(body: VolumeCreateBody, signal?: AbortSignal): Promise<void> {
    return this.call(`create volume ${body.Name}`, async () => { await this.docker.createVolume({ ...body, abortSignal: signal } as never); });
  }

  removeVolume(name: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove volume ${name}`, async () => { await this.docker.getVolume(name).remove({ abortSignal: signal } as object); });
  }

  async imageId(reference: string, signal?: AbortSignal): Promise<string | undefined> {
    try {
      const i = await (this.docker.getImage(reference).inspect({ abortSignal: signal } as never) as unknown as Promise<Dockerode.ImageInspectInfo>);
      return i.Id;
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
      const list = await this.docker.listImages({ filters: JSON.stringify(filters) } as object);
      return list.map((i) => ({ id: i.Id, repoTags: i.RepoTags ?? [], labels: i.Labels ?? {}, size: i.Size, created: i.Created }));
    });
  }

  pullImage(reference: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`pull image ${reference}`, async () => {
      const stream = await (this.docker.pull(reference, { abortSignal: signal } as never) as unknown as Promise<NodeJS.ReadableStream>);
      await followJsonStream(stream, onProgress);
    });
  }

  pushImage(reference: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void> {
    return this.call(`push image ${reference}`, async () => {
      const stream = await this.docker.getImage(reference).push({ abortSignal: signal, authconfig: {} } as never) as unknown as NodeJS.ReadableStream;
      await followJsonStream(stream, onProgress);
    });
  }

  buildImage(context: Readable, options: BuildOptions, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<string> {
    return this.call(`build image ${options.tag}`, async () => {
      const stream = await this.docker.buildImage(context as never, dropUndefinedOptions({
        t: options.tag, dockerfile: options.dockerfile, buildargs: options.buildArgs, target: options.target || undefined,
        labels: options.labels, networkmode: options.networkMode, extrahosts: options.extraHosts, shmsize: options.shmSize,
        nocache: options.noCache, pull: options.pull ? 'true' : undefined, rm: true, forcerm: true, abortSignal: signal,
      }) as never) as unknown as NodeJS.ReadableStream;
      const result = await followJsonStream(stream, onProgress);
      const id = result.aux?.ID ?? (await this.imageId(options.tag));
      if (!id) throw new EngineError('unknown', `build image ${options.tag}: the engine reported no image`);
      return id;
    });
  }

  tagImage(source: string, repo: string, tag: string): Promise<void> {
    return this.call(`tag image ${source} as ${repo}:${tag}`, async () => { await this.docker.getImage(source).tag({ repo, tag }); });
  }

  removeImage(reference: string, options: { force?: boolean } = {}): Promise<void> {
    return this.call(`remove image ${reference}`, async () => { await this.docker.getImage(reference).remove({ force: options.force ?? false }); });
  }

  async *events(filter: { labels?: string[]; types?: string[]; since?: number }, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const filters: Filters = labelFilters(filter.labels);
    if (filter.types?.length) filters.type = filter.types;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.call('follow engine events', () =>
        this.docker.getEvents({ filters: JSON.stringify(filters), since: filter.since, abortSignal: signal } as never) as unknown as Promise<NodeJS.ReadableStream>);
    } catch (err) {
      // Cancelled before the stream opened: the caller is no longer listening.
      if (signal.aborted) return;
      throw err;
    }
    const onAbort = () => (stream as unknown as { destroy?: () => void }).destroy?.();
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
    this.docker.modem.demuxStream(stream, stdout, stderr);
  }
}

/** The engine reads an empty query parameter as a value (`extrahosts=` fails), so unset options are dropped. */
function dropUndefinedOptions<T extends Record<string, unknown>>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function toNetworkSummary(n: Dockerode.NetworkInspectInfo): NetworkSummary {
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
