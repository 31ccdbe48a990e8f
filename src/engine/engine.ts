/**
 * The Engine: everything tcompose asks of a Docker engine, in tcompose's own types.
 * `docker-engine.ts` is the only implementation (over dockerode).
 * Request bodies follow the Docker Engine API's JSON (the protocol).
 */
import type { Readable } from 'node:stream';
import type { ContainerCreateBody, EndpointConfig, NetworkCreateBody, VolumeCreateBody } from '../model/engine-requests.js';

export type { ContainerCreateBody, EndpointConfig, NetworkCreateBody, VolumeCreateBody } from '../model/engine-requests.js';

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  imageId: string;
  labels: Record<string, string>;
  state: string;
  /** `Up 3 minutes (healthy)`: the only place the list call reports health. */
  status: string;
  created: number;
  /** Engine network name → IPv4 address. */
  networks: Record<string, { ipAddress: string; networkId: string }>;
  ports: Array<{ privatePort: number; publicPort?: number; type: string; ip?: string }>;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  /** Gateway addresses from IPAM. */
  gateways: string[];
  subnets: string[];
  internal: boolean;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  labels: Record<string, string>;
  mountpoint: string;
}

export interface ImageSummary {
  id: string;
  repoTags: string[];
  labels: Record<string, string>;
  size: number;
  created: number;
}

/** The subset of GET /containers/{id}/json tcompose reads; the raw object is kept for tests and `inspect`. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  State: { Status: string; Running: boolean; ExitCode: number; StartedAt: string; FinishedAt: string; Health?: { Status: string; Log?: Array<{ Output: string; ExitCode: number }> } };
  Config: { Labels: Record<string, string>; Env?: string[]; Cmd?: string[]; Entrypoint?: string[]; Image: string; Tty?: boolean; [key: string]: unknown };
  HostConfig: Record<string, any>;
  NetworkSettings: { Networks: Record<string, { IPAddress: string; NetworkID: string; Aliases?: string[]; Gateway?: string; [key: string]: unknown }>; Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface EngineEvent {
  type: string;      // container, network, volume, image
  action: string;    // start, die, health_status: healthy, destroy, connect, …
  id: string;
  attributes: Record<string, string>;
  time: number;
}

export interface LogOptions {
  follow?: boolean;
  tail?: number | 'all';
  timestamps?: boolean;
  since?: number;
  until?: number;
}

export interface ExecOptions {
  cmd: string[];
  env?: string[];
  user?: string;
  workingDir?: string;
  tty?: boolean;
  privileged?: boolean;
  attachStdin?: boolean;
  detach?: boolean;
}

export interface BuildOptions {
  tag: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
  networkMode?: string;
  extraHosts?: string;
  shmSize?: number;
  noCache?: boolean;
  pull?: boolean;
  /** Build secrets by id (`RUN --mount=type=secret,id=…`); BuildKit only. */
  secrets?: Record<string, Buffer>;
  /** ssh agents by id (`RUN --mount=type=ssh`, `default`): an agent socket; BuildKit only. */
  ssh?: Record<string, string>;
  /** Images whose layers may serve as cache. */
  cacheFrom?: string[];
  /** Memory limit of the build container in bytes (the legacy builder only, as for docker compose). */
  memory?: number;
  /** `buildkit` unless DOCKER_BUILDKIT=0 or the engine has none; `legacy` for the classic builder. */
  builder?: 'buildkit' | 'legacy';
}

/** One message of a pull or push about one layer: `Downloading` 1.2 MB of 3.4 MB. */
export interface LayerProgress {
  id: string;
  status: string;
  /** The engine sent a progress detail (possibly empty): docker compose shows only such messages. */
  hasDetail: boolean;
  current?: number;
  total?: number;
}

export interface Engine {
  /** Where the engine is, for messages (`unix:///var/run/docker.sock`). */
  readonly endpoint: string;
  /** The docker context in use (`default` unless one was named). */
  readonly context?: string;
  /** One line naming the engine, the context and what chose them, for `version` and `--verbose`. */
  readonly description?: string;
  /** The engine's unix socket when it is reached through one on this host (host-local helpers follow it). */
  readonly localSocket?: string;
  ping(signal?: AbortSignal): Promise<void>;
  version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }>;

  listContainers(filter: { labels?: string[]; all?: boolean; names?: string[] }, signal?: AbortSignal): Promise<ContainerSummary[]>;
  inspectContainer(containerId: string, signal?: AbortSignal): Promise<ContainerInspect>;
  createContainer(name: string, body: ContainerCreateBody, signal?: AbortSignal): Promise<string>;
  startContainer(containerId: string, signal?: AbortSignal): Promise<void>;
  stopContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void>;
  restartContainer(containerId: string, timeoutSec?: number, signal?: AbortSignal): Promise<void>;
  killContainer(containerId: string, signalName?: string): Promise<void>;
  pauseContainer(containerId: string): Promise<void>;
  unpauseContainer(containerId: string): Promise<void>;
  removeContainer(containerId: string, options?: { force?: boolean; volumes?: boolean }, signal?: AbortSignal): Promise<void>;
  renameContainer(containerId: string, newName: string, signal?: AbortSignal): Promise<void>;
  waitContainer(containerId: string, condition?: 'not-running' | 'next-exit' | 'removed', signal?: AbortSignal): Promise<number>;
  /** Multiplexed or raw (tty) log stream; use `demux` to split it. */
  containerLogs(containerId: string, options: LogOptions, signal?: AbortSignal): Promise<Readable>;
  attachContainer(containerId: string, options: { stdin?: boolean; logs?: boolean }): Promise<NodeJS.ReadWriteStream>;
  resizeContainerTty?(containerId: string, rows: number, cols: number): Promise<void>;
  execContainer(containerId: string, options: ExecOptions): Promise<{ execId: string; stream?: NodeJS.ReadWriteStream; tty: boolean }>;
  inspectExec(execId: string): Promise<{ exitCode: number | null; running: boolean }>;
  topContainer(containerId: string, psArgs?: string): Promise<{ titles: string[]; processes: string[][] }>;
  putArchive(containerId: string, path: string, tar: Readable | Buffer, signal?: AbortSignal): Promise<void>;
  getArchive(containerId: string, path: string): Promise<Readable>;

  listNetworks(filter: { labels?: string[]; names?: string[] }, signal?: AbortSignal): Promise<NetworkSummary[]>;
  inspectNetwork(idOrName: string, signal?: AbortSignal): Promise<NetworkSummary & { containers: Record<string, { name: string; ipv4: string }> }>;
  createNetwork(body: NetworkCreateBody, signal?: AbortSignal): Promise<string>;
  removeNetwork(idOrName: string, signal?: AbortSignal): Promise<void>;
  connectNetwork(network: string, containerId: string, endpoint?: EndpointConfig): Promise<void>;
  disconnectNetwork(network: string, containerId: string, force?: boolean): Promise<void>;

  listVolumes(filter: { labels?: string[] }, signal?: AbortSignal): Promise<VolumeSummary[]>;
  inspectVolume(name: string, signal?: AbortSignal): Promise<VolumeSummary>;
  createVolume(body: VolumeCreateBody, signal?: AbortSignal): Promise<void>;
  removeVolume(name: string, signal?: AbortSignal): Promise<void>;

  /** Image ID for a reference, or undefined when the engine does not have it. */
  imageId(reference: string, signal?: AbortSignal): Promise<string | undefined>;
  /** The local image's ID and when it was last tagged (pulled or built); undefined when absent. */
  localImage(reference: string, signal?: AbortSignal): Promise<{ id: string; lastTagTime?: string } | undefined>;
  inspectImage(reference: string): Promise<{ id: string; config: { Env?: string[]; Cmd?: string[]; Entrypoint?: string[]; WorkingDir?: string; Healthcheck?: unknown; [k: string]: unknown }; repoTags: string[]; size: number; created: string }>;
  listImages(filter: { labels?: string[]; references?: string[] }): Promise<ImageSummary[]>;
  /** `onProgress` gets each line and, for a layer's message, the layer's step and byte counts. */
  pullImage(reference: string, onProgress?: (line: string, layer?: LayerProgress) => void, signal?: AbortSignal): Promise<void>;
  pushImage(reference: string, onProgress?: (line: string, layer?: LayerProgress) => void, signal?: AbortSignal): Promise<void>;
  buildImage(context: Readable, options: BuildOptions, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<string>;
  tagImage(source: string, repo: string, tag: string): Promise<void>;
  removeImage(reference: string, options?: { force?: boolean }): Promise<void>;

  /** Engine event stream; ends when the signal aborts. */
  events(filter: { labels?: string[]; types?: string[]; since?: number }, signal: AbortSignal): AsyncIterable<EngineEvent>;
  /** Split a multiplexed stdout/stderr stream. */
  demux(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void;
}
