/** `up --watch`: watch in the foreground, or (`up -d --watch`, which docker compose refuses) in the background. */
import type { CliContext } from '../context.js';
import type { Project } from '../../model/project.js';

export async function startWatch(ctx: CliContext, project: Project, options: { detach: boolean }): Promise<number> {
  if (options.detach) {
    const { startBackgroundWatcher } = await import('./watch-background.js');
    const { pid, log } = await startBackgroundWatcher(ctx, project.name);
    ctx.stderr.write(`watching in the background (pid ${pid}, log ${log}); stop it with: tcompose -p ${project.name} watch --stop\n`);
    return 0;
  }
  const { runWatchForeground } = await import('./watch.js');
  return runWatchForeground(ctx, project);
}
