/** Lifecycle hooks: `post_start` commands run right after a container starts, `pre_stop` ones before it stops. */
import type { LifecycleHook } from '../model/project.js';
import type { Engine } from '../engine/engine.js';
import { RuntimeError } from '../errors/index.js';

export async function runHooks(engine: Engine, containerId: string, hooks: LifecycleHook[] | undefined, phase: 'post_start' | 'pre_stop'): Promise<void> {
  for (const hook of hooks ?? []) {
    const env = Object.entries(hook.environment ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
    const session = await engine.execContainer(containerId, { cmd: hook.command, user: hook.user, workingDir: hook.working_dir, privileged: hook.privileged, env });
    session.stream?.resume();
    await new Promise<void>((resolve) => { if (!session.stream) resolve(); else { session.stream.on('end', resolve); session.stream.on('close', resolve); } });
    for (;;) {
      const info = await engine.inspectExec(session.execId);
      if (!info.running) {
        if (info.exitCode) throw new RuntimeError(`${phase} hook ${hook.command.join(' ')} exited with ${info.exitCode}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
