/** `build`: the images of services with a `build:` section, with docker compose v5.5's flags. */
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';
import { withRenderer } from '../with-renderer.js';
import { byteSize } from '../../model/units.js';
import { withDependencies } from '../../planner/graph.js';
import { defaultImageName } from '../../model/names.js';
import { bakeFile } from './build-bake.js';

/** `KEY=VALUE`, or `KEY` taken from the environment (left out when unset), as docker compose reads --build-arg. */
export function buildArgsOf(given: string[] | undefined, env: Record<string, string | undefined>): Record<string, string> {
  const args: Record<string, string> = {};
  for (const item of given ?? []) {
    const eq = item.indexOf('=');
    if (eq === 0) throw new UsageError(`invalid --build-arg "${item}": KEY=VALUE expected`);
    if (eq > 0) args[item.slice(0, eq)] = item.slice(eq + 1);
    else if (env[item] !== undefined) args[item] = env[item]!;
  }
  return args;
}

const REFUSED: Record<string, string> = {
  builder: '--builder selects a buildx builder; tcompose builds with the engine\'s own BuildKit and has no buildx builders',
  provenance: '--provenance adds a buildx attestation; the engine\'s own builder makes none',
  sbom: '--sbom adds a buildx attestation; the engine\'s own builder makes none',
  check: '--check runs the Dockerfile frontend\'s build checks, which the engine\'s built-in frontend does not offer; tcompose does not run them',
};

export const command: CommandModule = {
  summary: 'Build or rebuild services',
  usage: 'build [OPTIONS] [SERVICE...]',
  flags: [
    { name: 'build-arg', type: 'strings', description: 'Set build-time variables for services' },
    { name: 'builder', type: 'string', description: 'Set builder to use (refused: tcompose has no buildx builders)' },
    { name: 'check', type: 'boolean', description: 'Check build configuration (refused: no build checks)' },
    { name: 'memory', short: 'm', type: 'string', description: 'Set memory limit for the build container. Not supported by BuildKit.' },
    { name: 'no-cache', type: 'boolean', description: 'Do not use cache when building the image' },
    { name: 'print', type: 'boolean', description: 'Print equivalent bake file' },
    { name: 'provenance', type: 'string', description: 'Add a provenance attestation (refused)' },
    { name: 'pull', type: 'boolean', description: 'Always attempt to pull a newer version of the image' },
    { name: 'push', type: 'boolean', description: 'Push service images' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'Suppress the build output' },
    { name: 'sbom', type: 'string', description: 'Add a SBOM attestation (refused)' },
    { name: 'ssh', type: 'strings', description: 'Set SSH authentications used when building service images. (use \'default\' for using your default SSH Agent)' },
    { name: 'with-dependencies', type: 'boolean', description: 'Also build dependencies (transitively)' },
  ],
  async run(ctx, flags, services) {
    for (const [flag, why] of Object.entries(REFUSED)) if (flags[flag] !== undefined && flags[flag] !== false) throw new UsageError(why);
    let memory: number | undefined;
    try { memory = byteSize(flags.memory as string | undefined); } catch (err) { throw new UsageError(`invalid --memory: ${(err as Error).message}`); }
    const project = await ctx.loadProject({ services });
    for (const s of services) if (!project.services[s]) throw new UsageError(`no such service: ${s}`);
    const selected = flags['with-dependencies'] && services.length ? withDependencies(project, services) : services;
    const buildable = (selected.length ? selected : Object.keys(project.services).sort()).filter((n) => project.services[n]!.build);
    const options = {
      noCache: Boolean(flags['no-cache']), pull: Boolean(flags.pull), buildArgs: buildArgsOf(flags['build-arg'] as string[] | undefined, ctx.env),
      ssh: flags.ssh as string[] | undefined, memory,
    };
    if (flags.print) {
      ctx.stdout.write(bakeFile(project, buildable, (n) => project.services[n]!.image ?? defaultImageName(project.name, n), { ...options, push: Boolean(flags.push) }));
      return 0;
    }
    if (memory && !['0', 'false'].includes(ctx.env.DOCKER_BUILDKIT?.trim().toLowerCase() ?? '')) ctx.warn('--memory is not supported by BuildKit and is ignored (DOCKER_BUILDKIT=0 builds with the classic builder, which honours it)');
    const quiet = Boolean(flags.quiet);
    await withRenderer(ctx, async (t) => {
      await t.build(project, {
        ...options, services: buildable,
        onLine: quiet || ctx.progressMode !== 'plain' ? undefined : (service, line) => ctx.stderr.write(`${service}  | ${line}\n`),
      }, ctx.signal);
      if (flags.push) await t.push(project, { services: buildable.filter((n) => project.services[n]!.image) }, ctx.signal);
    });
    return 0;
  },
};
