/** `config` output modes over a loaded project. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Project } from '../../model/project.js';
import { renderConfig } from '../../schema/render-config.js';
import { composeVariables, formatVariables } from '../../schema/variables.js';
import { serviceConfigHash } from '../../planner/config-hash.js';
import { defaultImageName } from '../../model/names.js';

export interface ConfigArgs {
  format: 'yaml' | 'json';
  services: boolean;
  volumes: boolean;
  profiles: boolean;
  images: boolean;
  hash?: string;
  variables: boolean;
  quiet: boolean;
  noInterpolate: boolean;
  output?: string;
}

export async function runConfig(project: Project | null, args: ConfigArgs, io: { stdout: (s: string) => void }): Promise<number> {
  if (!project || args.quiet) return 0;
  const lines = (items: string[]) => io.stdout(items.map((i) => `${i}\n`).join(''));
  if (args.services) { lines(Object.keys(project.services)); return 0; }
  if (args.volumes) { lines(Object.keys(project.volumes)); return 0; }
  if (args.profiles) {
    const all = [...Object.values(project.services), ...Object.values(project.meta.disabledServices)].flatMap((s) => s.profiles ?? []);
    lines([...new Set(all)].sort());
    return 0;
  }
  if (args.images) { lines(Object.entries(project.services).map(([name, s]) => s.image ?? defaultImageName(project.name, name))); return 0; }
  if (args.hash !== undefined) {
    const names = args.hash === '*' ? Object.keys(project.services) : args.hash.split(',');
    lines(names.filter((n) => project.services[n]).map((n) => `${n} ${serviceConfigHash(project.services[n]!)}`));
    return 0;
  }
  if (args.variables) {
    // The templates, not the interpolated model: docker compose lists what the files refer to.
    const texts = project.meta.configFiles.filter((f) => f !== '-').map((f) => readFileSync(f, 'utf8'));
    io.stdout(formatVariables(composeVariables(texts)));
    return 0;
  }
  const text = renderConfig(project, args.format, { escapeDollars: !args.noInterpolate });
  if (args.output) await writeFile(args.output, text);
  else io.stdout(text);
  return 0;
}
