/** `build --print`: the build as a bake file (JSON), as docker compose prints it for buildx. */
import type { Project } from '../../model/project.js';

export function bakeFile(project: Project, services: string[], imageOf: (service: string) => string, extra: { buildArgs?: Record<string, string>; noCache?: boolean; pull?: boolean; push?: boolean; ssh?: string[] }): string {
  const targets: Record<string, Record<string, unknown>> = {};
  for (const name of services) {
    const build = project.services[name]!.build!;
    const args = Object.fromEntries(Object.entries({ ...(build.args ?? {}), ...extra.buildArgs }).filter(([, v]) => v !== null && v !== undefined));
    const secrets = ((build.secrets ?? []) as Array<string | { source: string; target?: string }>).map((ref) => {
      const source = typeof ref === 'string' ? ref : ref.source;
      const id = (typeof ref === 'string' ? undefined : ref.target) || source;
      const def = project.secrets[source];
      return def?.environment ? `id=${id},type=env,env=${def.environment}` : `id=${id},type=file,src=${def?.file ?? ''}`;
    });
    const ssh = [...((build.ssh as string[] | undefined) ?? []), ...(extra.ssh ?? [])];
    targets[name] = Object.fromEntries(Object.entries({
      context: build.context,
      dockerfile: build.dockerfile_inline ? undefined : build.dockerfile ?? 'Dockerfile',
      'dockerfile-inline': build.dockerfile_inline,
      args: Object.keys(args).length ? args : undefined,
      labels: build.labels,
      tags: [imageOf(name), ...(build.tags ?? [])],
      target: build.target,
      'cache-from': build.cache_from,
      'cache-to': build.cache_to,
      secret: secrets.length ? secrets : undefined,
      ssh: ssh.length ? ssh : undefined,
      network: build.network,
      'no-cache': extra.noCache || build.no_cache || undefined,
      pull: extra.pull || build.pull || undefined,
      output: [`type=image,push=${Boolean(extra.push)}`],
    }).filter(([, v]) => v !== undefined));
  }
  return `${JSON.stringify({ group: { default: { targets: services } }, target: targets }, null, 2)}\n`;
}
