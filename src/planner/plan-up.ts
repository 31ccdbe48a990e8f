/**
 * planUp: desired project × observed engine state → the actions that converge them. Pure.
 *
 * - Networks and volumes the selected services use are created when missing (external ones never).
 * - Each replica is kept when its config hash and image ID match, started if stopped, and recreated otherwise:
 *   create beside the old one (temporary name) → stop old → remove old → rename → start.
 * - A container's start waits only for the conditions of its own dependencies (AwaitCondition nodes), so the
 *   reconciler can run the plan along the critical path.
 * - Replicas: --scale, else `scale`, else `deploy.replicas`; new ones take the next numbers, extra ones go from
 *   the highest number down.
 * - Nothing changed ⇒ no node at all (except the waits asked for with --wait).
 * Images are planned separately (plan-images.ts) and must be present in `observed.images` by now.
 */
import type { DependsOn, DependsOnCondition, Project } from '../model/project.js';
import { desiredReplicas } from '../model/project.js';
import type { ObservedContainer, ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import { containerName } from '../model/names.js';
import { PlanBuilder } from './plan-builder.js';
import { networkCreateRequest, volumeCreateRequest } from './resource-requests.js';
import { serviceConfigHash } from './config-hash.js';
import { assertAcyclic, dependencyOrder, serviceGraph, type ServiceGraph } from './graph.js';
import { networksByPriority } from '../model/service-networks.js';
import { containerReferences, implicitDependencies } from '../model/service-refs.js';
import { imageOf } from './plan-images.js';
import { orphansOf, stopTimeout } from './plan-down.js';

export interface UpPlanOptions {
  services?: string[];
  forceRecreate?: boolean;
  noRecreate?: boolean;
  alwaysRecreateDeps?: boolean;
  noDeps?: boolean;
  renewAnonVolumes?: boolean;
  removeOrphans?: boolean;
  scale?: Record<string, number>;
  noStart?: boolean;
  wait?: boolean;
  build?: 'always' | 'never' | 'missing';
  pull?: 'always' | 'missing' | 'never';
  timeoutSec?: number;
}

interface ServiceNodes {
  /** Start or restart nodes of the service's containers in this plan: what waits on it depend on. */
  started: number[];
  /** Create nodes: what `service:x` references (network_mode, volumes_from) depend on. */
  created: number[];
  changed: boolean;
}

export function planUp(project: Project, observed: ObservedState, options: UpPlanOptions = {}): Plan {
  assertAcyclic(project);
  const b = new PlanBuilder();
  const graph = serviceGraph(project);
  const selected = new Set(options.services?.length ? options.services : Object.keys(project.services));
  const order = dependencyOrder(project).filter((s) => selected.has(s));

  const networkNode = planNetworks(b, project, observed, order);
  const volumeNode = planVolumes(b, project, observed, order);
  const byService = new Map<string, ServiceNodes>();
  const awaits = new Map<string, number>();

  /** The wait for `dep` to reach `condition`, shared by every dependent that needs it. */
  const awaitNode = (dep: string, d: DependsOn, dependent: string): number | undefined => {
    if (!selected.has(dep) || options.noStart) return undefined;
    const key = `${dep}:${d.condition}`;
    let id = awaits.get(key);
    if (id === undefined) {
      id = b.add({ kind: 'AwaitCondition', resource: `service:${dep}`, serviceName: dep, condition: d.condition, required: d.required }, `required by ${dependent}`, byService.get(dep)?.started ?? []);
      awaits.set(key, id);
    } else if (d.required) {
      // Shared by several dependents: the wait is optional only if every dependent marked it `required: false`.
      const action = b.node(id).action;
      if (action.kind === 'AwaitCondition') action.required = true;
    }
    return id;
  };

  for (const name of order) {
    byService.set(name, planService(b, project, observed, graph, name, options, {
      networkNode, volumeNode, byService, awaitNode,
    }));
  }

  if (options.wait && !options.noStart) {
    for (const name of order) {
      const condition = waitCondition(project, name, graph);
      const key = `${name}:${condition}`;
      if (!awaits.has(key)) awaits.set(key, b.add({ kind: 'AwaitCondition', resource: `service:${name}`, serviceName: name, condition, required: true }, '--wait', byService.get(name)?.started ?? []));
    }
  }

  const orphans = orphansOf(project, observed);
  if (orphans.length && options.removeOrphans) {
    for (const c of orphans) {
      const stop = c.state === 'running' ? b.add({ kind: 'StopContainer', resource: `service:${c.serviceName}:${c.number}`, containerId: c.id, timeoutSec: options.timeoutSec }, 'orphan') : undefined;
      b.add({ kind: 'RemoveContainer', resource: `service:${c.serviceName}:${c.number}`, containerId: c.id }, 'orphan', [stop]);
    }
  } else if (orphans.length) {
    b.warnings.push(`Found orphan containers ([${orphans.map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
  }
  return b.build();
}

/** What `--wait` waits for: healthy with a healthcheck, completion for one-shots others wait on, else started. */
function waitCondition(project: Project, name: string, graph: ServiceGraph): DependsOnCondition {
  const service = project.services[name]!;
  if (service.healthcheck && !service.healthcheck.disable && service.healthcheck.test?.[0] !== 'NONE') return 'service_healthy';
  const awaitedToComplete = [...graph.edges.values()].some((deps) => deps.get(name)?.condition === 'service_completed_successfully');
  return awaitedToComplete ? 'service_completed_successfully' : 'service_started';
}

function planNetworks(b: PlanBuilder, project: Project, observed: ObservedState, services: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const keys = new Set(services.flatMap((s) => networksByPriority(project.services[s]!)));
  for (const key of [...keys].sort()) {
    const network = project.networks[key];
    if (!network || network.external) continue;
    const exists = observed.networks.some((n) => n.key === key || n.name === network.name);
    if (!exists) out.set(key, b.add({ kind: 'CreateNetwork', resource: `network:${network.name}`, request: networkCreateRequest(project, key) }, 'not found'));
  }
  return out;
}

function planVolumes(b: PlanBuilder, project: Project, observed: ObservedState, services: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const keys = new Set(services.flatMap((s) => (project.services[s]!.volumes ?? []).filter((v) => v.type === 'volume' && v.source && project.volumes[v.source]).map((v) => v.source!)));
  for (const key of [...keys].sort()) {
    const volume = project.volumes[key]!;
    if (volume.external) continue;
    const exists = observed.volumes.some((v) => v.key === key || v.name === volume.name);
    if (!exists) out.set(key, b.add({ kind: 'CreateVolume', resource: `volume:${volume.name}`, request: volumeCreateRequest(project, key) }, 'not found'));
  }
  return out;
}

interface ServiceContext {
  networkNode: Map<string, number>;
  volumeNode: Map<string, number>;
  byService: Map<string, ServiceNodes>;
  awaitNode: (dep: string, d: DependsOn, dependent: string) => number | undefined;
}

function planService(b: PlanBuilder, project: Project, observed: ObservedState, graph: ServiceGraph, name: string, options: UpPlanOptions, ctx: ServiceContext): ServiceNodes {
  const service = project.services[name]!;
  const hash = serviceConfigHash(service);
  const imageId = observed.images[imageOf(project, name)];
  const desired = options.scale?.[name] ?? desiredReplicas(service);
  const existing = observed.containers.filter((c) => c.serviceName === name && !c.oneoff).sort((a, b2) => a.number - b2.number);
  const deps = graph.edges.get(name) ?? new Map<string, DependsOn>();
  const result: ServiceNodes = { started: [], created: [], changed: false };

  // What a new container must wait for before it can be created: its networks, volumes, and services it refers to.
  const createDeps = [
    ...networksByPriority(service).map((k) => ctx.networkNode.get(k)),
    ...(service.volumes ?? []).map((v) => (v.source ? ctx.volumeNode.get(v.source) : undefined)),
    ...implicitDependencies(service).flatMap((s) => ctx.byService.get(s)?.started ?? []),
  ];
  const startDeps = () => [...deps.entries()].map(([dep, d]) => ctx.awaitNode(dep, d, name));
  const timeoutSec = stopTimeout(service, options.timeoutSec);

  const depRecreated = [...deps.keys()].some((dep) => ctx.byService.get(dep)?.changed);
  // network_mode/ipc/pid `service:x` and volumes_from name x's container by ID: a new x needs a new container here.
  const refReplaced = containerReferences(service).some((dep) => ctx.byService.get(dep)?.changed);
  const restartOnDep = [...deps.entries()].some(([dep, d]) => d.restart && ctx.byService.get(dep)?.started.length);

  const keep = existing.slice(0, desired);
  const extra = existing.slice(desired);
  for (const c of keep) {
    const cause = recreateCause(c, hash, imageId, options, depRecreated) ?? (refReplaced && !options.noRecreate ? 'the container it refers to was replaced' : undefined);
    const resource = `service:${name}:${c.number}` as const;
    if (cause) {
      result.changed = true;
      const create = b.add({ kind: 'CreateContainer', resource, serviceName: name, replica: c.number, configHash: hash, replaces: c.id, inheritVolumesFrom: options.renewAnonVolumes ? undefined : c.id }, cause, createDeps);
      result.created.push(create);
      const stop = b.add({ kind: 'StopContainer', resource, containerId: c.id, timeoutSec }, 'replaced', [create]);
      const remove = b.add({ kind: 'RemoveContainer', resource, containerId: c.id }, 'replaced', [stop]);
      const rename = b.add({ kind: 'RenameContainer', resource, serviceName: name, replica: c.number, newName: service.container_name ?? containerName(project.name, name, c.number) }, 'replaced', [remove]);
      if (!options.noStart) result.started.push(b.add({ kind: 'StartContainer', resource, serviceName: name, replica: c.number }, 'recreated', [rename, ...startDeps()]));
    } else if (c.state !== 'running' && !options.noStart && !completedOneShot(c, name, graph)) {
      result.started.push(b.add({ kind: 'StartContainer', resource, serviceName: name, replica: c.number, containerId: c.id }, `was ${c.state}`, startDeps()));
    } else if (c.state === 'running' && restartOnDep && !options.noStart) {
      result.started.push(b.add({ kind: 'RestartContainer', resource, containerId: c.id, timeoutSec }, 'a dependency with restart: true changed', startDeps()));
    }
  }
  let next = Math.max(0, ...existing.map((c) => c.number)) + 1;
  for (let i = keep.length; i < desired; i++, next++) {
    const resource = `service:${name}:${next}` as const;
    result.changed = true;
    const create = b.add({ kind: 'CreateContainer', resource, serviceName: name, replica: next, configHash: hash }, existing.length ? 'scaled up' : 'no existing container', createDeps);
    result.created.push(create);
    if (!options.noStart) result.started.push(b.add({ kind: 'StartContainer', resource, serviceName: name, replica: next }, 'created', [create, ...startDeps()]));
  }
  for (const c of extra.reverse()) {
    const resource = `service:${name}:${c.number}` as const;
    const stop = c.state === 'running' ? b.add({ kind: 'StopContainer', resource, containerId: c.id, timeoutSec }, 'scaled down') : undefined;
    b.add({ kind: 'RemoveContainer', resource, containerId: c.id }, 'scaled down', [stop]);
  }
  return result;
}

function recreateCause(c: ObservedContainer, hash: string, imageId: string | undefined, options: UpPlanOptions, depRecreated: boolean): string | undefined {
  if (options.noRecreate) return undefined;
  if (options.forceRecreate) return '--force-recreate';
  if (c.configHash !== hash) return 'config changed';
  if (imageId && c.imageId !== imageId) return 'image changed';
  if (depRecreated && options.alwaysRecreateDeps) return '--always-recreate-deps';
  return undefined;
}

/** A one-shot that finished with 0 and that others wait on to complete: running it again would repeat its work. */
function completedOneShot(c: ObservedContainer, name: string, graph: ServiceGraph): boolean {
  if (c.state !== 'exited' || c.exitCode !== 0) return false;
  return [...graph.edges.values()].some((deps) => deps.get(name)?.condition === 'service_completed_successfully');
}
