/**
 * Pure plans for `restart` and `rm`: one node per affected container. (`start` reuses planUp with noRecreate;
 * `stop` is planStop.)
 */
import type { ObservedContainer, ObservedState } from '../model/observed.js';
import type { Plan, PlanNode } from '../model/plan.js';

function selected(observed: ObservedState, services?: string[]): ObservedContainer[] {
  return observed.containers.filter((c) => !c.oneoff && (!services?.length || services.includes(c.serviceName)));
}

const resource = (c: ObservedContainer) => `service:${c.serviceName}:${c.number}` as const;

export function planRestart(observed: ObservedState, options: { services?: string[]; timeoutSec?: number }): Plan {
  const nodes: PlanNode[] = selected(observed, options.services)
    .map((c, i) => ({ id: i + 1, action: { kind: 'RestartContainer', resource: resource(c), containerId: c.id, timeoutSec: options.timeoutSec }, cause: 'restart requested', dependsOn: [] }));
  return { nodes, warnings: [] };
}

export function planRemove(observed: ObservedState, options: { services?: string[]; stop?: boolean; removeVolumes?: boolean }): Plan {
  const nodes: PlanNode[] = [];
  const warnings: string[] = [];
  for (const c of selected(observed, options.services)) {
    const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
    if (running && !options.stop) continue;
    let dependsOn: number[] = [];
    if (running) {
      nodes.push({ id: nodes.length + 1, action: { kind: 'StopContainer', resource: resource(c), containerId: c.id }, cause: '--stop', dependsOn: [] });
      dependsOn = [nodes.length];
    }
    nodes.push({ id: nodes.length + 1, action: { kind: 'RemoveContainer', resource: resource(c), containerId: c.id, removeVolumes: options.removeVolumes }, cause: 'rm requested', dependsOn });
  }
  if (nodes.length === 0) warnings.push('No stopped containers');
  return { nodes, warnings };
}
