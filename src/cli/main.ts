/**
 * Entry point: argv → global flags → the command's module (imported lazily, so startup stays fast) → exit code.
 */
import { parseArgs, formatFlagHelp, closest } from './args.js';
import { globalFlags, type CliContext, type CommandModule } from './context.js';
import { reportError } from './exit.js';
import { CancelledError, UsageError } from '../errors/index.js';
import { buildContext } from './build-context.js';
import { forceHandled } from './interrupts.js';
import { VERSION } from './version-info.js';
import { pluginInvocation, pluginMetadata } from './plugin-mode.js';

const commands: Record<string, () => Promise<CommandModule>> = {
  up: () => import('./commands/up.js').then((m) => m.command),
  down: () => import('./commands/down.js').then((m) => m.command),
  ps: () => import('./commands/ps.js').then((m) => m.command),
  logs: () => import('./commands/logs.js').then((m) => m.command),
  config: () => import('./commands/config-command.js').then((m) => m.command),
  version: () => import('./commands/version.js').then((m) => m.command),
  exec: () => import('./commands/exec.js').then((m) => m.command),
  kill: () => import('./commands/lifecycle-simple.js').then((m) => m.kill),
  pause: () => import('./commands/lifecycle-simple.js').then((m) => m.pause),
  unpause: () => import('./commands/lifecycle-simple.js').then((m) => m.unpause),
  port: () => import('./commands/port.js').then((m) => m.command),
  top: () => import('./commands/top.js').then((m) => m.command),
  ls: () => import('./commands/ls.js').then((m) => m.command),
  events: () => import('./commands/events.js').then((m) => m.command),
  wait: () => import('./commands/wait.js').then((m) => m.command),
  images: () => import('./commands/images.js').then((m) => m.command),
  build: () => import('./commands/build.js').then((m) => m.command),
  pull: () => import('./commands/image-commands.js').then((m) => m.pull),
  push: () => import('./commands/image-commands.js').then((m) => m.push),
  run: () => import('./commands/run.js').then((m) => m.command),
  cp: () => import('./commands/cp.js').then((m) => m.command),
  start: () => import('./commands/lifecycle.js').then((m) => m.start),
  stop: () => import('./commands/lifecycle.js').then((m) => m.stop),
  restart: () => import('./commands/lifecycle.js').then((m) => m.restart),
  rm: () => import('./commands/lifecycle.js').then((m) => m.rm),
  create: () => import('./commands/lifecycle.js').then((m) => m.create),
  watch: () => import('./commands/watch.js').then((m) => m.command),
  dns: () => import('./commands/dns.js').then((m) => m.command),
  plugin: () => import('./commands/plugin.js').then((m) => m.command),
};

/** Commands added by other modules register here (keeps this table the one list of commands). */
export function registerCommand(name: string, load: () => Promise<CommandModule>): void {
  commands[name] = load;
}

function mainHelp(): string {
  return `Usage:  tcompose [OPTIONS] COMMAND

A Compose-spec multi-container orchestrator.

Options:
${formatFlagHelp(globalFlags)}

Commands:
  ${Object.keys(commands).sort().join(', ')}

Run 'tcompose COMMAND --help' for more information on a command.
`;
}

export async function main(givenArgv: string[]): Promise<number> {
  let argv = givenArgv;
  try {
    const invocation = pluginInvocation(givenArgv, process.env);
    if (invocation.kind === 'metadata') { process.stdout.write(`${pluginMetadata()}\n`); return 0; }
    argv = invocation.argv;
    // `docker --config DIR compose …`: the docker configuration (contexts, credentials) of that directory.
    if (invocation.configDir) process.env.DOCKER_CONFIG = invocation.configDir;
  } catch (err) {
    return reportError(err, (s) => process.stderr.write(s), Boolean(process.env.DEBUG));
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts++;
    // A second Ctrl+C does not wait for a graceful stop.
    if (interrupts > 1) { if (!forceHandled()) process.exit(130); return; }
    controller.abort(new CancelledError(`interrupted by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let verbose = Boolean(process.env.DEBUG);
  try {
    const { flags: global, positionals, rest } = parseArgs(argv, globalFlags, { stopAtPositional: true, context: 'tcompose' });
    verbose ||= Boolean(global.verbose);
    if (global.version && positionals.length === 0) { process.stdout.write(`tcompose version ${VERSION}\n`); return 0; }
    const name = positionals[0];
    if (!name || global.help && !name) { process.stdout.write(mainHelp()); return name ? 0 : global.help ? 0 : 1; }
    const load = commands[name];
    if (!load) {
      const guess = closest(name, Object.keys(commands));
      throw new UsageError(`unknown command "${name}" for "tcompose"${guess ? `. Did you mean "${guess}"?` : ''}`);
    }
    const command = await load();
    const parsed = parseArgs(rest, [...command.flags, { name: 'help', short: 'h', type: 'boolean', description: 'Show help' }], { context: name, stopAtPositional: command.stopAtFirstPositional });
    if (command.stopAtFirstPositional) parsed.positionals.push(...parsed.rest);
    if (parsed.flags.help) {
      process.stdout.write(`Usage:  tcompose ${command.usage}\n\n${command.summary}\n\nOptions:\n${formatFlagHelp(command.flags)}\n`);
      return 0;
    }
    const ctx: CliContext = buildContext(global, controller.signal, { command: name, detached: Boolean(parsed.flags.detach || parsed.flags.wait) });
    return await command.run(ctx, parsed.flags, parsed.positionals);
  } catch (err) {
    return reportError(err, (s) => process.stderr.write(s), verbose);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
