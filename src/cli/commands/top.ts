/** `top`: the processes running in each service container. */
import type { CommandModule } from '../context.js';
import { selectContainers } from '../select-containers.js';

export const command: CommandModule = {
  summary: 'Display the running processes',
  usage: 'top [SERVICES...]',
  flags: [],
  async run(ctx, _flags, services) {
    const { tcompose, containers } = await selectContainers(ctx, services, { running: true });
    for (const c of containers) {
      const top = await tcompose.engine.topContainer(c.id);
      const rows = [top.titles, ...top.processes];
      const widths = top.titles.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      ctx.stdout.write(`${c.name}\n${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('   ')).join('\n')}\n\n`);
    }
    return 0;
  },
};
