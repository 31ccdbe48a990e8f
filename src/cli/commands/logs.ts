/** `logs`: the output of the project's containers, `web-1  | ` prefixed. */
import type { CommandModule } from '../context.js';
import { printLogs } from '../logs/log-printer.js';
import { selectContainers } from '../select-containers.js';
import { displayName, prefixer } from '../logs/log-prefix.js';
import { UsageError } from '../../errors/index.js';

function parseTail(value: string | undefined): number | 'all' {
  if (value === undefined || value === 'all') return 'all';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid --tail "${value}": expected a number or "all"`);
  return n;
}

export const command: CommandModule = {
  summary: 'View output from containers',
  usage: 'logs [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'follow', short: 'f', type: 'boolean', description: 'Follow log output' },
    { name: 'tail', short: 'n', type: 'string', description: 'Number of lines to show from the end of the logs for each container' },
    { name: 'timestamps', short: 't', type: 'boolean', description: 'Show timestamps' },
    { name: 'no-log-prefix', type: 'boolean', description: 'Don\'t print prefix in logs' },
    { name: 'no-color', type: 'boolean', description: 'Produce monochrome output' },
    { name: 'index', type: 'number', description: 'index of the container if service has multiple replicas' },
    { name: 'since', type: 'string', description: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m)' },
    { name: 'until', type: 'string', description: 'Show logs before a timestamp or relative' },
  ],
  async run(ctx, flags, services) {
    const { projectName, tcompose, containers } = await selectContainers(ctx, services, { index: flags.index as number | undefined });
    // Whether a container has a TTY (its stream is then not multiplexed) is read while its logs already come.
    const sources = containers.map((c) => ({
      containerId: c.id, name: displayName(c.name, projectName),
      tty: tcompose.engine.inspectContainer(c.id, ctx.signal).then((i) => Boolean(i.Config.Tty)),
    }));
    const prefix = flags['no-log-prefix'] ? undefined : prefixer(sources.map((s) => s.name), ctx.color && !flags['no-color']);
    await printLogs(tcompose.engine, sources, {
      follow: Boolean(flags.follow), tail: parseTail(flags.tail as string | undefined), timestamps: Boolean(flags.timestamps),
      since: relativeTime(flags.since as string | undefined), until: relativeTime(flags.until as string | undefined),
      prefix, write: (s) => ctx.stdout.write(s), signal: ctx.signal,
    });
    return 0;
  },
};

/** `42m` / RFC 3339 / unix seconds → unix seconds. */
function relativeTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const rel = /^(\d+)(s|m|h)$/.exec(value);
  if (rel) return Math.floor(Date.now() / 1000) - Number(rel[1]) * ({ s: 1, m: 60, h: 3600 } as const)[rel[2] as 's' | 'm' | 'h'];
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`invalid time "${value}"`);
  return Math.floor(t / 1000);
}
