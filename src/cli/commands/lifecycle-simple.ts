/** kill, pause, unpause: one engine call per selected container, in parallel. */
import type { CommandModule } from '../context.js';
import { selectContainers } from '../select-containers.js';

function simple(summary: string, verb: string, act: (sel: Awaited<ReturnType<typeof selectContainers>>, id: string, flags: Record<string, unknown>) => Promise<void>, extraFlags: CommandModule['flags'] = [], filter?: (state: string) => boolean): CommandModule {
  return {
    summary,
    usage: `${verb} [OPTIONS] [SERVICE...]`,
    flags: extraFlags,
    async run(ctx, flags, services) {
      const sel = await selectContainers(ctx, services);
      const targets = sel.containers.filter((c) => !filter || filter(c.state));
      await Promise.all(targets.map(async (c) => {
        await act(sel, c.id, flags);
        ctx.stderr.write(` Container ${c.name}  ${verb === 'kill' ? 'Killed' : verb === 'pause' ? 'Paused' : 'Unpaused'}\n`);
      }));
      return 0;
    },
  };
}

export const kill = simple('Force stop service containers', 'kill', (sel, id, flags) => sel.tcompose.engine.killContainer(id, (flags.signal as string | undefined) ?? 'SIGKILL'),
  [{ name: 'signal', short: 's', type: 'string', description: 'SIGNAL to send to the container' }, { name: 'remove-orphans', type: 'boolean', description: 'Remove containers for services not defined in the Compose file' }],
  (s) => s === 'running');
export const pause = simple('Pause services', 'pause', (sel, id) => sel.tcompose.engine.pauseContainer(id), [], (s) => s === 'running');
export const unpause = simple('Unpause services', 'unpause', (sel, id) => sel.tcompose.engine.unpauseContainer(id), [], (s) => s === 'paused');
