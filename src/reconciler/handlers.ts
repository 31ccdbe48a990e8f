/** One small function per action kind; leaving a kind out does not compile. */
import type { Action } from '../model/plan.js';
import { EngineError, RuntimeError } from '../errors/index.js';
import { containerSpec } from '../engine/convert.js';
import { awaitServiceCondition } from './await-condition.js';
import { buildServiceImage } from './build-image.js';
import { pullServiceImage } from './pull-image.js';
import type { ExecContext } from './execute.js';
import type { ContainerCreateBody, EndpointConfig } from '../engine/engine.js';
import { materializeFileMounts } from './secrets.js';
import { runHooks } from './hooks.js';
import { checkHostPorts } from './host-ports.js';
import { stateDir } from '../host/state-dir.js';
import { join } from 'node:path';
import { dnsLabelsFor } from '../dns/labels.js';
import { networksByPriority } from '../model/service-networks.js';
import { containerReferences } from '../model/service-refs.js';

type Handlers = { [K in Action['kind']]: (action: Extract<Action, { kind: K }>, ctx: ExecContext) => Promise<void> };

function containerIdFor(resource: string, ctx: ExecContext, explicit?: string): string {
  const id = explicit ?? ctx.createdContainers.get(resource);
  if (!id) throw new Error(`internal: no container known for ${resource}`);
  return id;
}

/** Anonymous volumes of a container, by mount target: their names are 64 hex characters. */
async function anonymousVolumesOf(ctx: ExecContext, containerId: string): Promise<Record<string, string>> {
  const inspect = await ctx.engine.inspectContainer(containerId, ctx.signal);
  const out: Record<string, string> = {};
  for (const m of inspect.Mounts) if (m.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name)) out[m.Destination] = m.Name;
  return out;
}

export const handlers: Handlers = {
  async CreateNetwork(action, ctx) {
    await ctx.engine.createNetwork(action.request, ctx.signal);
  },
  async RemoveNetwork(action, ctx) {
    await ctx.engine.removeNetwork(action.networkName, ctx.signal);
  },
  async CreateVolume(action, ctx) {
    await ctx.engine.createVolume(action.request, ctx.signal);
  },
  async RemoveVolume(action, ctx) {
    await ctx.engine.removeVolume(action.volumeName, ctx.signal);
  },
  PullImage: (action, ctx) => pullServiceImage(action.serviceName, action.image, ctx),
  BuildImage: async (action, ctx) => { await buildServiceImage(action.serviceName, action.image, ctx); },
  async CreateContainer(action, ctx) {
    const inherited = action.inheritVolumesFrom ? await anonymousVolumesOf(ctx, action.inheritVolumesFrom) : undefined;
    const serviceNetworks = networksByPriority(ctx.project.services[action.serviceName]!);
    const dnsServers = ctx.dnsServersFor ? await firstDnsServers(ctx, serviceNetworks) : undefined;
    const resolvedRefs = new Map<string, string>();
    const service = ctx.project.services[action.serviceName]!;
    for (const ref of containerReferences(service)) resolvedRefs.set(ref, await ctx.containerIdOfService(ref));
    const spec = containerSpec({
      project: ctx.project, serviceName: action.serviceName, replica: action.replica, configHash: action.configHash,
      containerIdOfService: (name) => resolvedRefs.get(name) ?? name,
      inheritedAnonymousVolumes: inherited, dnsServers, engineAliases: ctx.useEngineAliases,
    });
    // The embedded DNS reads aliases, links and hostname back from these labels (it never registers names).
    spec.body.Labels = { ...spec.body.Labels, ...dnsLabelsFor(ctx.project, action.serviceName) };
    const fileMounts = await materializeFileMounts(ctx.project, action.serviceName, join(stateDir(process.env), 'secrets'));
    if (fileMounts.length) {
      const hostConfig = (spec.body.HostConfig ??= {}) as { Binds?: string[] };
      hostConfig.Binds = [...(hostConfig.Binds ?? []), ...fileMounts.map((m) => `${m.source}:${m.target}:ro`)];
    }
    // A replacement is created beside the old container under a temporary name, then renamed (compose does the same).
    const name = action.replaces ? `${action.replaces.slice(0, 12)}_${spec.name}` : spec.name;
    let id: string;
    try {
      id = await ctx.engine.createContainer(name, spec.body, ctx.signal);
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'not-found' && /image/i.test(err.message)) {
        throw new RuntimeError(`service "${action.serviceName}": image ${spec.body.Image} is not available locally (${err.message})`);
      }
      throw err;
    }
    ctx.createdContainers.set(action.resource, id);
    for (const extra of spec.extraNetworks) await ctx.engine.connectNetwork(extra.network, id, extra.endpoint);
  },
  async StartContainer(action, ctx) {
    let id = containerIdFor(action.resource, ctx, action.containerId);
    try {
      await ctx.engine.startContainer(id, ctx.signal);
    } catch (err) {
      // An engine restarted in the middle of a start can keep a stale task for that container (its shim outlived
      // the engine); only an identical new container starts cleanly.
      if (!(err instanceof EngineError && err.kind === 'stale-task')) throw err;
      id = await replaceWithCopy(ctx, id);
      ctx.createdContainers.set(action.resource, id);
      await ctx.engine.startContainer(id, ctx.signal);
    }
    // The hooks run in the container that actually started: after a replacement, the copy.
    await runHooks(ctx.engine, id, ctx.project.services[action.serviceName]?.post_start, 'post_start');
  },
  async StopContainer(action, ctx) {
    const serviceName = action.resource.split(':')[1]!;
    const preStop = ctx.project.services[serviceName]?.pre_stop;
    // A failing pre_stop hook must not keep the container from stopping.
    if (preStop?.length) await runHooks(ctx.engine, action.containerId, preStop, 'pre_stop').catch((err) => ctx.events.warn((err as Error).message));
    await ctx.engine.stopContainer(action.containerId, action.timeoutSec, ctx.signal);
  },
  async RemoveContainer(action, ctx) {
    await ctx.engine.removeContainer(action.containerId, { force: true, volumes: action.removeVolumes ?? false }, ctx.signal);
  },
  async RenameContainer(action, ctx) {
    await ctx.engine.renameContainer(containerIdFor(action.resource, ctx), action.newName, ctx.signal);
  },
  async RestartContainer(action, ctx) {
    await ctx.engine.restartContainer(action.containerId, action.timeoutSec, ctx.signal);
  },
  CheckHostPorts: (action, ctx) => checkHostPorts(ctx.engine, action.ports, action.ownContainers, ctx.signal),
  async StartDns(_action, ctx) {
    await ctx.startDns?.();
  },
  async AwaitCondition(action, ctx) {
    try {
      await awaitServiceCondition(ctx.engine, ctx.project.name, action.serviceName, action.condition, ctx.signal);
    } catch (err) {
      if (action.required || ctx.signal.aborted) throw err;
      ctx.events.warn(`optional dependency ${action.serviceName} failed: ${(err as Error).message}`);
    }
  },
};

/** Remove a never-started container and create an identical one (same name, config, networks). */
async function replaceWithCopy(ctx: ExecContext, containerId: string): Promise<string> {
  const old = await ctx.engine.inspectContainer(containerId, ctx.signal);
  const networks = Object.entries(old.NetworkSettings.Networks ?? {});
  const endpoint = (n: { Aliases?: string[]; IPAMConfig?: unknown }) => ({ Aliases: n.Aliases ?? undefined, IPAMConfig: n.IPAMConfig ?? undefined }) as EndpointConfig;
  const [primary, ...others] = networks;
  await ctx.engine.removeContainer(containerId, { force: true }, ctx.signal);
  const body = {
    ...old.Config, HostConfig: old.HostConfig,
    NetworkingConfig: primary ? { EndpointsConfig: { [primary[0]]: endpoint(primary[1]) } } : undefined,
  } as ContainerCreateBody;
  const fresh = await ctx.engine.createContainer(old.Name.replace(/^\//, ''), body, ctx.signal);
  for (const [name, n] of others) await ctx.engine.connectNetwork(name, fresh, endpoint(n));
  return fresh;
}

async function firstDnsServers(ctx: ExecContext, networkKeys: string[]): Promise<string[] | undefined> {
  for (const key of networkKeys) {
    const servers = await ctx.dnsServersFor!(ctx.project.networks[key]?.name ?? key);
    if (servers?.length) return servers;
  }
  return undefined;
}
