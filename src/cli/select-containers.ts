/** The project's containers a command acts on: by service, replica index, one-off or not. */
import type { CliContext } from './context.js';
import type { ObservedContainer } from '../model/observed.js';
import type { Tcompose } from '../core/index.js';
import { RuntimeError, UsageError } from '../errors/index.js';

export interface Selection {
  projectName: string;
  tcompose: Tcompose;
  containers: ObservedContainer[];
}

export async function selectContainers(ctx: CliContext, services: string[], options: { index?: number; includeOneoff?: boolean; running?: boolean } = {}): Promise<Selection> {
  // With the name given (-p), the engine is asked while the compose file loads.
  const givenName = ctx.givenProjectName;
  const tcomposeReady = ctx.tcompose();
  const early = givenName ? tcomposeReady.then((t) => t.observe(givenName, ctx.signal)) : undefined;
  early?.catch(() => undefined); // awaited below, or not needed
  const target = await ctx.projectOrName(services);
  const projectName = typeof target === 'string' ? target : target.name;
  if (typeof target !== 'string') for (const s of services) if (!target.services[s]) throw new UsageError(`no such service: ${s}`);
  const tcompose = await tcomposeReady;
  const observed = early && projectName === givenName ? await early : await tcompose.observe(projectName, ctx.signal);
  const containers = observed.containers.filter((c) =>
    (options.includeOneoff || !c.oneoff)
    && (services.length === 0 || services.includes(c.serviceName))
    && (options.index === undefined || c.number === options.index)
    && (!options.running || c.state === 'running'));
  return { projectName, tcompose, containers };
}

/** Exactly one container of a service (`exec`, `port`, `cp`): replica --index, default 1. */
export async function oneContainer(ctx: CliContext, service: string, index = 1): Promise<Selection & { container: ObservedContainer }> {
  const sel = await selectContainers(ctx, [service], { index });
  const container = sel.containers.find((c) => c.state === 'running') ?? sel.containers[0];
  if (!container) throw new RuntimeError(`service "${service}" is not running`);
  return { ...sel, container };
}
