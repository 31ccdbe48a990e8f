/** Running a command in a container to its end, over the Engine interface (no shell: the command is an array). */
import type { Engine, ExecOptions } from './engine.js';

/** The exec's exit code, once the engine reports it finished (its output may end a moment before). */
export async function execExitCode(engine: Engine, execId: string): Promise<number> {
  for (;;) {
    const info = await engine.inspectExec(execId);
    if (!info.running) return info.exitCode ?? 0;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Run a command, discard its output, and return its exit code. */
export async function runToCompletion(engine: Engine, containerId: string, options: ExecOptions): Promise<number> {
  const session = await engine.execContainer(containerId, options);
  const stream = session.stream;
  if (stream) {
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
      stream.resume();
    });
  }
  return execExitCode(engine, session.execId);
}
