/** Building a service's image from its `build:` section (BuildKit unless DOCKER_BUILDKIT=0). */
import { contextTar } from '../build/context-tar.js';
import { byteSize } from '../model/units.js';
import { RuntimeError } from '../errors/index.js';
import { Labels } from '../model/labels.js';
import type { ExecContext } from './execute.js';
import { existsSync, statSync } from 'node:fs';
import { buildSecrets, cacheFromImages, cacheToBuildArgs, sshAgents, sshEntries } from './build-inputs.js';

const INLINE_DOCKERFILE = '.tcompose.inline.Dockerfile';

/** The `build` command's flags that change a build (docker compose v5.5 names). */
export interface BuildRunOptions {
  noCache?: boolean;
  pull?: boolean;
  /** `--build-arg KEY=VALUE` (or `KEY`, taken from the environment): over the service's `build.args`. */
  buildArgs?: Record<string, string>;
  /** `--ssh id=path`, added to every service's `build.ssh`. */
  ssh?: string[];
  /** `--memory`, in bytes: the legacy builder only ("Not supported by BuildKit"). */
  memory?: number;
}

/** DOCKER_BUILDKIT=0/false asks for the classic builder, as for the docker CLI. */
export function builderFor(environment: Record<string, string | undefined>): 'buildkit' | 'legacy' {
  const v = environment.DOCKER_BUILDKIT?.trim().toLowerCase();
  return v === '0' || v === 'false' ? 'legacy' : 'buildkit';
}

export async function buildServiceImage(serviceName: string, image: string, ctx: Pick<ExecContext, 'engine' | 'project' | 'signal'>, onLine?: (line: string) => void, options: BuildRunOptions = {}): Promise<string> {
  const project = ctx.project;
  const build = project.services[serviceName]!.build;
  if (!build) throw new RuntimeError(`service "${serviceName}" has no build section`);
  if (!existsSync(build.context) || !statSync(build.context).isDirectory()) {
    throw new RuntimeError(`service "${serviceName}": build context ${build.context} is not a directory`);
  }
  const cacheToArgs = cacheToBuildArgs(serviceName, build.cache_to);
  const env = project.meta.environment;
  const dockerfile = build.dockerfile_inline ? INLINE_DOCKERFILE : build.dockerfile ?? 'Dockerfile';
  const args = Object.fromEntries(Object.entries(build.args ?? {}).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined));
  const secrets = buildSecrets(project, serviceName);
  const ssh = { ...sshEntries(build.ssh), ...sshEntries(options.ssh ?? []) };
  const agents = await sshAgents(ssh, env, project.meta.workingDir);
  try {
    const context = await contextTar(build.context, {
      dockerfile,
      inlineDockerfile: build.dockerfile_inline ? { name: INLINE_DOCKERFILE, content: build.dockerfile_inline } : undefined,
    });
    return await ctx.engine.buildImage(context, {
      tag: image,
      dockerfile,
      buildArgs: { ...cacheToArgs, ...args, ...options.buildArgs },
      target: build.target,
      labels: { ...(build.labels ?? {}), [Labels.project]: project.name, [Labels.service]: serviceName },
      networkMode: build.network,
      extraHosts: build.extra_hosts?.length ? build.extra_hosts.map((h) => h.replace('=', ':')).join(',') : undefined,
      shmSize: byteSize(build.shm_size),
      noCache: options.noCache || Boolean(build.no_cache),
      pull: options.pull || Boolean(build.pull),
      secrets,
      ssh: agents.sockets,
      cacheFrom: cacheFromImages(serviceName, build.cache_from),
      memory: options.memory,
      builder: builderFor(env),
    }, onLine, ctx.signal);
  } catch (err) {
    throw new RuntimeError(`service "${serviceName}" failed to build: ${(err as Error).message.replace(/^build image [^:]+:\s*/, '')}`, 1, { cause: err });
  } finally {
    agents.release();
  }
}
