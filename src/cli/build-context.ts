/** Builds the CliContext: lazy engine, loader and renderer, so a command pays only for what it uses. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FlagValues } from './args.js';
import type { CliContext } from './context.js';
import type { AnsiMode, ProgressMode, Renderer } from './render/progress.js';
import type { Engine } from '../engine/engine.js';
import type { ConnectionFlags } from '../engine/connection.js';
import { UsageError } from '../errors/index.js';

const PROGRESS_MODES = ['auto', 'tty', 'plain', 'quiet', 'json'];
const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

function processEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** `-H`, `--context` and `--tls*`, as engine/connection.ts takes them. */
export function connectionFlags(global: FlagValues): ConnectionFlags {
  return {
    hosts: global.host as string[] | undefined, context: global.context as string | undefined,
    tls: global.tls as boolean | undefined, tlsVerify: global.tlsverify as boolean | undefined,
    tlsCaCert: global.tlscacert as string | undefined, tlsCert: global.tlscert as string | undefined, tlsKey: global.tlskey as string | undefined,
  };
}

/** What the progress renderer needs to know of the command line: docker compose's operation name, and `-d`. */
export interface Invocation { command: string; detached: boolean }

/** docker compose names an operation after its verb; `rm` is `remove` (pkg/compose/remove.go). */
const OPERATION_NAMES: Record<string, string> = { rm: 'remove' };

export function buildContext(global: FlagValues, signal: AbortSignal, invocation: Invocation = { command: '', detached: true }): CliContext {
  const env = process.env;
  const progressMode = (global.progress as string | undefined) ?? 'auto';
  if (!PROGRESS_MODES.includes(progressMode)) throw new UsageError(`invalid --progress "${progressMode}": expected one of ${PROGRESS_MODES.join(', ')}`);
  const ansi = (global.ansi as string | undefined) ?? 'auto';
  if (!['auto', 'always', 'never'].includes(ansi)) throw new UsageError(`invalid --ansi "${ansi}": expected one of auto, always, never`);
  const color = ansi === 'always' || (ansi === 'auto' && Boolean(process.stdout.isTTY) && !env.NO_COLOR);
  let enginePromise: Promise<Engine> | undefined;
  let rendererPromise: Promise<Renderer> | undefined;

  const ctx: CliContext = {
    global, env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, signal,
    progressMode: progressMode as ProgressMode, color,
    async loadProject(options = {}) {
      const { loadProject } = await import('../schema/index.js');
      return loadProject({
        cwd: ctx.cwd,
        environment: processEnv(),
        files: global.file as string[] | undefined,
        projectName: global['project-name'] as string | undefined,
        projectDirectory: global['project-directory'] as string | undefined,
        envFiles: global['env-file'] as string[] | undefined,
        profiles: global.profile as string[] | undefined,
        services: options.services,
        interpolate: options.interpolate,
        normalize: options.normalize,
        consistency: options.consistency,
        preflight: options.preflight,
        onWarning: (m) => ctx.warn(m),
      });
    },
    givenProjectName: (global['project-name'] as string | undefined) ?? env.COMPOSE_PROJECT_NAME,
    async projectOrName(services) {
      const explicitName = ctx.givenProjectName;
      const dir = resolve(ctx.cwd, (global['project-directory'] as string | undefined) ?? '.');
      const hasFile = (global.file as string[] | undefined)?.length || env.COMPOSE_FILE || DEFAULT_FILES.some((f) => existsSync(join(dir, f)));
      if (explicitName && !hasFile) return explicitName;
      return ctx.loadProject({ services });
    },
    async engine() {
      enginePromise ??= (async () => {
        const { connectEngine } = await import('../engine/docker-engine.js');
        const engine = connectEngine(env, { flags: connectionFlags(global) });
        if (global.verbose) process.stderr.write(`${engine.description}\n`);
        if (engine.insecureWarning) ctx.warn(engine.insecureWarning);
        return engine;
      })();
      return enginePromise;
    },
    async renderer() {
      rendererPromise ??= import('./render/progress.js').then((m) => m.createRenderer(progressMode as ProgressMode, process.stderr, {
        operation: OPERATION_NAMES[invocation.command] ?? invocation.command,
        ansi: ansi as AnsiMode,
        color: ansi !== 'never' && !env.NO_COLOR,
        // Attached `up` (docker compose looks at -d only): Starting/Started are left to the logs that follow.
        hideStarts: invocation.command !== 'start' && !invocation.detached,
      }));
      return rendererPromise;
    },
    async tcompose(renderer) {
      const [{ createTcompose }, engine] = await Promise.all([import('../core/index.js'), ctx.engine()]);
      const parallel = global.parallel as number | undefined;
      // The DNS daemon binds the engine's network gateways, so it serves only an engine on this host; it follows
      // the engine this run chose (a context, -H), not just the environment. Elsewhere: engine aliases.
      const socket = engine.localSocket;
      const dns = global['no-dns'] || env.TCOMPOSE_NO_DNS || !socket ? undefined
        : await (await import('./dns-integration.js')).dnsIntegration(engine, { ...env, DOCKER_HOST: `unix://${socket}` });
      return createTcompose({ engine, env, events: renderer ?? (await ctx.renderer()), concurrency: parallel && parallel > 0 ? parallel : undefined, dns });
    },
    warn(message) { process.stderr.write(`WARN ${message}\n`); },
  };
  return ctx;
}
