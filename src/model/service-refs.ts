/**
 * What a service says about other services outside `depends_on`, read in one place: `service:x` namespaces
 * (network_mode, ipc, pid…), `volumes_from` and `links`. Every reader (normalization, checks, the dependency
 * graph, the planner, the create body) goes through these, so the syntax is parsed once.
 */
import type { ServiceConfig } from './project.js';

/** Keys whose `service:x` value shares x's namespace (compose-go normalizes all five into depends_on). */
export const NAMESPACE_KEYS = ['network_mode', 'ipc', 'pid', 'cgroup', 'uts'] as const;
export type NamespaceKey = (typeof NAMESPACE_KEYS)[number];
/** The namespaces the engine joins by container (`container:<id>`): only these name another container. */
const CONTAINER_NAMESPACE_KEYS: readonly NamespaceKey[] = ['network_mode', 'ipc', 'pid'];

/** `service:x` → x; anything else (`host`, `container:y`, absent) → undefined. */
export function namespaceService(value: string | undefined): string | undefined {
  return value?.startsWith('service:') ? value.slice('service:'.length) : undefined;
}

export interface NamespaceRef { key: NamespaceKey; service: string }

export function namespaceRefs(service: ServiceConfig, keys: readonly NamespaceKey[] = NAMESPACE_KEYS): NamespaceRef[] {
  const out: NamespaceRef[] = [];
  for (const key of keys) {
    const value = service[key];
    const ref = typeof value === 'string' ? namespaceService(value) : undefined;
    if (ref) out.push({ key, service: ref });
  }
  return out;
}

/** One `volumes_from` entry: `svc`, `svc:ro`, `container:name`, `container:name:rw`. */
export interface VolumesFromRef { kind: 'service' | 'container'; name: string; mode?: string }

export function volumesFromRef(entry: string): VolumesFromRef {
  const kind = entry.startsWith('container:') ? 'container' : 'service';
  const [name, mode] = (kind === 'container' ? entry.slice('container:'.length) : entry).split(':');
  return mode ? { kind, name: name!, mode } : { kind, name: name! };
}

/** One `links` entry: `db` or `db:alias`. */
export function linkRef(entry: string): { service: string; alias: string } {
  const [service, alias = service] = entry.split(':');
  return { service: service!, alias: alias! };
}

/** Services whose container this one names by ID at create time: namespaces and volumes_from. */
export function containerReferences(service: ServiceConfig): string[] {
  const out = namespaceRefs(service, CONTAINER_NAMESPACE_KEYS).map((r) => r.service);
  for (const v of service.volumes_from ?? []) {
    const ref = volumesFromRef(v);
    if (ref.kind === 'service') out.push(ref.name);
  }
  return out;
}

/** Services this one needs without saying so in depends_on: links and container references. */
export function implicitDependencies(service: ServiceConfig): string[] {
  return [...(service.links ?? []).map((l) => linkRef(l).service), ...containerReferences(service)];
}
