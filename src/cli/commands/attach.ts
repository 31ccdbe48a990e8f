/**
 * Attached `up`: stream the logs of the services' containers until they all exit or the user presses Ctrl+C
 * (graceful stop; a second Ctrl+C exits at once). --abort-on-container-exit / --exit-code-from decide the exit code.
 */
import type { CliContext } from '../context.js';
import type { FlagValues } from '../args.js';
import type { Project } from '../../model/project.js';
import type { Tcompose } from '../../core/index.js';
import { printLogs } from '../logs/log-printer.js';
import { displayName, prefixer } from '../logs/log-prefix.js';
import { Labels } from '../../model/labels.js';

export async function attachToProject(ctx: CliContext, tcompose: Tcompose, project: Project, services: string[], flags: FlagValues, since: number): Promise<number> {
  const attach = (flags.attach as string[] | undefined) ?? services;
  const noAttach = new Set((flags['no-attach'] as string[] | undefined) ?? []);
  const observed = await tcompose.observe(project.name);
  const containers = observed.containers.filter((c) => !c.oneoff && attach.includes(c.serviceName) && !noAttach.has(c.serviceName));
  const inspects = await Promise.all(containers.map((c) => tcompose.engine.inspectContainer(c.id)));
  const sources = containers.map((c, i) => ({ containerId: c.id, name: displayName(c.name, project.name), tty: Boolean(inspects[i]!.Config.Tty) }));
  const prefix = flags['no-log-prefix'] ? undefined : prefixer(sources.map((s) => s.name), ctx.color && !flags['no-color']);

  const stopLogs = new AbortController();
  const exitCodeFrom = flags['exit-code-from'] as string | undefined;
  const abortOnExit = Boolean(flags['abort-on-container-exit'] || exitCodeFrom);
  const abortOnFailure = Boolean(flags['abort-on-container-failure']);
  let exitCode = 0;
  let aborted = false;

  const watchExits = (async () => {
    // `since` replays what happened during `up`: a one-shot may have exited before this subscription.
    const events = tcompose.engine.events({ labels: [`${Labels.project}=${project.name}`], types: ['container'], since }, stopLogs.signal);
    const attached = new Set(containers.map((c) => c.id));
    try {
      for await (const e of events) {
        if (e.action !== 'die' || !attached.has(e.id)) continue;
        const service = e.attributes[Labels.service] ?? '';
        const code = Number(e.attributes.exitCode ?? 0);
        if (exitCodeFrom && service === exitCodeFrom) exitCode = code;
        if (abortOnExit || (abortOnFailure && code !== 0)) {
          if (!exitCodeFrom) exitCode = code;
          ctx.stderr.write(`${displayName(e.attributes.name ?? service, project.name)} exited with code ${code}\nAborting on container exit...\n`);
          aborted = true;
          // Stopping the containers ends their log streams after their last lines, which are still printed.
          await tcompose.stop(project, { timeoutSec: flags.timeout as number | undefined });
          stopLogs.abort();
        }
      }
    } catch { /* the stream ends when we stop */ }
  })();

  const onInterrupt = () => { ctx.stderr.write('Gracefully stopping... (press Ctrl+C again to force)\n'); stopLogs.abort(); };
  ctx.signal.addEventListener('abort', onInterrupt, { once: true });
  try {
    await printLogs(tcompose.engine, sources, { follow: true, tail: 'all', timestamps: Boolean(flags.timestamps), prefix, write: (s) => ctx.stdout.write(s), signal: stopLogs.signal });
  } finally {
    ctx.signal.removeEventListener('abort', onInterrupt);
    stopLogs.abort();
    await watchExits;
  }
  if (ctx.signal.aborted && !aborted) {
    await tcompose.stop(project, { timeoutSec: flags.timeout as number | undefined });
    return 130;
  }
  if (exitCodeFrom && !aborted) {
    const after = await tcompose.observe(project.name);
    exitCode = after.containers.find((c) => c.serviceName === exitCodeFrom && !c.oneoff)?.exitCode ?? exitCode;
  }
  return exitCode;
}
