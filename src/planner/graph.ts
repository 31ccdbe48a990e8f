/**
 * The service dependency graph: explicit `depends_on` plus the implicit edges compose also honours (links,
 * `network_mode`/`ipc`/`pid: service:x`, `volumes_from`). Iteration is in sorted order so every report is stable.
 */
import type { DependsOn, Project } from '../model/project.js';
import { implicitDependencies } from '../model/service-refs.js';
import { ComposeError } from '../errors/index.js';

export interface ServiceGraph {
  /** Service → its dependencies with their conditions. */
  edges: Map<string, Map<string, DependsOn>>;
}

const IMPLICIT: DependsOn = { condition: 'service_started', required: true };

export function serviceGraph(project: Project): ServiceGraph {
  const edges = new Map<string, Map<string, DependsOn>>();
  for (const name of Object.keys(project.services).sort()) {
    const service = project.services[name]!;
    const deps = new Map<string, DependsOn>();
    for (const dep of implicitDependencies(service)) if (project.services[dep]) deps.set(dep, IMPLICIT);
    for (const [dep, d] of Object.entries(service.depends_on ?? {})) if (project.services[dep]) deps.set(dep, d);
    edges.set(name, deps);
  }
  return { edges };
}

export function dependenciesOf(graph: ServiceGraph, service: string): string[] {
  return [...(graph.edges.get(service)?.keys() ?? [])].sort();
}

export function dependentsOf(graph: ServiceGraph, service: string): string[] {
  return [...graph.edges.entries()].filter(([, deps]) => deps.has(service)).map(([name]) => name).sort();
}

/** The first cycle found, as a closed path (`['a', 'b', 'a']`), or undefined. */
export function findCycle(project: Project): string[] | undefined {
  const graph = serviceGraph(project);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of dependenciesOf(graph, name)) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of [...graph.edges.keys()].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

export function assertAcyclic(project: Project): void {
  const cycle = findCycle(project);
  if (cycle) throw new ComposeError(`dependency cycle detected: ${cycle.join(' -> ')}`, { path: `services.${cycle[0]}.depends_on` });
}

/** The named services and everything they depend on, transitively, in dependency order (dependencies first). */
export function withDependencies(project: Project, services: string[]): string[] {
  const graph = serviceGraph(project);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of dependenciesOf(graph, name)) visit(dep);
    out.push(name);
  };
  for (const s of services) visit(s);
  return out;
}

/** All services in dependency order (dependencies first), ties broken by name. */
export function dependencyOrder(project: Project): string[] {
  return withDependencies(project, Object.keys(project.services).sort());
}
