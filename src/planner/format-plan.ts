/**
 * The printable form of a plan, one line per action: `[deps] -> #id resource Kind detail (cause)`.
 * Example:
 *   [] -> #1 network:default CreateNetwork (not found)
 *   [1] -> #2 service:db:1 CreateContainer (no existing container)
 *   [2] -> #3 service:db:1 StartContainer (created)
 *   [3] -> #4 service:db AwaitCondition service_healthy (required by worker)
 */
import type { Action, Plan } from '../model/plan.js';

function detail(action: Action): string {
  switch (action.kind) {
    case 'AwaitCondition': return ` ${action.condition}${action.required ? '' : ' (optional)'}`;
    case 'CreateContainer': return action.replaces ? ` replaces ${action.replaces.slice(0, 12)}` : '';
    case 'RenameContainer': return ` to ${action.newName}`;
    case 'PullImage':
    case 'BuildImage': return ` for ${action.serviceName}`;
    case 'RemoveContainer': return action.removeVolumes ? ' with volumes' : '';
    case 'CheckHostPorts': return ` ${action.ports.map((p) => `${p.hostIp}:${p.port}`).join(' ')}`;
    default: return '';
  }
}

export function formatPlan(plan: Plan): string {
  if (plan.nodes.length === 0) return '(nothing to do)';
  return plan.nodes.map((n) => `[${n.dependsOn.join(',')}] -> #${n.id} ${n.action.resource} ${n.action.kind}${detail(n.action)} (${n.cause})${n.bestEffort ? ' best-effort' : ''}`).join('\n');
}
