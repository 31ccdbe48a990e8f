/** `wait`: block until the services' containers stop; exit with the first one's exit code. */
import type { CommandModule } from '../context.js';
import { selectContainers } from '../select-containers.js';
import { UsageError } from '../../errors/index.js';

export const command: CommandModule = {
  summary: 'Block until containers of all (or specified) services stop.',
  usage: 'wait SERVICE [SERVICE...] [OPTIONS]',
  flags: [{ name: 'down-project', type: 'boolean', description: 'Drops project when the first container stops' }],
  async run(ctx, flags, services) {
    if (services.length === 0) throw new UsageError('wait requires at least one SERVICE');
    const sel = await selectContainers(ctx, services);
    const codes = await Promise.race(sel.containers.map(async (c) => [await sel.tcompose.engine.waitContainer(c.id, 'not-running', ctx.signal)]));
    if (flags['down-project']) await sel.tcompose.down(sel.projectName, {});
    return codes[0] ?? 0;
  },
};
