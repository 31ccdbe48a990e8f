/**
 * `tcompose plugin install|uninstall`: make `docker compose …` run tcompose, as the docker CLI finds plugins:
 * an executable `docker-compose` in `<docker config dir>/cli-plugins` (DOCKER_CONFIG, else ~/.docker).
 * The file is a small script that runs this tcompose with the Node that ran the install; a file there that
 * tcompose did not write (Docker's own compose plugin) is kept unless --force.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from '../context.js';
import { UsageError } from '../../errors/index.js';
import { dockerConfigDir } from '../../engine/docker-config.js';

const MARKER = '# written by `tcompose plugin install`';

/** bin/tcompose.js of this installation: the bundle sits in dist/bundle, the sources in src/cli/commands. */
function launcherPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', '..', 'bin', 'tcompose.js'), join(here, '..', '..', '..', 'bin', 'tcompose.js')]) {
    if (existsSync(candidate)) return resolve(candidate);
  }
  throw new UsageError(`cannot find bin/tcompose.js near ${here}`);
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function pluginScript(launcher: string, nodeBinDir: string): string {
  // The launcher itself decides how Node starts (bin/tcompose.js); PATH only makes sure it finds this Node.
  return `#!/bin/sh\n${MARKER}\nPATH=${quote(nodeBinDir)}:"$PATH" exec ${quote(launcher)} "$@"\n`;
}

export const command: CommandModule = {
  summary: 'Install tcompose as the docker CLI plugin `docker compose` (or remove it)',
  usage: 'plugin install|uninstall [--force]',
  flags: [
    { name: 'force', type: 'boolean', description: 'Replace a docker-compose plugin tcompose did not install' },
  ],
  async run(ctx, flags, positionals) {
    const [verb, ...extra] = positionals;
    if (!verb || !['install', 'uninstall'].includes(verb) || extra.length) throw new UsageError('usage: tcompose plugin install|uninstall [--force]');
    const dir = join(dockerConfigDir(ctx.env), 'cli-plugins');
    const target = join(dir, 'docker-compose');
    const ours = existsSync(target) && readFileSync(target, 'utf8').includes(MARKER);
    if (verb === 'uninstall') {
      if (!existsSync(target)) { ctx.stdout.write(`nothing to remove: ${target} does not exist\n`); return 0; }
      if (!ours && !flags.force) throw new UsageError(`${target} was not installed by tcompose; remove it yourself or pass --force`);
      rmSync(target);
      ctx.stdout.write(`removed ${target}\n`);
      return 0;
    }
    if (existsSync(target) && !ours && !flags.force) {
      throw new UsageError(`${target} exists and was not installed by tcompose (Docker's own compose plugin?); pass --force to replace it`);
    }
    mkdirSync(dir, { recursive: true });
    const temporary = `${target}.tcompose-${process.pid}`;
    writeFileSync(temporary, pluginScript(launcherPath(), dirname(process.execPath)));
    chmodSync(temporary, 0o755);
    renameSync(temporary, target);
    ctx.stdout.write(`installed ${target}: \`docker compose\` now runs tcompose\n`);
    return 0;
  },
};
