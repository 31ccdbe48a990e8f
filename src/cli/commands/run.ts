/** `run`: a one-off command in a new container of a service; exits with the command's exit code. */
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';
import type { ServicePort, ServiceVolume } from '../../model/project.js';
import { isAbsolute, resolve } from 'node:path';

function parseEnv(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(values.map((v) => {
    const eq = v.indexOf('=');
    return eq < 0 ? [v, process.env[v] ?? ''] : [v.slice(0, eq), v.slice(eq + 1)];
  }));
}

function parseVolume(spec: string, cwd: string): ServiceVolume {
  const [source, target, mode] = spec.split(':');
  if (!target) return { type: 'volume', target: source! };
  const isPath = source!.startsWith('.') || isAbsolute(source!);
  return { type: isPath ? 'bind' : 'volume', source: isPath ? resolve(cwd, source!) : source, target, read_only: mode === 'ro' };
}

function parsePort(spec: string): ServicePort {
  const [main, protocol = 'tcp'] = spec.split('/');
  const parts = main!.split(':');
  const target = Number(parts.pop());
  const published = parts.pop();
  const host_ip = parts.pop();
  if (!Number.isInteger(target)) throw new UsageError(`invalid port "${spec}"`);
  return { target, published, host_ip, protocol };
}

export const command: CommandModule = {
  summary: 'Run a one-off command on a service',
  usage: 'run [OPTIONS] SERVICE [COMMAND] [ARGS...]',
  stopAtFirstPositional: true,
  flags: [
    { name: 'detach', short: 'd', type: 'boolean', description: 'Run container in background and print container ID' },
    { name: 'rm', type: 'boolean', description: 'Automatically remove the container when it exits' },
    { name: 'env', short: 'e', type: 'strings', description: 'Set environment variables' },
    { name: 'volume', short: 'v', type: 'strings', description: 'Bind mount a volume' },
    { name: 'publish', short: 'p', type: 'strings', description: 'Publish a container\'s port(s) to the host' },
    { name: 'service-ports', short: 'P', type: 'boolean', description: 'Run command with all service\'s ports enabled and mapped to the host' },
    { name: 'no-deps', type: 'boolean', description: 'Don\'t start linked services' },
    { name: 'entrypoint', type: 'string', description: 'Override the entrypoint of the image' },
    { name: 'name', type: 'string', description: 'Assign a name to the container' },
    { name: 'no-TTY', short: 'T', type: 'boolean', description: 'Disable pseudo-TTY allocation (default: auto-detected)' },
    { name: 'interactive', short: 'i', type: 'boolean', description: 'Keep STDIN open even if not attached' },
    { name: 'user', short: 'u', type: 'string', description: 'Run as specified username or uid' },
    { name: 'workdir', short: 'w', type: 'string', description: 'Working directory inside the container' },
    { name: 'label', short: 'l', type: 'strings', description: 'Add or override a label' },
    { name: 'build', type: 'boolean', description: 'Build image before starting container' },
    { name: 'quiet-pull', type: 'boolean', description: 'Pull without printing progress information' },
    { name: 'remove-orphans', type: 'boolean', description: 'Remove containers for services not defined in the Compose file' },
  ],
  async run(ctx, flags, positionals) {
    const [serviceName, ...cmd] = positionals;
    if (!serviceName) throw new UsageError('run requires a SERVICE');
    const project = await ctx.loadProject({ services: [serviceName], preflight: true });
    if (!project.services[serviceName]) throw new UsageError(`no such service: ${serviceName}`);
    const tty = !flags['no-TTY'] && Boolean(process.stdin.isTTY);
    const renderer = await ctx.renderer();
    const tcompose = await ctx.tcompose(renderer);
    let created: { containerId: string; name: string };
    try {
      created = await tcompose.createOneOff(project, serviceName, {
        command: cmd.length ? cmd : undefined,
        entrypoint: flags.entrypoint !== undefined ? [flags.entrypoint as string].filter(Boolean) : undefined,
        environment: parseEnv(flags.env as string[] | undefined),
        volumes: (flags.volume as string[] | undefined)?.map((v) => parseVolume(v, ctx.cwd)),
        ports: (flags.publish as string[] | undefined)?.map(parsePort),
        servicePorts: Boolean(flags['service-ports']),
        user: flags.user as string | undefined,
        workingDir: flags.workdir as string | undefined,
        name: flags.name as string | undefined,
        tty, interactive: tty || Boolean(flags.interactive),
        labels: Object.fromEntries(((flags.label as string[] | undefined) ?? []).map((l) => [l.split('=')[0]!, l.split('=').slice(1).join('=')])),
        noDeps: Boolean(flags['no-deps']), build: Boolean(flags.build),
      }, ctx.signal);
    } finally {
      await renderer.close();
    }
    const engine = tcompose.engine;
    if (flags.detach) {
      await engine.startContainer(created.containerId);
      ctx.stdout.write(`${created.name}\n`);
      return 0;
    }
    const stream = await engine.attachContainer(created.containerId, { stdin: tty || Boolean(flags.interactive) });
    const ended = new Promise<void>((done) => { stream.on('end', done); stream.on('close', done); });
    if (tty) stream.pipe(ctx.stdout); else engine.demux(stream, ctx.stdout, ctx.stderr);
    if (tty || flags.interactive) { process.stdin.setRawMode?.(tty); process.stdin.pipe(stream); }
    await engine.startContainer(created.containerId);
    // After start, `not-running` also covers a command that already finished.
    const exit = engine.waitContainer(created.containerId, 'not-running');
    const onAbort = () => { void engine.stopContainer(created.containerId, 10).catch(() => undefined); };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const code = await exit;
    await Promise.race([ended, new Promise((r) => setTimeout(r, 1000))]);
    if (tty || flags.interactive) { process.stdin.unpipe(stream); process.stdin.setRawMode?.(false); process.stdin.pause(); }
    ctx.signal.removeEventListener('abort', onAbort);
    if (flags.rm) await engine.removeContainer(created.containerId, { force: true, volumes: true }).catch(() => undefined);
    return code;
  },
};
