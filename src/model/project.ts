/**
 * The one model every command reads: a compose project after loading, merging and normalization.
 *
 * Field names and shapes follow the compose-spec's canonical (long) syntax, as `docker compose config --format json`
 * prints it, so that `tcompose config` is a plain serialization of this model and a compose user recognizes every
 * key. Relative paths are already resolved against the project directory.
 */

/** `x-*` keys survive loading untouched. */
export type Extensions = { [key: `x-${string}`]: unknown };

export interface Project extends Extensions {
  name: string;
  services: Record<string, ServiceConfig>;
  networks: Record<string, NetworkConfig>;
  volumes: Record<string, VolumeConfig>;
  secrets: Record<string, SecretConfig>;
  configs: Record<string, ConfigObjConfig>;
  /** Not printed by `config`: where the project came from (labels `com.docker.compose.project.*`). */
  meta: ProjectMeta;
}

export interface ProjectMeta {
  workingDir: string;
  configFiles: string[];
  /** The variables interpolation saw (OS environment over `.env` / `--env-file`). */
  environment: Record<string, string>;
  /** Profiles that were active while loading. */
  profiles: string[];
  /** Services present in the files but disabled by profiles (needed for orphan detection). */
  disabledServices: Record<string, ServiceConfig>;
}

export interface ServiceConfig extends Extensions {
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  ports?: ServicePort[];
  expose?: string[];
  volumes?: ServiceVolume[];
  volumes_from?: string[];
  /** Normalized to a mapping; a network with no options maps to `null`. Absent when `network_mode` is set. */
  networks?: Record<string, ServiceNetwork | null>;
  network_mode?: string;
  depends_on?: Record<string, DependsOn>;
  links?: string[];
  external_links?: string[];
  restart?: string;
  labels?: Record<string, string>;
  container_name?: string;
  hostname?: string;
  domainname?: string;
  dns?: string[];
  dns_search?: string[];
  dns_opt?: string[];
  extra_hosts?: string[];
  user?: string;
  working_dir?: string;
  healthcheck?: Healthcheck;
  stop_signal?: string;
  /** Duration string, e.g. `10s`. */
  stop_grace_period?: string;
  init?: boolean;
  tty?: boolean;
  stdin_open?: boolean;
  privileged?: boolean;
  read_only?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  sysctls?: Record<string, string>;
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  devices?: Array<{ source: string; target: string; permissions?: string }>;
  tmpfs?: string[];
  shm_size?: string | number;
  mem_limit?: string | number;
  mem_reservation?: string | number;
  cpus?: number | string;
  cpu_shares?: number;
  pids_limit?: number;
  logging?: { driver?: string; options?: Record<string, string> };
  secrets?: ServiceFileRef[];
  configs?: ServiceFileRef[];
  profiles?: string[];
  scale?: number;
  deploy?: Deploy;
  pull_policy?: string;
  /** The window of `pull_policy: refresh`, like `2d` or `12h`. */
  pull_refresh_after?: string;
  ipc?: string;
  pid?: string;
  cgroup?: string;
  uts?: string;
  platform?: string;
  /** The files `labels` were read from (kept, as compose-go keeps them). */
  label_file?: string[];
  /** One-off containers run before the service starts; the loader gives them the service image by default. */
  pre_start?: Array<LifecycleHook & { image?: string }>;
  post_start?: LifecycleHook[];
  pre_stop?: LifecycleHook[];
  develop?: { watch?: WatchRule[] };
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string | null>;
  target?: string;
  labels?: Record<string, string>;
  network?: string;
  extra_hosts?: string[];
  shm_size?: string | number;
  cache_from?: string[];
  tags?: string[];
  platforms?: string[];
  /** Not canonicalized: a secret's name, or `{source, target}`. */
  secrets?: Array<string | { source: string; target?: string }>;
  /** `default`, `id=path`, a list of those, or a mapping of id to path. */
  ssh?: string | string[] | Record<string, string | null>;
  cache_to?: string[];
  no_cache?: boolean;
  pull?: boolean;
}

export interface ServicePort {
  name?: string;
  mode?: string;
  host_ip?: string;
  target: number;
  /** A string, as in compose-go's model: it may be a range (`8000-8010`). */
  published?: string;
  protocol?: string;
  app_protocol?: string;
}

export interface ServiceVolume {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
  image?: { subpath?: string };
}

export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
  priority?: number;
}

export type DependsOnCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependsOn {
  condition: DependsOnCondition;
  required: boolean;
  restart?: boolean;
}

export interface Healthcheck {
  test?: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

export interface ServiceFileRef {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface Deploy {
  replicas?: number;
  resources?: {
    limits?: { cpus?: string | number; memory?: string; pids?: number };
    reservations?: { cpus?: string | number; memory?: string };
  };
  restart_policy?: { condition?: string; max_attempts?: number };
}

export interface LifecycleHook {
  command: string[];
  user?: string;
  privileged?: boolean;
  working_dir?: string;
  environment?: Record<string, string | null>;
}

export interface WatchRule {
  path: string;
  action: 'sync' | 'rebuild' | 'restart' | 'sync+restart' | 'sync+exec';
  target?: string;
  ignore?: string[];
  include?: string[];
  initial_sync?: boolean;
  exec?: { command: string[]; user?: string; working_dir?: string; environment?: Record<string, string | null> };
}

export interface NetworkConfig extends Extensions {
  /** The engine-side name: `<project>_<key>` unless `name:` or `external` says otherwise. */
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: {
    driver?: string;
    config?: Array<{ subnet?: string; ip_range?: string; gateway?: string; aux_addresses?: Record<string, string> }>;
    options?: Record<string, string>;
  };
  external?: boolean;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  labels?: Record<string, string>;
}

export interface VolumeConfig extends Extensions {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
}

export interface SecretConfig extends Extensions {
  name: string;
  file?: string;
  environment?: string;
  content?: string;
  external?: boolean;
  labels?: Record<string, string>;
}

export type ConfigObjConfig = SecretConfig;

/** Number of replicas a service asks for (`scale`, else `deploy.replicas`, else 1). */
export function desiredReplicas(service: ServiceConfig): number {
  return service.scale ?? service.deploy?.replicas ?? 1;
}
