/**
 * Attached `up`, as docker compose does it (pkg/compose/up.go, attach.go, printer.go): "Attaching to a-1, b-1",
 * the containers' logs with colored prefixes, "b-1 exited with code N" as each one exits; Ctrl+C stops the project
 * gracefully with its stop progress on screen, a second Ctrl+C kills the containers. --abort-on-container-exit /
 * --exit-code-from decide the exit code.
 */
import type { CliContext } from '../context.js';
import type { FlagValues } from '../args.js';
import type { Project } from '../../model/project.js';
import type { Tcompose } from '../../core/index.js';
import { PROJECT_RESOURCE } from '../../model/events.js';
import { printLogs } from '../logs/log-printer.js';
import { displayName, prefixer, statusLiner } from '../logs/log-prefix.js';
import { onSecondInterrupt } from '../interrupts.js';
import { Labels } from '../../model/labels.js';

const GRACEFUL = 'Gracefully Stopping... press Ctrl+C again to force';
const ABORTING = 'Aborting on container exit...';
/** After the containers stopped, how long their `die` events may take to arrive before we stop listening. */
const EXIT_EVENTS_GRACE_MS = 2000;

export async function attachToProject(ctx: CliContext, tcompose: Tcompose, project: Project, services: string[], flags: FlagValues, since: number): Promise<number> {
  const renderer = await ctx.renderer();
  const attach = (flags.attach as string[] | undefined) ?? services;
  const noAttach = new Set((flags['no-attach'] as string[] | undefined) ?? []);
  const observed = await tcompose.observe(project.name);
  // Sorted by name, as docker compose sorts them: the same colors every run.
  const containers = observed.containers.filter((c) => !c.oneoff && attach.includes(c.serviceName) && !noAttach.has(c.serviceName))
    .sort((a, b) => a.name.localeCompare(b.name));
  const inspects = await Promise.all(containers.map((c) => tcompose.engine.inspectContainer(c.id)));
  const sources = containers.map((c, i) => ({ containerId: c.id, name: displayName(c.name, project.name), tty: Boolean(inspects[i]!.Config.Tty) }));
  const names = sources.map((s) => s.name);
  const color = ctx.color && !flags['no-color'];
  const prefix = flags['no-log-prefix'] ? undefined : prefixer(names, color);
  const status = statusLiner(names, color);
  if (names.length) ctx.stdout.write(`Attaching to ${names.join(', ')}\n`);

  const stopLogs = new AbortController();
  const timeoutSec = flags.timeout as number | undefined;
  const exitCodeFrom = flags['exit-code-from'] as string | undefined;
  const abortOnExit = Boolean(flags['abort-on-container-exit'] || exitCodeFrom);
  const abortOnFailure = Boolean(flags['abort-on-container-failure']);
  let exitCode = 0;
  let aborted = false;
  let forced = false;
  let stopping: Promise<unknown> | undefined;

  /** The stop shows its progress after the message; the logs end once the containers have stopped. */
  const stopProject = (why: string) => {
    if (stopping) return;
    renderer.event({ resource: PROJECT_RESOURCE, status: 'working', text: 'Stopping', detail: why });
    stopping = tcompose.stop(project, { services, timeoutSec })
      .catch((err) => { if (!forced) throw err; })
      .finally(() => allExitedOrGrace().then(() => stopLogs.abort()));
  };

  const attached = new Set(containers.map((c) => c.id));
  const exited = new Set<string>();
  const allExited = deferred();
  if (!attached.size) allExited.resolve();
  const allExitedOrGrace = () => within(allExited.promise, EXIT_EVENTS_GRACE_MS);
  // A container's exit line comes after its last log line: the engine's `die` event often overtakes the logs.
  const logEnded = new Map(containers.map((c) => [c.id, deferred()]));
  const statusLines: Promise<void>[] = [];

  const watchExits = (async () => {
    // `since` replays what happened during `up`: a one-shot may have exited before this subscription.
    const events = tcompose.engine.events({ labels: [`${Labels.project}=${project.name}`], types: ['container'], since }, stopLogs.signal);
    try {
      for await (const e of events) {
        if (e.action !== 'die' || !attached.has(e.id)) continue;
        const service = e.attributes[Labels.service] ?? '';
        const code = Number(e.attributes.exitCode ?? 0);
        const line = status(displayName(e.attributes.name ?? service, project.name), `exited with code ${code}`);
        statusLines.push(within(logEnded.get(e.id)!.promise, EXIT_EVENTS_GRACE_MS).then(() => {
          ctx.stdout.write(line);
          exited.add(e.id);
          if (exited.size >= attached.size) allExited.resolve();
        }));
        if (exitCodeFrom && service === exitCodeFrom) exitCode = code;
        if (!aborted && !stopping && (abortOnExit || (abortOnFailure && code !== 0))) {
          if (!exitCodeFrom) exitCode = code;
          aborted = true;
          stopProject(ABORTING);
        }
      }
    } catch { /* the stream ends when we stop */ }
  })();

  const forceKill = async () => {
    forced = true;
    await Promise.all(containers.filter((c) => !exited.has(c.id)).map(async (c) => {
      const resource = `Container ${c.name}`;
      renderer.event({ resource, status: 'working', text: 'Killing' });
      // A refusal means the graceful stop got there first: nothing was left to kill.
      await tcompose.engine.killContainer(c.id, 'SIGKILL').catch(() => undefined);
      renderer.event({ resource, status: 'done', text: 'Killed' });
    }));
    stopLogs.abort();
  };
  const onInterrupt = () => stopProject(GRACEFUL);
  const releaseForce = onSecondInterrupt(() => { void forceKill(); });
  ctx.signal.addEventListener('abort', onInterrupt, { once: true });
  if (ctx.signal.aborted) onInterrupt();
  try {
    await printLogs(tcompose.engine, sources, {
      follow: true, tail: 'all', timestamps: Boolean(flags.timestamps), prefix, write: (s) => ctx.stdout.write(s), signal: stopLogs.signal,
      onEnd: (id) => logEnded.get(id)?.resolve(),
    });
    // Every container ended on its own: their last `exited with code` lines may still be on their way.
    if (!stopping) await allExitedOrGrace();
    await stopping;
  } finally {
    ctx.signal.removeEventListener('abort', onInterrupt);
    releaseForce();
    stopLogs.abort();
    await watchExits;
    await Promise.all(statusLines);
  }
  if (ctx.signal.aborted && !aborted) return 130;
  if (exitCodeFrom && !aborted) {
    const after = await tcompose.observe(project.name);
    exitCode = after.containers.find((c) => c.serviceName === exitCodeFrom && !c.oneoff)?.exitCode ?? exitCode;
  }
  return exitCode;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The promise, or the end of the wait if it takes longer (a timer that does not hold the process open). */
function within(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms).unref();
    void promise.then(() => { clearTimeout(timer); resolve(); });
  });
}
