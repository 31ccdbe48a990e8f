/**
 * Pure plans for `restart` and `rm`: one node per affected container. (`start` reuses planUp with noRecreate;
 * `stop` is planStop.)
 */
import type { ObservedContainer, ObservedState } from '../model/observed.js';
import type { Plan } from '../model/plan.js';
import { PlanBuilder } from './plan-builder.js';

function selected(observed: ObservedState, services?: string[]): ObservedContainer[] {
  return observed.containers.filter((c) => !c.oneoff && (!services?.length || services.includes(c.serviceName)));
}

const resource = (c: ObservedContainer) => `service:${c.serviceName}:${c.number}` as const;

export function planRestart(observed: ObservedState, options: { services?: string[]; timeoutSec?: number }): Plan {
  const b = new PlanBuilder();
  for (const c of selected(observed, options.services)) b.add({ kind: 'RestartContainer', resource: resource(c), containerId: c.id, timeoutSec: options.timeoutSec }, 'restart requested');
  return b.build();
}

export function planRemove(observed: ObservedState, options: { services?: string[]; stop?: boolean; removeVolumes?: boolean }): Plan {
  const b = new PlanBuilder();
  for (const c of selected(observed, options.services)) {
    const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
    if (running && !options.stop) continue;
    const stop = running ? b.add({ kind: 'StopContainer', resource: resource(c), containerId: c.id }, '--stop') : undefined;
    b.add({ kind: 'RemoveContainer', resource: resource(c), containerId: c.id, removeVolumes: options.removeVolumes }, 'rm requested', [stop]);
  }
  const plan = b.build();
  if (plan.nodes.length === 0) plan.warnings.push('No stopped containers');
  return plan;
}
