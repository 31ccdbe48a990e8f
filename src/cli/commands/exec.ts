/** `exec`: run a command in a running service container, with its exit code. No shell is involved. */
import type { CommandModule } from '../context.js';
import { oneContainer } from '../select-containers.js';
import { EngineError, RuntimeError, UsageError } from '../../errors/index.js';
import { runExec } from '../exec-session.js';

export const command: CommandModule = {
  summary: 'Execute a command in a running container',
  usage: 'exec [OPTIONS] SERVICE COMMAND [ARGS...]',
  stopAtFirstPositional: true,
  flags: [
    { name: 'detach', short: 'd', type: 'boolean', description: 'Detached mode: Run command in the background' },
    { name: 'env', short: 'e', type: 'strings', description: 'Set environment variables' },
    { name: 'user', short: 'u', type: 'string', description: 'Run the command as this user' },
    { name: 'workdir', short: 'w', type: 'string', description: 'Path to workdir directory for this command' },
    { name: 'no-TTY', short: 'T', type: 'boolean', description: 'Disable pseudo-TTY allocation' },
    { name: 'interactive', short: 'i', type: 'boolean', description: 'Keep STDIN open even if not attached (default true)' },
    { name: 'tty', short: 't', type: 'boolean', description: 'Allocate a pseudo-TTY (default when stdin is a terminal)' },
    { name: 'privileged', type: 'boolean', description: 'Give extended privileges to the process' },
    { name: 'index', type: 'number', description: 'Index of the container if service has multiple replicas' },
  ],
  async run(ctx, flags, positionals) {
    const [service, ...cmd] = positionals;
    if (!service || cmd.length === 0) throw new UsageError('exec requires a SERVICE and a COMMAND');
    const { tcompose, container } = await oneContainer(ctx, service, (flags.index as number | undefined) ?? 1);
    if (container.state !== 'running') throw new RuntimeError(`service "${service}" is not running`);
    const tty = !flags['no-TTY'] && Boolean(process.stdin.isTTY);
    return runExec(tcompose.engine, container.id, {
      cmd, env: flags.env as string[] | undefined, user: flags.user as string | undefined, workingDir: flags.workdir as string | undefined,
      privileged: Boolean(flags.privileged), tty, detach: Boolean(flags.detach), stdin: tty,
    }, ctx).catch((err: unknown) => {
      // The container stopped between the listing and the exec (a restart, a crash): say it as the check above does.
      if (err instanceof EngineError && /is not running|is restarting/.test(err.message)) throw new RuntimeError(`service "${service}" is not running (${container.name} stopped as the command was starting)`);
      throw err;
    });
  },
};
