/**
 * Runs a plan against the engine: it dispatches on `action.kind`, passes results along (a created container's
 * ID) and follows the failure policy recorded on each node (retries, kinds that mean done).
 */
import type { Action, Plan, PlanNode } from '../model/plan.js';
import type { Project } from '../model/project.js';
import type { EventSink } from '../model/events.js';
import { Labels } from '../model/labels.js';
import type { Engine } from '../engine/engine.js';
import { runDag } from './run-dag.js';
import { handlers } from './handlers.js';
import { sendWithPolicy } from './failure-policy.js';
import { describeAction } from './describe-action.js';

export interface ExecContext {
  engine: Engine;
  project: Project;
  events: EventSink;
  signal: AbortSignal;
  /** Container IDs created by this plan, by resource id (`service:web:1`). */
  createdContainers: Map<string, string>;
  /** Running container of a service, for `service:x` references (network_mode, volumes_from…). */
  containerIdOfService(serviceName: string): Promise<string>;
  /** DNS servers to give containers on a network (tcompose's embedded DNS), if it runs. */
  dnsServersFor?(networkName: string): Promise<string[] | undefined>;
  /** Start tcompose's embedded DNS (the `StartDns` node). */
  startDns?(): Promise<void>;
  useEngineAliases: boolean;
  forcePull?: boolean;
  quietPull?: boolean;
}

export interface ExecuteOptions {
  engine: Engine;
  project: Project;
  events: EventSink;
  signal?: AbortSignal;
  concurrency?: number;
  dnsServersFor?(networkName: string): Promise<string[] | undefined>;
  startDns?(): Promise<void>;
  useEngineAliases?: boolean;
}

export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<void> {
  const { engine, project, events } = options;
  const signal = options.signal ?? new AbortController().signal;
  const createdContainers = new Map<string, string>();
  const ctx: ExecContext = {
    engine, project, events, signal, createdContainers,
    dnsServersFor: options.dnsServersFor,
    startDns: options.startDns,
    useEngineAliases: options.useEngineAliases ?? true,
    async containerIdOfService(serviceName) {
      const created = [...createdContainers.entries()].find(([res]) => res.startsWith(`service:${serviceName}:`));
      if (created) return created[1];
      const list = await engine.listContainers({ labels: [`${Labels.project}=${project.name}`, `${Labels.service}=${serviceName}`, `${Labels.oneoff}=False`], all: true }, signal);
      const first = list.sort((a, b) => Number(a.labels[Labels.containerNumber]) - Number(b.labels[Labels.containerNumber]))[0];
      if (!first) throw new Error(`service ${serviceName} has no container`);
      return first.id;
    },
  };
  for (const w of plan.warnings) events.warn(w);
  await runDag(plan.nodes, (node, nodeSignal) => runNode(node, { ...ctx, signal: nodeSignal }), {
    concurrency: options.concurrency,
    signal,
    onBestEffortFailure: (node, err) => events.warn(`${describeAction((node as PlanNode).action, project.name)?.resource ?? (node as PlanNode).action.resource}: ${(err as Error).message}`),
  });
}

async function runNode(node: PlanNode, ctx: ExecContext): Promise<void> {
  const send = () => sendWithPolicy(() => (handlers[node.action.kind] as (a: Action, c: ExecContext) => Promise<void>)(node.action, ctx), node.onError, ctx.signal);
  const described = describeAction(node.action, ctx.project.name);
  if (!described) return send();
  const { resource, working, done } = described;
  const started = Date.now();
  ctx.events.event({ resource, status: 'working', text: working });
  try {
    await send();
    ctx.events.event({ resource, status: 'done', text: done, elapsedMs: Date.now() - started });
  } catch (err) {
    // Once another action failed or the user cancelled, this one's failure is only a consequence.
    if (ctx.signal.aborted) ctx.events.event({ resource, status: 'skipped', text: 'Canceled', elapsedMs: Date.now() - started });
    else ctx.events.event({ resource, status: node.bestEffort ? 'warning' : 'error', text: 'Error', detail: (err as Error).message, elapsedMs: Date.now() - started });
    throw err;
  }
}
