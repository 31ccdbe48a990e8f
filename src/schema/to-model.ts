/**
 * Merged canonical data → the Project model: names, defaults (the `default` network), env_file merged into
 * environment, profiles applied. Pure apart from reading env files through the injected reader.
 */
import type { Project, ServiceConfig, NetworkConfig, VolumeConfig, SecretConfig } from '../model/project.js';
import { scopedResourceName } from '../model/names.js';
import { linkRef, namespaceRefs, volumesFromRef } from '../model/service-refs.js';
import { FieldError } from './field-error.js';
import { parseDotenv } from './dotenv.js';

export interface ModelInputs {
  name: string;
  workingDir: string;
  configFiles: string[];
  environment: Record<string, string>;
  profiles: string[];
  selectedServices: string[];
  readText: (path: string) => string | undefined;
  normalize: boolean;
}

function activeProfiles(service: Record<string, unknown>, profiles: string[]): boolean {
  const own = (service.profiles as string[] | undefined) ?? [];
  return own.length === 0 || profiles.includes('*') || own.some((p) => profiles.includes(p));
}

function mergeEnvFiles(name: string, service: Record<string, unknown>, inputs: ModelInputs): void {
  const files = service.env_file as Array<{ path: string; required?: boolean }> | undefined;
  if (!files) return;
  let fromFiles: Record<string, string> = {};
  files.forEach((f, i) => {
    const text = inputs.readText(f.path);
    if (text === undefined) {
      if (f.required === false) return;
      throw new FieldError(['services', name, 'env_file', i], `env file ${f.path} not found`);
    }
    try {
      fromFiles = { ...fromFiles, ...parseDotenv(text, (n) => inputs.environment[n]) };
    } catch (err) {
      throw new FieldError(['services', name, 'env_file', i], `${f.path}: ${(err as Error).message}`);
    }
  });
  // Explicit `environment` entries win over env files.
  service.environment = { ...fromFiles, ...((service.environment as Record<string, string | null>) ?? {}) };
  delete service.env_file;
}

/** `label_file` entries under `labels`, which win; the files stay listed (compose-go keeps `label_file`). */
function mergeLabelFiles(name: string, service: Record<string, unknown>, inputs: ModelInputs): void {
  const files = service.label_file;
  if (files === undefined || files === null) return;
  let fromFiles: Record<string, string> = {};
  (Array.isArray(files) ? files : [files]).forEach((path: unknown, i) => {
    const text = inputs.readText(String(path));
    if (text === undefined) throw new FieldError(['services', name, 'label_file', i], `label file ${String(path)} not found`);
    try {
      fromFiles = { ...fromFiles, ...parseDotenv(text, (n) => inputs.environment[n]) };
    } catch (err) {
      throw new FieldError(['services', name, 'label_file', i], `${String(path)}: ${(err as Error).message}`);
    }
  });
  service.labels = { ...fromFiles, ...((service.labels as Record<string, string>) ?? {}) };
}

function resolveUnsetEnvironment(service: Record<string, unknown>, env: Record<string, string>): void {
  const e = service.environment as Record<string, string | null> | undefined;
  if (!e) return;
  for (const [k, v] of Object.entries(e)) if (v === null && env[k] !== undefined) e[k] = env[k]!;
}

/**
 * compose normalizes implicit dependencies into depends_on: a `service:x` network/ipc/pid namespace must restart
 * with x (restart: true); volumes_from and links only need x started.
 */
function addImplicitDependencies(service: Record<string, unknown>): void {
  const deps = { ...((service.depends_on as Record<string, unknown>) ?? {}) };
  const add = (name: string, restart: boolean) => { if (!deps[name]) deps[name] = { condition: 'service_started', required: true, restart }; };
  const typed = service as ServiceConfig;
  for (const ref of namespaceRefs(typed)) add(ref.service, true);
  for (const v of typed.volumes_from ?? []) { const ref = volumesFromRef(v); if (ref.kind === 'service') add(ref.name, false); }
  // compose-go restarts a service with the services it links to, but not with those it takes volumes from.
  for (const l of typed.links ?? []) add(linkRef(l).service, true);
  if (Object.keys(deps).length) service.depends_on = deps;
}

/** A `pre_start` hook without an image runs in the service's own image (compose-go normalization). */
function inheritHookImage(service: Record<string, unknown>): void {
  if (!Array.isArray(service.pre_start) || typeof service.image !== 'string') return;
  service.pre_start = service.pre_start.map((h: Record<string, unknown>) => (h && h.image === undefined ? { ...h, image: service.image } : h));
}

/** A build arg without a value takes it from the environment, and is dropped when that has none (compose-go). */
function resolvedArgs(args: Record<string, string | null>, env: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v !== null) out[k] = v;
    else if (env[k] !== undefined) out[k] = env[k]!;
  }
  return out;
}

export function toProject(data: Record<string, unknown>, inputs: ModelInputs): Project {
  const rawServices = (data.services ?? {}) as Record<string, Record<string, unknown>>;
  const services: Record<string, ServiceConfig> = {};
  const disabled: Record<string, ServiceConfig> = {};
  const profiles = [...inputs.profiles];
  for (const s of inputs.selectedServices) for (const p of (rawServices[s]?.profiles as string[] | undefined) ?? []) profiles.push(p);
  for (const [name, raw] of Object.entries(rawServices)) {
    const service = { ...(raw ?? {}) };
    // A build without a context builds the project directory (compose-spec `build.context` default).
    const ownBuild = service.build as Record<string, unknown> | undefined;
    if (ownBuild && ownBuild.context === undefined) service.build = { context: inputs.workingDir, ...ownBuild };
    // Env and label files are part of loading, not normalization: compose-go reads them even with --no-normalize.
    mergeEnvFiles(name, service, inputs);
    resolveUnsetEnvironment(service, inputs.environment);
    mergeLabelFiles(name, service, inputs);
    if (inputs.normalize) {
      inheritHookImage(service);
      if (!service.network_mode && !service.networks) service.networks = { default: null };
      addImplicitDependencies(service);
      if (service.scale !== undefined) service.scale = Number(service.scale);
      let build = service.build as Record<string, unknown> | undefined;
      if (build?.args) service.build = build = { ...build, args: resolvedArgs(build.args as Record<string, string | null>, inputs.environment) };
      if (build && build.dockerfile === undefined && build.dockerfile_inline === undefined) service.build = { ...build, dockerfile: 'Dockerfile' };
    }
    if (activeProfiles(service, profiles) || inputs.selectedServices.includes(name)) services[name] = service as ServiceConfig;
    else disabled[name] = service as ServiceConfig;
  }
  const usedNetworks = new Set(Object.values(services).flatMap((s) => Object.keys(s.networks ?? {})));
  const networks: Record<string, NetworkConfig> = {};
  const rawNetworks = { ...((data.networks ?? {}) as Record<string, Record<string, unknown>>) };
  if (inputs.normalize && usedNetworks.has('default') && !rawNetworks.default) rawNetworks.default = {};
  // Engine-side names are normalization: --no-normalize prints resources as written (compose-go).
  const withName = (key: string, v: Record<string, unknown>) => (inputs.normalize || v?.name !== undefined ? { ...v, name: (v?.name as string) ?? (v?.external ? key : scopedResourceName(inputs.name, key)) } : { ...v });
  for (const [key, n] of Object.entries(rawNetworks)) networks[key] = withName(key, n) as NetworkConfig;
  const volumes: Record<string, VolumeConfig> = {};
  for (const [key, v] of Object.entries((data.volumes ?? {}) as Record<string, Record<string, unknown>>)) volumes[key] = withName(key, v) as VolumeConfig;
  const named = (section: string) => Object.fromEntries(Object.entries((data[section] ?? {}) as Record<string, Record<string, unknown>>).map(([key, v]) => [key, withName(key, v)])) as Record<string, SecretConfig>;
  const extensions = Object.fromEntries(Object.entries(data).filter(([k]) => k.startsWith('x-')));
  return {
    name: inputs.name,
    services, networks, volumes, secrets: named('secrets'), configs: named('configs'),
    ...extensions,
    meta: { workingDir: inputs.workingDir, configFiles: inputs.configFiles, environment: inputs.environment, profiles, disabledServices: disabled },
  };
}
