/** pull, push: image operations over the project's services (build: build.ts). */
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';
import { withRenderer } from '../with-renderer.js';

function checkServices(project: { services: Record<string, unknown> }, services: string[]): void {
  for (const s of services) if (!project.services[s]) throw new UsageError(`no such service: ${s}`);
}

export const pull: CommandModule = {
  summary: 'Pull service images',
  usage: 'pull [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'ignore-buildable', type: 'boolean', description: 'Ignore images that can be built' },
    { name: 'ignore-pull-failures', type: 'boolean', description: 'Pull what it can and ignores images with pull failures' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Pull without printing progress information' },
    { name: 'include-deps', type: 'boolean', description: 'Also pull services declared as dependencies' },
  ],
  async run(ctx, flags, services) {
    const project = await ctx.loadProject({ services });
    checkServices(project, services);
    await withRenderer(ctx, (t) => t.pull(project, { services, ignoreBuildable: Boolean(flags['ignore-buildable']), ignorePullFailures: Boolean(flags['ignore-pull-failures']) }, ctx.signal));
    return 0;
  },
};

export const push: CommandModule = {
  summary: 'Push service images',
  usage: 'push [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'ignore-push-failures', type: 'boolean', description: 'Push what it can and ignores images with push failures' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Push without printing progress information' },
  ],
  async run(ctx, flags, services) {
    const project = await ctx.loadProject({ services });
    checkServices(project, services);
    await withRenderer(ctx, (t) => t.push(project, { services, ignorePushFailures: Boolean(flags['ignore-push-failures']) }, ctx.signal));
    return 0;
  },
};
