/** Which compose files to read: -f, else COMPOSE_FILE, else the default names (searching up from the cwd). */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ComposeError } from '../errors/index.js';

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_FILES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
};

export function discoverFiles(cwd: string, explicit: string[] | undefined, env: Record<string, string>): string[] {
  if (explicit?.length) return explicit.map((f) => (f === '-' ? f : resolve(cwd, f)));
  if (env.COMPOSE_FILE) {
    const sep = env.COMPOSE_PATH_SEPARATOR || (process.platform === 'win32' ? ';' : ':');
    return env.COMPOSE_FILE.split(sep).filter(Boolean).map((f) => resolve(cwd, f));
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = DEFAULT_FILES.find((f) => existsSync(join(dir, f)) && statSync(join(dir, f)).isFile());
    if (found) {
      const override = OVERRIDE_FILES[found]!.find((f) => existsSync(join(dir, f)));
      return [join(dir, found), ...(override ? [join(dir, override)] : [])];
    }
    if (dirname(dir) === dir) break;
  }
  throw new ComposeError(`no configuration file provided: not found (looked for ${DEFAULT_FILES.join(', ')} in ${cwd} and its parents)`);
}
