/**
 * A plan is a value: a graph of actions, each one engine operation (or one wait), with the actions it depends on.
 * The planner builds it without touching the engine; the reconciler runs it; `--dry-run` prints it.
 */
import type { DependsOnCondition } from './project.js';
import type { NetworkCreateBody, VolumeCreateBody } from './engine-requests.js';
import type { EngineErrorKind } from './engine-error-kind.js';

export type ResourceId = `service:${string}:${number}` | `service:${string}` | `network:${string}` | `volume:${string}` | `image:${string}` | `host:${string}`;

/** A host port a container will publish, checked before anything is created. */
export interface HostPortClaim { serviceName: string; hostIp: string; port: number }

export type Action =
  | { kind: 'CreateNetwork'; resource: `network:${string}`; request: NetworkCreateBody }
  | { kind: 'RemoveNetwork'; resource: `network:${string}`; networkName: string }
  | { kind: 'CreateVolume'; resource: `volume:${string}`; request: VolumeCreateBody }
  | { kind: 'RemoveVolume'; resource: `volume:${string}`; volumeName: string }
  | { kind: 'PullImage'; resource: `image:${string}`; serviceName: string; image: string }
  | { kind: 'BuildImage'; resource: `image:${string}`; serviceName: string; image: string }
  | { kind: 'CreateContainer'; resource: `service:${string}:${number}`; serviceName: string; replica: number; configHash: string;
      /** Set when this container replaces another (recreate): it is created under a temporary name, then renamed. */
      replaces?: string; inheritVolumesFrom?: string }
  | { kind: 'StartContainer'; resource: `service:${string}:${number}`; serviceName: string; replica: number; containerId?: string }
  | { kind: 'StopContainer'; resource: `service:${string}:${number}`; containerId: string; timeoutSec?: number }
  | { kind: 'RemoveContainer'; resource: `service:${string}:${number}`; containerId: string; removeVolumes?: boolean }
  | { kind: 'RenameContainer'; resource: `service:${string}:${number}`; serviceName: string; replica: number; newName: string }
  | { kind: 'RestartContainer'; resource: `service:${string}:${number}`; containerId: string; timeoutSec?: number }
  | { kind: 'AwaitCondition'; resource: `service:${string}`; serviceName: string; condition: DependsOnCondition; required: boolean }
  /** Pre-flight: every claimed port is free, or held by one of `ownContainers` (a recreate releases those first). */
  | { kind: 'CheckHostPorts'; resource: 'host:ports'; ports: HostPortClaim[]; ownContainers: string[] }
  /** tcompose's embedded DNS runs before containers are created with its address. */
  | { kind: 'StartDns'; resource: 'host:dns' };

export type ActionKind = Action['kind'];

export interface PlanNode {
  id: number;
  action: Action;
  /** Why this action is needed, for humans: `config changed`, `not found`, `required by worker`. */
  cause: string;
  dependsOn: number[];
  /** A failure is reported as a warning and does not cancel the plan (e.g. removing a network still in use). */
  bestEffort?: boolean;
  /** What the executor does when the engine refuses, by error kind; absent: the failure is the node's failure. */
  onError?: FailurePolicy;
}

export interface FailurePolicy {
  /** Kinds that mean the goal already holds (removing what is gone, creating what another run just created). */
  done?: EngineErrorKind[];
  /** Send again, with backoff, while the engine answers with this kind, for at most `withinMs`. */
  retry?: { on: EngineErrorKind; withinMs: number };
}

export interface Plan {
  /** In topological order. */
  nodes: readonly PlanNode[];
  warnings: string[];
}
