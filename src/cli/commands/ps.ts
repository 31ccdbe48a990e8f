/** `ps`: the project's containers, as a table, JSON lines, or IDs. */
import type { CommandModule } from '../context.js';
import { psRows, psTable, type PsRow } from './ps-format.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'List containers',
  usage: 'ps [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'all', short: 'a', type: 'boolean', description: 'Show all stopped containers (including those created by the run command)' },
    { name: 'format', type: 'string', description: 'Format output: table or json' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Only display IDs' },
    { name: 'services', type: 'boolean', description: 'Display services' },
    { name: 'status', type: 'strings', description: 'Filter services by status: paused | restarting | removing | running | dead | created | exited' },
    { name: 'filter', type: 'string', description: 'Filter services by a property (status=running)' },
    { name: 'no-trunc', type: 'boolean', description: 'Don\'t truncate output' },
    { name: 'orphans', type: 'boolean', description: 'Include orphaned services (default true)' },
  ],
  async run(ctx, flags, services) {
    const format = (flags.format as string | undefined) ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`unsupported --format "${format}": expected table or json`);
    const target = await ctx.projectOrName(services);
    const projectName = typeof target === 'string' ? target : target.name;
    const tcompose = await ctx.tcompose();
    const observed = await tcompose.observe(projectName, ctx.signal);
    const statuses = [...((flags.status as string[] | undefined) ?? [])];
    const filter = flags.filter as string | undefined;
    if (filter) {
      const m = /^status=(\w+)$/.exec(filter);
      if (!m) throw new UsageError(`invalid --filter "${filter}": only status=<state> is supported`);
      statuses.push(m[1]!);
    }
    const containers = observed.containers.filter((c) =>
      (flags.all || statuses.length ? true : c.state === 'running' || c.state === 'restarting' || c.state === 'paused')
      && (flags.all || !c.oneoff || c.state === 'running')
      && (services.length === 0 || services.includes(c.serviceName))
      && (statuses.length === 0 || statuses.includes(c.state)));
    if (flags.services) {
      ctx.stdout.write([...new Set(containers.map((c) => c.serviceName))].map((s) => `${s}\n`).join(''));
      return 0;
    }
    if (flags.quiet) {
      ctx.stdout.write(containers.map((c) => `${flags['no-trunc'] ? c.id : c.id.slice(0, 12)}\n`).join(''));
      return 0;
    }
    const summaries = await tcompose.engine.listContainers({ labels: [`com.docker.compose.project=${projectName}`], all: true }, ctx.signal);
    const rows: PsRow[] = psRows(containers, summaries, projectName);
    ctx.stdout.write(format === 'json' ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : psTable(rows, Boolean(flags['no-trunc'])));
    return 0;
  },
};
