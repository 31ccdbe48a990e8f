/**
 * Semantic checks on the whole project (after merging): references that point nowhere, dependency cycles,
 * names and ports two services cannot share. Each finding names the key path; the loader adds the position.
 */
import type { Project } from '../model/project.js';
import { desiredReplicas } from '../model/project.js';
import { namespaceRefs, volumesFromRef } from '../model/service-refs.js';
import { FieldError } from './field-error.js';
import { findCycle } from '../planner/graph.js';
import { closest } from '../errors/suggest.js';

function suggestion(name: string, candidates: string[]): string | undefined {
  const c = closest(name, candidates);
  return c ? `did you mean "${c}"?` : undefined;
}

/**
 * `preflight` adds what only matters before creating containers (build contexts and secret files on disk, host
 * ports two services both publish); `config` leaves those to `up`, as docker compose does.
 */
export function checkProject(project: Project, fileExists: (path: string) => boolean, preflight = false): void {
  const serviceNames = Object.keys(project.services);
  const allServices = [...serviceNames, ...Object.keys(project.meta.disabledServices)];
  const containerNames = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  for (const name of serviceNames.sort()) {
    const s = project.services[name]!;
    const p = ['services', name];
    if (!s.image && !s.build) throw new FieldError(p, `service "${name}" has neither an image nor a build context specified: at least one must be provided`, undefined, true);
    if (s.network_mode && s.networks && Object.keys(s.networks).length) throw new FieldError([...p, 'network_mode'], `service ${name} declares mutually exclusive \`network_mode\` and \`networks\``);
    for (const { key, service: ref } of namespaceRefs(s)) {
      if (!allServices.includes(ref)) throw new FieldError([...p, key], `service "${name}" refers to undefined service "${ref}" in ${key}`, suggestion(ref, serviceNames));
    }
    (s.volumes_from ?? []).forEach((v, i) => {
      const ref = volumesFromRef(v);
      if (ref.kind === 'service' && !allServices.includes(ref.name)) throw new FieldError([...p, 'volumes_from', i], `service "${name}" refers to undefined service "${ref.name}" in volumes_from`, suggestion(ref.name, serviceNames));
    });
    // After network_mode/volumes_from: normalization copies those into depends_on, and their own key says more.
    for (const [dep, d] of Object.entries(s.depends_on ?? {})) {
      if (!project.services[dep] && d.required !== false) {
        throw new FieldError([...p, 'depends_on', dep], `service "${name}" depends on undefined service "${dep}"`, suggestion(dep, serviceNames));
      }
    }
    for (const net of Object.keys(s.networks ?? {})) {
      if (!project.networks[net]) throw new FieldError([...p, 'networks', net], `service "${name}" refers to undefined network "${net}"`, suggestion(net, Object.keys(project.networks)));
    }
    (s.volumes ?? []).forEach((v, i) => {
      if (v.type === 'volume' && v.source && !project.volumes[v.source]) throw new FieldError([...p, 'volumes', i], `service "${name}" refers to undefined volume "${v.source}"`, suggestion(v.source, Object.keys(project.volumes)));
    });
    for (const kind of ['secrets', 'configs'] as const) {
      (s[kind] ?? []).forEach((ref, i) => {
        if (!project[kind][ref.source]) throw new FieldError([...p, kind, i], `service "${name}" refers to undefined ${kind.slice(0, -1)} "${ref.source}"`, suggestion(ref.source, Object.keys(project[kind])));
      });
    }
    if (preflight && s.build && !/^(https?:|git@|git:)/.test(s.build.context) && !fileExists(s.build.context)) {
      throw new FieldError([...p, 'build'], `build context ${s.build.context} does not exist`);
    }
    if (s.container_name) {
      if (desiredReplicas(s) > 1) throw new FieldError([...p, 'container_name'], `service "${name}" sets container_name "${s.container_name}" and has ${desiredReplicas(s)} replicas: a container name must be unique`);
      const other = containerNames.get(s.container_name);
      if (other) throw new FieldError([...p, 'container_name'], `services "${other}" and "${name}" both use container_name "${s.container_name}"`);
      containerNames.set(s.container_name, name);
    }
    (s.ports ?? []).forEach((port, i) => {
      if (!preflight || !port.published) return;
      const key = `${port.host_ip || '0.0.0.0'}:${port.published}/${port.protocol ?? 'tcp'}`;
      const other = hostPorts.get(key);
      if (other && other !== name) throw new FieldError([...p, 'ports', i], `host port ${key} is published by both services.${other} and services.${name}`);
      hostPorts.set(key, name);
    });
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [key, v] of Object.entries(project[kind])) {
      if (preflight && v.file && !v.external && !fileExists(v.file)) throw new FieldError([kind, key, 'file'], `${kind.slice(0, -1)} "${key}": file ${v.file} does not exist`);
    }
  }
  const cycle = findCycle(project);
  if (cycle) throw new FieldError(['services', cycle[0]!, 'depends_on'], `dependency cycle detected: ${cycle.join(' -> ')}`, undefined, false, false);
}
