/** `down`: stop and remove containers, networks (and volumes with -v), in reverse dependency order. */
import type { CommandModule } from '../context.js';
import { formatPlan } from '../../planner/format-plan.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Stop and remove containers, networks',
  usage: 'down [OPTIONS] [SERVICES]',
  flags: [
    { name: 'volumes', short: 'v', type: 'boolean', description: 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers' },
    { name: 'remove-orphans', type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
    { name: 'timeout', short: 't', type: 'number', description: 'Specify a shutdown timeout in seconds' },
    { name: 'rmi', type: 'string', description: 'Remove images used by services ("local"|"all")' },
  ],
  async run(ctx, flags, services) {
    const rmi = flags.rmi as string | undefined;
    if (rmi && rmi !== 'local' && rmi !== 'all') throw new UsageError(`invalid --rmi "${rmi}": expected local or all`);
    const target = await ctx.projectOrName(services);
    const renderer = await ctx.renderer();
    const tcompose = await ctx.tcompose(renderer);
    const options = {
      removeVolumes: Boolean(flags.volumes), removeOrphans: Boolean(flags['remove-orphans']),
      timeoutSec: flags.timeout as number | undefined, services: services.length ? services : undefined,
      dryRun: Boolean(ctx.global['dry-run']),
    };
    try {
      const plan = await tcompose.down(target, options, ctx.signal);
      if (options.dryRun) { await renderer.close(); ctx.stdout.write(`${formatPlan(plan)}\n`); }
    } finally {
      await renderer.close();
    }
    return 0;
  },
};
