/**
 * Pure: a normalized service → the Engine API body that creates one of its containers.
 * Everything the container gets comes from here, so a new service key is one more line in this file.
 */
import type { Project, ServiceConfig, ServicePort, ServiceVolume } from '../model/project.js';
import { Labels, COMPOSE_VERSION_LABEL } from '../model/labels.js';
import { containerName, defaultImageName } from '../model/names.js';
import { networksByPriority, primaryNetwork } from '../model/service-networks.js';
import { linkRef, namespaceService, volumesFromRef } from '../model/service-refs.js';
import type { ContainerCreateBody, EndpointConfig } from './engine.js';
import { byteSize, durationNanos, durationWholeSeconds } from '../model/units.js';

export interface ContainerSpecInput {
  project: Project;
  serviceName: string;
  replica: number;
  configHash: string;
  oneoff?: boolean;
  /** Resolve `service:x` references (network_mode, ipc, pid, volumes_from) to a running container ID. */
  containerIdOfService: (serviceName: string) => string;
  /** Anonymous volumes of the container being replaced, by target, so data survives a recreate. */
  inheritedAnonymousVolumes?: Record<string, string>;
  /** DNS servers to set (tcompose's DNS listener), when the embedded DNS is in use. */
  dnsServers?: string[];
  /** Register service names and aliases with the engine's resolver (when tcompose's DNS is not in use). */
  engineAliases?: boolean;
  /** `run --name`, or the generated `<project>-<service>-run-<id>` of a one-off container. */
  nameOverride?: string;
}

export interface ContainerSpec {
  name: string;
  body: ContainerCreateBody;
  /** API 1.41 attaches one network at create time; the others are connected before start. */
  extraNetworks: Array<{ network: string; endpoint: EndpointConfig }>;
}

export function serviceImage(project: Project, serviceName: string): string {
  const service = project.services[serviceName]!;
  return service.image ?? defaultImageName(project.name, serviceName);
}

export function containerLabels(input: ContainerSpecInput): Record<string, string> {
  const { project, serviceName, replica, configHash, oneoff } = input;
  const service = project.services[serviceName]!;
  return {
    ...(service.labels ?? {}),
    [Labels.project]: project.name,
    [Labels.service]: serviceName,
    [Labels.containerNumber]: String(replica),
    [Labels.oneoff]: oneoff ? 'True' : 'False',
    [Labels.configHash]: configHash,
    [Labels.workingDir]: project.meta.workingDir,
    [Labels.configFiles]: project.meta.configFiles.join(','),
    [Labels.version]: COMPOSE_VERSION_LABEL,
    [Labels.dependsOn]: Object.entries(service.depends_on ?? {}).map(([dep, d]) => `${dep}:${d.condition}:${d.restart ? 'true' : 'false'}`).join(','),
    [Labels.imageDigest]: serviceImage(project, serviceName),
  };
}

export function containerSpec(input: ContainerSpecInput): ContainerSpec {
  const { project, serviceName, replica } = input;
  const service = project.services[serviceName]!;
  const name = input.nameOverride ?? service.container_name ?? containerName(project.name, serviceName, replica);
  const { primary, extra } = networking(input, service);
  const hostConfig = hostConfigOf(input, service);
  const body: ContainerCreateBody = {
    Image: serviceImage(project, serviceName),
    Cmd: service.command ?? undefined,
    Entrypoint: service.entrypoint ?? undefined,
    Env: envList(service.environment),
    Labels: containerLabels(input),
    ExposedPorts: exposedPorts(service),
    Hostname: service.hostname,
    Domainname: service.domainname,
    User: service.user,
    WorkingDir: service.working_dir,
    Tty: service.tty ?? false,
    OpenStdin: service.stdin_open ?? false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    StopSignal: service.stop_signal,
    StopTimeout: durationWholeSeconds(service.stop_grace_period),
    Healthcheck: healthcheck(service),
    HostConfig: hostConfig,
    NetworkingConfig: primary ? { EndpointsConfig: { [primary.network]: primary.endpoint } } : undefined,
  };
  return { name, body: dropUndefined(body), extraNetworks: extra };
}

function envList(env: Record<string, string | null> | undefined): string[] | undefined {
  if (!env) return undefined;
  return Object.entries(env).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}=${v}`);
}

function portKey(p: { target: number; protocol?: string }): string {
  return `${p.target}/${p.protocol ?? 'tcp'}`;
}

function exposedPorts(service: ServiceConfig): Record<string, object> | undefined {
  const out: Record<string, object> = {};
  for (const p of service.ports ?? []) out[portKey(p)] = {};
  for (const e of service.expose ?? []) {
    const [range, proto = 'tcp'] = String(e).split('/');
    const [from, to = from] = range!.split('-').map(Number);
    for (let port = from!; port <= to!; port++) out[`${port}/${proto}`] = {};
  }
  return Object.keys(out).length ? out : undefined;
}

function portBindings(ports: ServicePort[] | undefined): Record<string, Array<{ HostIp: string; HostPort: string }>> | undefined {
  if (!ports?.length) return undefined;
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of ports) {
    (out[portKey(p)] ??= []).push({ HostIp: p.host_ip ?? '', HostPort: p.published ?? '' });
  }
  return out;
}

function healthcheck(service: ServiceConfig): ContainerCreateBody['Healthcheck'] {
  const h = service.healthcheck;
  if (!h) return undefined;
  if (h.disable) return { Test: ['NONE'] };
  return dropUndefined({
    Test: h.test,
    Interval: durationNanos(h.interval),
    Timeout: durationNanos(h.timeout),
    Retries: h.retries,
    StartPeriod: durationNanos(h.start_period),
    StartInterval: durationNanos(h.start_interval),
  });
}

function restartPolicy(restart: string | undefined): { Name: string; MaximumRetryCount?: number } | undefined {
  if (!restart) return undefined;
  const [name, count] = restart.split(':');
  if (name === 'no') return { Name: 'no' };
  return name === 'on-failure' ? { Name: name, MaximumRetryCount: count ? Number(count) : 0 } : { Name: name! };
}

/** `service:x` / `container:x` → the engine's `container:<id or name>`. */
function resolveModeRef(value: string | undefined, input: ContainerSpecInput): string | undefined {
  if (!value) return undefined;
  const ref = namespaceService(value);
  return ref ? `container:${input.containerIdOfService(ref)}` : value;
}

function mounts(input: ContainerSpecInput, service: ServiceConfig): { binds: string[]; mounts: Array<Record<string, unknown>> } {
  const binds: string[] = [];
  const out: Array<Record<string, unknown>> = [];
  for (const v of service.volumes ?? []) out.push(...mountOf(v, input, binds));
  return { binds, mounts: out };
}

function mountOf(v: ServiceVolume, input: ContainerSpecInput, binds: string[]): Array<Record<string, unknown>> {
  const readOnly = v.read_only ?? false;
  switch (v.type) {
    case 'bind': {
      // Binds (not Mounts) so the engine creates a missing host path, as compose's create_host_path does.
      if (v.bind?.create_host_path !== false) {
        const opts = [readOnly ? 'ro' : 'rw', v.bind?.propagation, v.bind?.selinux].filter(Boolean).join(',');
        binds.push(`${v.source}:${v.target}:${opts}`);
        return [];
      }
      return [{ Type: 'bind', Source: v.source, Target: v.target, ReadOnly: readOnly, BindOptions: v.bind?.propagation ? { Propagation: v.bind.propagation } : undefined }];
    }
    case 'volume': {
      const declared = v.source ? input.project.volumes[v.source] : undefined;
      const source = v.source ? (declared?.name ?? v.source) : input.inheritedAnonymousVolumes?.[v.target];
      return [dropUndefined({
        Type: 'volume', Source: source, Target: v.target, ReadOnly: readOnly,
        VolumeOptions: v.volume?.nocopy || v.volume?.subpath ? dropUndefined({ NoCopy: v.volume?.nocopy, Subpath: v.volume?.subpath }) : undefined,
      })];
    }
    case 'tmpfs':
      // Expressed as HostConfig.Tmpfs (see tmpfsOf): engine 20.10 fails volumes_from of a container with tmpfs mounts.
      return [];
    default:
      return [dropUndefined({ Type: v.type, Source: v.source, Target: v.target, ReadOnly: readOnly })];
  }
}

function hostConfigOf(input: ContainerSpecInput, service: ServiceConfig): Record<string, unknown> {
  const { binds, mounts: mountList } = mounts(input, service);
  const limits = service.deploy?.resources?.limits;
  const reservations = service.deploy?.resources?.reservations;
  const cpus = service.cpus ?? limits?.cpus;
  return dropUndefined({
    Binds: binds.length ? binds : undefined,
    Mounts: mountList.length ? mountList : undefined,
    PortBindings: portBindings(service.ports),
    NetworkMode: networkMode(input, service),
    RestartPolicy: restartPolicy(service.restart),
    VolumesFrom: service.volumes_from?.map((ref) => volumesFromOf(ref, input)),
    Links: undefined,
    Dns: service.dns ?? input.dnsServers,
    DnsSearch: service.dns_search,
    DnsOptions: service.dns_opt,
    ExtraHosts: service.extra_hosts?.map((h) => h.replace('=', ':')),
    CapAdd: service.cap_add,
    CapDrop: service.cap_drop,
    SecurityOpt: service.security_opt,
    Privileged: service.privileged,
    ReadonlyRootfs: service.read_only,
    Sysctls: service.sysctls,
    Ulimits: service.ulimits ? Object.entries(service.ulimits).map(([Name, u]) => typeof u === 'number' ? { Name, Soft: u, Hard: u } : { Name, Soft: u.soft, Hard: u.hard }) : undefined,
    Devices: service.devices?.map((d) => ({ PathOnHost: d.source, PathInContainer: d.target, CgroupPermissions: d.permissions ?? 'rwm' })),
    Tmpfs: tmpfsOf(service),
    ShmSize: byteSize(service.shm_size),
    Memory: byteSize(service.mem_limit ?? limits?.memory),
    MemoryReservation: byteSize(service.mem_reservation ?? reservations?.memory),
    NanoCpus: cpus !== undefined ? Math.round(Number(cpus) * 1e9) : undefined,
    CpuShares: service.cpu_shares,
    PidsLimit: service.pids_limit ?? limits?.pids,
    LogConfig: service.logging?.driver || service.logging?.options ? { Type: service.logging?.driver ?? '', Config: service.logging?.options ?? {} } : undefined,
    Init: service.init,
    IpcMode: resolveModeRef(service.ipc, input),
    PidMode: resolveModeRef(service.pid, input),
  });
}

/** Service-level `tmpfs:` entries and `type: tmpfs` volumes, as the engine's path → options map. */
function tmpfsOf(service: ServiceConfig): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of service.tmpfs ?? []) { const [path, opts = ''] = t.split(':'); out[path!] = opts; }
  for (const v of service.volumes ?? []) {
    if (v.type !== 'tmpfs') continue;
    const size = byteSize(v.tmpfs?.size);
    out[v.target] = [size !== undefined ? `size=${size}` : '', v.tmpfs?.mode !== undefined ? `mode=${v.tmpfs.mode.toString(8)}` : '', v.read_only ? 'ro' : ''].filter(Boolean).join(',');
  }
  return Object.keys(out).length ? out : undefined;
}

function networkMode(input: ContainerSpecInput, service: ServiceConfig): string | undefined {
  if (service.network_mode) return resolveModeRef(service.network_mode, input);
  const first = primaryNetwork(service);
  return first ? input.project.networks[first]?.name ?? first : undefined;
}

function volumesFromOf(entry: string, input: ContainerSpecInput): string {
  const ref = volumesFromRef(entry);
  const target = ref.kind === 'container' ? ref.name : input.containerIdOfService(ref.name);
  return ref.mode ? `${target}:${ref.mode}` : target;
}

function networking(input: ContainerSpecInput, service: ServiceConfig) {
  const extra: ContainerSpec['extraNetworks'] = [];
  let primary: { network: string; endpoint: EndpointConfig } | undefined;
  if (service.network_mode) return { primary, extra };
  for (const key of networksByPriority(service)) {
    const opts = service.networks?.[key];
    const network = input.project.networks[key]?.name ?? key;
    const aliases = input.engineAliases ? [input.serviceName, ...(opts?.aliases ?? [])] : undefined;
    const endpoint: EndpointConfig = dropUndefined({
      Aliases: aliases,
      IPAMConfig: opts?.ipv4_address || opts?.ipv6_address ? dropUndefined({ IPv4Address: opts.ipv4_address, IPv6Address: opts.ipv6_address }) : undefined,
      Links: service.links?.map((l) => linkOf(l, input)),
    });
    if (!primary) primary = { network, endpoint };
    else extra.push({ network, endpoint });
  }
  return { primary, extra };
}

/** `db` / `db:database` → `<container>:<alias>`, as the engine expects endpoint links. */
function linkOf(link: string, input: ContainerSpecInput): string {
  const { service, alias } = linkRef(link);
  return `${containerName(input.project.name, service, 1)}:${alias}`;
}

function dropUndefined<T extends Record<string, unknown>>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}
