/** Runs an exec in a container and relays its output (and stdin on a TTY); returns the command's exit code. */
import type { Engine } from '../engine/engine.js';
import type { CliContext } from './context.js';
import { execExitCode } from '../engine/exec-to-completion.js';

export async function runExec(engine: Engine, containerId: string, options: { cmd: string[]; env?: string[]; user?: string; workingDir?: string; privileged?: boolean; tty: boolean; detach: boolean; stdin: boolean }, ctx: CliContext): Promise<number> {
  const session = await engine.execContainer(containerId, {
    cmd: options.cmd, env: options.env, user: options.user, workingDir: options.workingDir, privileged: options.privileged,
    tty: options.tty, detach: options.detach, attachStdin: options.stdin,
  });
  if (options.detach || !session.stream) return 0;
  const stream = session.stream;
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
    if (session.tty) stream.pipe(ctx.stdout);
    else engine.demux(stream, ctx.stdout, ctx.stderr);
    if (options.stdin) {
      process.stdin.setRawMode?.(true);
      process.stdin.pipe(stream);
    }
  });
  if (options.stdin) { process.stdin.setRawMode?.(false); process.stdin.unpipe(stream); process.stdin.pause(); }
  return execExitCode(engine, session.execId);
}
