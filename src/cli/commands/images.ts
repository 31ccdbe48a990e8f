/** `images`: the images the project's containers use. */
import type { CommandModule } from '../context.js';
import { selectContainers } from '../select-containers.js';
import { UsageError } from '../../errors/index.js';
import { splitImageReference } from '../../model/names.js';

export const command: CommandModule = {
  summary: 'List images used by the created containers',
  usage: 'images [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'format', type: 'string', description: 'Format the output: table or json' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Only display IDs' },
  ],
  async run(ctx, flags, services) {
    const format = (flags.format as string | undefined) ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`unsupported --format "${format}"`);
    const { tcompose, containers } = await selectContainers(ctx, services);
    const rows = await Promise.all(containers.map(async (c) => {
      const image = await tcompose.engine.inspectImage(c.imageId).catch(() => undefined);
      const { repository: repo, tag = 'latest' } = splitImageReference(c.image);
      return { ContainerName: c.name, Repository: repo, Tag: tag, ID: c.imageId, Size: image?.size ?? 0 };
    }));
    if (flags.quiet) ctx.stdout.write([...new Set(rows.map((r) => r.ID.replace(/^sha256:/, '').slice(0, 12)))].map((id) => `${id}\n`).join(''));
    else if (format === 'json') ctx.stdout.write(`${JSON.stringify(rows)}\n`);
    else {
      const lines = [['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'], ...rows.map((r) => [r.ContainerName, r.Repository, r.Tag, r.ID.replace(/^sha256:/, '').slice(0, 12), `${(r.Size / 1e6).toFixed(1)}MB`])];
      const w = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
      ctx.stdout.write(lines.map((l) => l.map((c, i) => c.padEnd(w[i]!)).join('   ').trimEnd()).join('\n') + '\n');
    }
    return 0;
  },
};
