/** `ls`: the projects this engine runs, found by label. */
import type { CommandModule } from '../context.js';
import { Labels } from '../../model/labels.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'List running compose projects',
  usage: 'ls [OPTIONS]',
  flags: [
    { name: 'all', short: 'a', type: 'boolean', description: 'Show all stopped Compose projects' },
    { name: 'format', type: 'string', description: 'Format the output: table or json' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Only display project names' },
    { name: 'filter', type: 'string', description: 'Filter output based on conditions provided (name=...)' },
  ],
  async run(ctx, flags) {
    const format = (flags.format as string | undefined) ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`unsupported --format "${format}"`);
    const engine = await ctx.engine();
    const containers = await engine.listContainers({ labels: [Labels.project], all: Boolean(flags.all) });
    const projects = new Map<string, { states: Map<string, number>; files: Set<string> }>();
    for (const c of containers) {
      const name = c.labels[Labels.project]!;
      const p = projects.get(name) ?? { states: new Map(), files: new Set() };
      p.states.set(c.state, (p.states.get(c.state) ?? 0) + 1);
      if (c.labels[Labels.configFiles]) p.files.add(c.labels[Labels.configFiles]!);
      projects.set(name, p);
    }
    const filter = (flags.filter as string | undefined)?.replace(/^name=/, '');
    const rows = [...projects.entries()].filter(([name]) => !filter || name.includes(filter)).sort(([a], [b]) => a.localeCompare(b))
      .map(([Name, p]) => ({ Name, Status: [...p.states.entries()].map(([s, n]) => `${s}(${n})`).join(', '), ConfigFiles: [...p.files].join(',') }));
    if (flags.quiet) ctx.stdout.write(rows.map((r) => `${r.Name}\n`).join(''));
    else if (format === 'json') ctx.stdout.write(`${JSON.stringify(rows)}\n`);
    else {
      const w = [Math.max(4, ...rows.map((r) => r.Name.length)), Math.max(6, ...rows.map((r) => r.Status.length))];
      ctx.stdout.write(`${'NAME'.padEnd(w[0]!)}   ${'STATUS'.padEnd(w[1]!)}   CONFIG FILES\n${rows.map((r) => `${r.Name.padEnd(w[0]!)}   ${r.Status.padEnd(w[1]!)}   ${r.ConfigFiles}\n`).join('')}`);
    }
    return 0;
  },
};
