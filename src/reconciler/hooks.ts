/** Lifecycle hooks: `post_start` commands run right after a container starts, `pre_stop` ones before it stops. */
import type { LifecycleHook } from '../model/project.js';
import type { Engine } from '../engine/engine.js';
import { RuntimeError } from '../errors/index.js';
import { runToCompletion } from '../engine/exec-to-completion.js';

export async function runHooks(engine: Engine, containerId: string, hooks: LifecycleHook[] | undefined, phase: 'post_start' | 'pre_stop'): Promise<void> {
  for (const hook of hooks ?? []) {
    const env = Object.entries(hook.environment ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
    const exitCode = await runToCompletion(engine, containerId, { cmd: hook.command, user: hook.user, workingDir: hook.working_dir, privileged: hook.privileged, env });
    if (exitCode) throw new RuntimeError(`${phase} hook ${hook.command.join(' ')} exited with ${exitCode}`);
  }
}
