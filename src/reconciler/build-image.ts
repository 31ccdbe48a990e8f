/** Building a service's image from its `build:` section. */
import { contextTar } from '../build/context-tar.js';
import { bytesOf } from '../engine/units.js';
import { RuntimeError } from '../errors/index.js';
import { Labels } from '../model/labels.js';
import type { ExecContext } from './execute.js';
import { existsSync, statSync } from 'node:fs';

const INLINE_DOCKERFILE = '.tcompose.inline.Dockerfile';

export async function buildServiceImage(serviceName: string, image: string, ctx: Pick<ExecContext, 'engine' | 'project' | 'signal'>, onLine?: (line: string) => void, options: { noCache?: boolean; pull?: boolean } = {}): Promise<string> {
  const build = ctx.project.services[serviceName]!.build;
  if (!build) throw new RuntimeError(`service "${serviceName}" has no build section`);
  if (!existsSync(build.context) || !statSync(build.context).isDirectory()) {
    throw new RuntimeError(`service "${serviceName}": build context ${build.context} is not a directory`);
  }
  const dockerfile = build.dockerfile_inline ? INLINE_DOCKERFILE : build.dockerfile ?? 'Dockerfile';
  const context = await contextTar(build.context, {
    dockerfile,
    inlineDockerfile: build.dockerfile_inline ? { name: INLINE_DOCKERFILE, content: build.dockerfile_inline } : undefined,
  });
  const args = Object.fromEntries(Object.entries(build.args ?? {}).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined));
  try {
    return await ctx.engine.buildImage(context, {
      tag: image,
      dockerfile,
      buildArgs: args,
      target: build.target,
      labels: { ...(build.labels ?? {}), [Labels.project]: ctx.project.name, [Labels.service]: serviceName },
      networkMode: build.network,
      extraHosts: build.extra_hosts?.length ? build.extra_hosts.map((h) => h.replace('=', ':')).join(',') : undefined,
      shmSize: bytesOf(build.shm_size),
      noCache: options.noCache,
      pull: options.pull,
    }, onLine, ctx.signal);
  } catch (err) {
    throw new RuntimeError(`service "${serviceName}" failed to build: ${(err as Error).message.replace(/^build image [^:]+:\s*/, '')}`, 1, { cause: err });
  }
}
