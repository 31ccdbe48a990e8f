/**
 * `watch`: keep the running project in step with the source tree and the compose files. In the foreground it
 * prints one line per action; `up -d --watch` runs it in the background, `watch --stop` ends that.
 */
import type { CommandModule, CliContext } from '../context.js';
import type { Project } from '../../model/project.js';
import { RuntimeError } from '../../errors/index.js';
import { withRenderer } from '../with-renderer.js';
import { backgroundWatcherFiles, stopBackgroundWatcher } from './watch-background.js';

export async function runWatchForeground(ctx: CliContext, project: Project, options: { quiet?: boolean } = {}): Promise<number> {
  const { startWatchSession } = await import('../../watch/session.js');
  const tcompose = await ctx.tcompose(await (await import('../render/progress.js')).createRenderer('quiet', ctx.stderr));
  const out = (line: string) => ctx.stdout.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
  const session = await startWatchSession(tcompose, project, () => ctx.loadProject(), {
    action: (service, what, ms) => { if (!options.quiet) out(`${service.padEnd(10)} ${what} (${ms} ms)`); },
    warn: (m) => ctx.stderr.write(`WARN ${m}\n`),
    error: (m) => ctx.stderr.write(`ERROR ${m}\n`),
  });
  if (!options.quiet) out(`watching ${project.name}: ${Object.entries(project.services).filter(([, s]) => s.develop?.watch?.length).map(([n]) => n).join(', ') || 'compose files only'}`);
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  await session.stop();
  return 0;
}

export const command: CommandModule = {
  summary: 'Watch build context for service and rebuild/refresh containers when files are updated',
  usage: 'watch [SERVICE...]',
  flags: [
    { name: 'no-up', type: 'boolean', description: 'Do not build & start services before watching' },
    { name: 'quiet', type: 'boolean', description: 'Hide build output' },
    { name: 'prune', type: 'boolean', description: 'Prune dangling images on rebuild' },
    { name: 'stop', type: 'boolean', description: 'Stop the background watcher started by up -d --watch' },
    { name: 'pid-file', type: 'string', description: 'Write the watcher\'s pid to this file (used by up -d --watch)' },
  ],
  async run(ctx, flags, services) {
    if (flags.stop) {
      const target = await ctx.projectOrName();
      const projectName = typeof target === 'string' ? target : target.name;
      const stopped = await stopBackgroundWatcher(backgroundWatcherFiles(ctx.env, projectName));
      ctx.stderr.write(stopped ? `stopped the watcher of ${projectName}\n` : `no watcher is running for ${projectName}\n`);
      return 0;
    }
    const project = await ctx.loadProject({ services, preflight: true });
    if (flags['pid-file']) {
      const { writeFileSync, rmSync } = await import('node:fs');
      writeFileSync(flags['pid-file'] as string, String(process.pid));
      process.once('exit', () => rmSync(flags['pid-file'] as string, { force: true }));
    }
    if (!flags['no-up']) await withRenderer(ctx, (t) => t.up(project, { services: services.length ? services : undefined }, ctx.signal));
    if (ctx.signal.aborted) throw new RuntimeError('cancelled', 130);
    return runWatchForeground(ctx, project, { quiet: Boolean(flags.quiet) });
  },
};
