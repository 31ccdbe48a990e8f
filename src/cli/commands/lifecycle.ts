/** start, stop, restart, rm, create: container lifecycle over the project's services. */
import type { CommandModule } from '../context.js';
import { convergenceFlags, upOptionsFrom } from './up-flags.js';
import { withDependencies } from '../../planner/graph.js';
import { UsageError } from '../../errors/index.js';
import { withRenderer } from '../with-renderer.js';


export const stop: CommandModule = {
  summary: 'Stop services',
  usage: 'stop [OPTIONS] [SERVICE...]',
  flags: [{ name: 'timeout', short: 't', type: 'number', description: 'Specify a shutdown timeout in seconds' }],
  async run(ctx, flags, services) {
    const target = await ctx.projectOrName(services);
    await withRenderer(ctx, (t) => t.stop(target, { services: services.length ? services : undefined, timeoutSec: flags.timeout as number | undefined }, ctx.signal));
    return 0;
  },
};

export const start: CommandModule = {
  summary: 'Start services',
  usage: 'start [SERVICE...]',
  flags: [
    { name: 'wait', type: 'boolean', description: 'Wait for services to be running|healthy' },
    { name: 'wait-timeout', type: 'number', description: 'Maximum duration in seconds to wait for the project to be running|healthy' },
  ],
  async run(ctx, flags, services) {
    const target = await ctx.projectOrName(services);
    await withRenderer(ctx, (t) => t.start(target, { services: services.length ? services : undefined, wait: Boolean(flags.wait) }, ctx.signal));
    return 0;
  },
};

export const restart: CommandModule = {
  summary: 'Restart service containers',
  usage: 'restart [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'timeout', short: 't', type: 'number', description: 'Specify a shutdown timeout in seconds' },
    { name: 'no-deps', type: 'boolean', description: 'Don\'t restart dependent services' },
  ],
  async run(ctx, flags, services) {
    const target = await ctx.projectOrName(services);
    await withRenderer(ctx, (t) => t.restart(target, { services: services.length ? services : undefined, timeoutSec: flags.timeout as number | undefined }, ctx.signal));
    return 0;
  },
};

export const rm: CommandModule = {
  summary: 'Removes stopped service containers',
  usage: 'rm [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'force', short: 'f', type: 'boolean', description: 'Don\'t ask to confirm removal' },
    { name: 'stop', short: 's', type: 'boolean', description: 'Stop the containers, if required, before removing' },
    { name: 'volumes', short: 'v', type: 'boolean', description: 'Remove any anonymous volumes attached to containers' },
  ],
  async run(ctx, flags, services) {
    const target = await ctx.projectOrName(services);
    await withRenderer(ctx, (t) => t.rm(target, { services: services.length ? services : undefined, stop: Boolean(flags.stop), removeVolumes: Boolean(flags.volumes) }, ctx.signal));
    return 0;
  },
};

export const create: CommandModule = {
  summary: 'Creates containers for a service',
  usage: 'create [OPTIONS] [SERVICE...]',
  flags: convergenceFlags,
  async run(ctx, flags, services) {
    const project = await ctx.loadProject({ services, preflight: true });
    for (const s of services) if (!project.services[s]) throw new UsageError(`no such service: ${s}`);
    const options = upOptionsFrom(flags, services);
    if (services.length && !options.noDeps) options.services = withDependencies(project, services);
    options.noStart = true;
    await withRenderer(ctx, (t) => t.up(project, options, ctx.signal));
    return 0;
  },
};
