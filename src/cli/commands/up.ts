/** `up`: converge the project, then either return (`-d`) or follow the logs until Ctrl+C. */
import type { CommandModule } from '../context.js';
import { convergenceFlags, upOptionsFrom } from './up-flags.js';
import { withDependencies } from '../../planner/graph.js';
import { formatPlan } from '../../planner/format-plan.js';
import { RuntimeError, UsageError, isCancelled } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Create and start containers',
  usage: 'up [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'detach', short: 'd', type: 'boolean', description: 'Detached mode: run containers in the background' },
    { name: 'wait', type: 'boolean', description: 'Wait for services to be running|healthy. Implies detached mode.' },
    { name: 'wait-timeout', type: 'number', description: 'Maximum duration in seconds to wait for the project to be running|healthy' },
    { name: 'timeout', short: 't', type: 'number', description: 'Use this timeout in seconds for container shutdown when attached or when containers are already running' },
    { name: 'no-start', type: 'boolean', description: 'Don\'t start the services after creating them' },
    { name: 'abort-on-container-exit', type: 'boolean', description: 'Stops all containers if any container was stopped' },
    { name: 'abort-on-container-failure', type: 'boolean', description: 'Stops all containers if any container exited with failure' },
    { name: 'exit-code-from', type: 'string', description: 'Return the exit code of the selected service container' },
    { name: 'attach', type: 'strings', description: 'Restrict attaching to the specified services' },
    { name: 'no-attach', type: 'strings', description: 'Do not attach (stream logs) to the specified services' },
    { name: 'no-log-prefix', type: 'boolean', description: 'Don\'t print prefix in logs' },
    { name: 'timestamps', type: 'boolean', description: 'Show timestamps' },
    { name: 'no-color', type: 'boolean', description: 'Produce monochrome output' },
    { name: 'watch', short: 'w', type: 'boolean', description: 'Watch source code and rebuild/refresh containers when files are updated' },
    ...convergenceFlags,
  ],
  async run(ctx, flags, positionals) {
    const detach = Boolean(flags.detach || flags.wait);
    if (detach && (flags['abort-on-container-exit'] || flags['abort-on-container-failure'] || flags['exit-code-from'])) {
      throw new UsageError('--abort-on-container-exit, --abort-on-container-failure and --exit-code-from are incompatible with --detach and --wait');
    }
    const project = await ctx.loadProject({ services: positionals, preflight: true });
    for (const name of positionals) if (!project.services[name]) throw new UsageError(`no such service: ${name}`);
    const options = upOptionsFrom(flags, positionals);
    if (positionals.length && !options.noDeps) options.services = withDependencies(project, positionals);
    options.wait = Boolean(flags.wait);
    options.noStart = Boolean(flags['no-start']);
    options.timeoutSec = flags.timeout as number | undefined;

    const renderer = await ctx.renderer();
    const tcompose = await ctx.tcompose(renderer);
    if (ctx.global['dry-run']) {
      const plan = await tcompose.planUp(project, options, ctx.signal);
      await renderer.close();
      ctx.stdout.write(`${formatPlan(plan)}\n`);
      return 0;
    }
    const startedAt = Math.floor(Date.now() / 1000);
    const waitTimeout = flags['wait-timeout'] as number | undefined;
    const signal = waitTimeout ? AbortSignal.any([ctx.signal, AbortSignal.timeout(waitTimeout * 1000)]) : ctx.signal;
    try {
      await tcompose.up(project, options, signal);
    } catch (err) {
      await renderer.close();
      if (waitTimeout && signal.aborted && !ctx.signal.aborted && isCancelled(err) || (err as Error)?.name === 'TimeoutError') {
        throw new RuntimeError(`timed out after ${waitTimeout}s waiting for the project to be running|healthy`);
      }
      throw err;
    }
    await renderer.close();
    if (flags.watch) {
      const { startWatch } = await import('./watch-entry.js');
      return startWatch(ctx, project, { detach });
    }
    if (detach) return 0;
    const { attachToProject } = await import('./attach.js');
    return attachToProject(ctx, tcompose, project, options.services ?? Object.keys(project.services), flags, startedAt);
  },
};
