/**
 * planDown / planStop: containers stop in reverse dependency order (a container stops after the containers that
 * depend on it), then are removed; then networks (best effort: another project may still use them) and, with
 * -v, volumes. Without a project model, labels are the only state: everything labelled with the project goes.
 */
import type { Project, ServiceConfig } from '../model/project.js';
import type { ObservedContainer, ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import { PlanBuilder } from './plan-builder.js';
import { dependentsOf, serviceGraph } from './graph.js';
import { durationWholeSeconds } from '../model/units.js';

export interface DownPlanOptions {
  removeVolumes?: boolean;
  removeOrphans?: boolean;
  timeoutSec?: number;
  services?: string[];
}

export function stopTimeout(service: ServiceConfig | undefined, explicit?: number): number | undefined {
  return explicit ?? durationWholeSeconds(service?.stop_grace_period);
}

/** Containers of services the project no longer defines (one-offs excluded). */
export function orphansOf(project: Project, observed: ObservedState): ObservedContainer[] {
  return observed.containers.filter((c) => !c.oneoff && !project.services[c.serviceName] && !project.meta.disabledServices[c.serviceName]);
}

const isRunning = (c: ObservedContainer) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
const resourceOf = (c: ObservedContainer) => `service:${c.serviceName}:${c.number}` as const;

/**
 * Stop nodes in reverse dependency order; returns container id → the node after which the container is down.
 * With `removeAtOnce` (down -t 0), a container nothing depends on gets no stop: its forced remove, added here,
 * kills it at once, and the stops of what it depends on wait for that remove.
 */
function addStops(b: PlanBuilder, project: Project | undefined, containers: ObservedContainer[], timeoutSec: number | undefined, removeAtOnce?: (c: ObservedContainer) => number): Map<string, number> {
  const graph = project ? serviceGraph(project) : undefined;
  const stopIds = new Map<string, number>();
  const byService = new Map<string, ObservedContainer[]>();
  for (const c of containers) byService.set(c.serviceName, [...(byService.get(c.serviceName) ?? []), c]);
  const visited = new Set<string>();
  const visit = (serviceName: string) => {
    if (visited.has(serviceName)) return;
    visited.add(serviceName);
    // Dependents first: their stop nodes must exist for this service's stops to depend on them.
    const dependents = graph ? dependentsOf(graph, serviceName) : [];
    for (const d of dependents) visit(d);
    const after = dependents.flatMap((d) => (byService.get(d) ?? []).map((c) => stopIds.get(c.id)));
    for (const c of byService.get(serviceName) ?? []) {
      if (!isRunning(c)) continue;
      // With no grace period, the forced remove kills the container at once: a stop would be a wasted call.
      if (removeAtOnce && timeoutSec === 0 && !project?.services[serviceName]?.pre_stop?.length && dependents.length === 0) {
        stopIds.set(c.id, removeAtOnce(c));
        continue;
      }
      stopIds.set(c.id, b.add({ kind: 'StopContainer', resource: resourceOf(c), containerId: c.id, timeoutSec: timeoutSec ?? stopTimeout(project?.services[serviceName]) }, 'down', after));
    }
  };
  for (const name of [...byService.keys()].sort()) visit(name);
  return stopIds;
}

export function planStop(project: Project | undefined, observed: ObservedState, options: { services?: string[]; timeoutSec?: number } = {}): Plan {
  const b = new PlanBuilder();
  const containers = observed.containers.filter((c) => !c.oneoff && (!options.services?.length || options.services.includes(c.serviceName)));
  addStops(b, project, containers, options.timeoutSec);
  return b.build();
}

export function planDown(project: Project | undefined, observed: ObservedState, options: DownPlanOptions = {}): Plan {
  const b = new PlanBuilder();
  const orphans = project ? new Set(orphansOf(project, observed).map((c) => c.id)) : new Set<string>();
  const containers = observed.containers.filter((c) =>
    (!options.services?.length || options.services.includes(c.serviceName)) && (!orphans.has(c.id) || options.removeOrphans));
  if (orphans.size && !options.removeOrphans) {
    b.warnings.push(`Found orphan containers ([${observed.containers.filter((c) => orphans.has(c.id)).map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
  }
  const remove = (c: ObservedContainer, after?: number) => b.add({ kind: 'RemoveContainer', resource: resourceOf(c), containerId: c.id, removeVolumes: options.removeVolumes }, 'down', [after]);
  const removedAtOnce = new Map<string, number>();
  const stopIds = addStops(b, project, containers, options.timeoutSec, (c) => {
    const id = remove(c);
    removedAtOnce.set(c.id, id);
    return id;
  });
  const removes = containers.map((c) => removedAtOnce.get(c.id) ?? remove(c, stopIds.get(c.id)));
  if (options.services?.length) return b.build();

  const networkNames = project
    ? Object.values(project.networks).filter((n) => !n.external).map((n) => n.name)
    : observed.networks.filter((n) => n.key !== undefined).map((n) => n.name); // only networks the project created (labelled)
  for (const name of [...new Set(networkNames)].sort()) {
    if (!observed.networks.some((n) => n.name === name)) continue;
    b.add({ kind: 'RemoveNetwork', resource: `network:${name}`, networkName: name }, 'down', removes, true);
  }
  if (options.removeVolumes) {
    const volumeNames = project
      ? Object.values(project.volumes).filter((v) => !v.external).map((v) => v.name)
      : observed.volumes.filter((v) => v.key !== undefined).map((v) => v.name);
    for (const name of [...new Set(volumeNames)].sort()) {
      if (!observed.volumes.some((v) => v.name === name)) continue;
      b.add({ kind: 'RemoveVolume', resource: `volume:${name}`, volumeName: name }, 'down -v', removes, true);
    }
  }
  return b.build();
}
