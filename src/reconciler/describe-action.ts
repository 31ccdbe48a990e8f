/** How an action is named in progress output, as docker compose names it (`Container shop-web-1  Started`). */
import type { Action } from '../model/plan.js';
import { containerName } from '../model/names.js';

/** Undefined for steps docker compose does not report (the pre-flight, the DNS start): they emit no progress. */
export function describeAction(action: Action, projectName: string): { resource: string; working: string; done: string } | undefined {
  switch (action.kind) {
    case 'CreateNetwork': return { resource: `Network ${action.resource.slice(8)}`, working: 'Creating', done: 'Created' };
    case 'RemoveNetwork': return { resource: `Network ${action.networkName}`, working: 'Removing', done: 'Removed' };
    case 'CreateVolume': return { resource: `Volume ${action.resource.slice(7)}`, working: 'Creating', done: 'Created' };
    case 'RemoveVolume': return { resource: `Volume ${action.volumeName}`, working: 'Removing', done: 'Removed' };
    case 'PullImage': return { resource: `Image ${action.image}`, working: 'Pulling', done: 'Pulled' };
    case 'BuildImage': return { resource: `Image ${action.image}`, working: 'Building', done: 'Built' };
    case 'CreateContainer': return { resource: containerLabel(action.resource, projectName), working: action.replaces ? 'Recreate' : 'Creating', done: action.replaces ? 'Recreated' : 'Created' };
    case 'StartContainer': return { resource: containerLabel(action.resource, projectName), working: 'Starting', done: 'Started' };
    case 'StopContainer': return { resource: containerLabel(action.resource, projectName), working: 'Stopping', done: 'Stopped' };
    case 'RemoveContainer': return { resource: containerLabel(action.resource, projectName), working: 'Removing', done: 'Removed' };
    case 'RenameContainer': return { resource: containerLabel(action.resource, projectName), working: 'Renaming', done: 'Renamed' };
    case 'RestartContainer': return { resource: containerLabel(action.resource, projectName), working: 'Restarting', done: 'Restarted' };
    case 'AwaitCondition': {
      const what = action.condition === 'service_healthy' ? 'Healthy' : action.condition === 'service_completed_successfully' ? 'Exited' : 'Started';
      // docker compose shows the wait on the dependency's container row (`Container shop-db-1  Waiting` → `Healthy`);
      // waiting for `service_started` is only the dependency order, which it does not show.
      if (action.condition === 'service_started') return undefined;
      return { resource: `Container ${containerName(projectName, action.serviceName, 1)}`, working: 'Waiting', done: what };
    }
    case 'CheckHostPorts':
    case 'StartDns': return undefined;
  }
}

/** `service:web:1` in project shop → `Container shop-web-1`. */
function containerLabel(resource: string, projectName: string): string {
  const [, service, n] = resource.split(':');
  return `Container ${containerName(projectName, service!, Number(n))}`;
}
