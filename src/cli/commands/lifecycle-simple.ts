/** kill, pause, unpause: one engine call per selected container, in parallel, with the progress of every command. */
import type { CommandModule } from '../context.js';
import { selectContainers } from '../select-containers.js';

/** docker compose's states (pkg/compose/kill.go, pause.go): kill shows its work, pause and unpause only the result. */
const STATES: Record<string, [string | undefined, string]> = { kill: ['Killing', 'Killed'], pause: [undefined, 'Paused'], unpause: [undefined, 'Unpaused'] };

function simple(summary: string, verb: string, act: (sel: Awaited<ReturnType<typeof selectContainers>>, id: string, flags: Record<string, unknown>) => Promise<void>, extraFlags: CommandModule['flags'] = [], filter?: (state: string) => boolean): CommandModule {
  return {
    summary,
    usage: `${verb} [OPTIONS] [SERVICE...]`,
    flags: extraFlags,
    async run(ctx, flags, services) {
      const sel = await selectContainers(ctx, services);
      const targets = sel.containers.filter((c) => !filter || filter(c.state));
      const [working, done] = STATES[verb]!;
      const renderer = await ctx.renderer();
      try {
        await Promise.all(targets.map(async (c) => {
          const resource = `Container ${c.name}`;
          if (working) renderer.event({ resource, status: 'working', text: working });
          try {
            await act(sel, c.id, flags);
          } catch (err) {
            renderer.event({ resource, status: 'error', text: 'Error', detail: (err as Error).message });
            throw err;
          }
          renderer.event({ resource, status: 'done', text: done });
        }));
      } finally {
        await renderer.close();
      }
      return 0;
    },
  };
}

export const kill = simple('Force stop service containers', 'kill', (sel, id, flags) => sel.tcompose.engine.killContainer(id, (flags.signal as string | undefined) ?? 'SIGKILL'),
  [{ name: 'signal', short: 's', type: 'string', description: 'SIGNAL to send to the container' }, { name: 'remove-orphans', type: 'boolean', description: 'Remove containers for services not defined in the Compose file' }],
  (s) => s === 'running');
export const pause = simple('Pause services', 'pause', (sel, id) => sel.tcompose.engine.pauseContainer(id), [], (s) => s === 'running');
export const unpause = simple('Unpause services', 'unpause', (sel, id) => sel.tcompose.engine.unpauseContainer(id), [], (s) => s === 'paused');
