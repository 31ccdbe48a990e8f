/** The variables interpolation sees: `.env` (or --env-file, repeatable) under the OS environment, which wins. */
import { join, resolve } from 'node:path';
import { ComposeError } from '../errors/index.js';
import { parseDotenv } from './dotenv.js';
import type { FileSystem } from './read-files.js';

export function projectEnvironment(workingDir: string, options: { cwd: string; environment: Record<string, string>; envFiles?: string[] }, fs: FileSystem): Record<string, string> {
  const osEnv = options.environment;
  const explicit = options.envFiles?.length ? options.envFiles.map((f) => resolve(options.cwd, f)) : undefined;
  const disabled = ['1', 'true'].includes((osEnv.COMPOSE_DISABLE_ENV_FILE ?? '').toLowerCase());
  const files = explicit ?? (disabled ? [] : [join(workingDir, '.env')]);
  let fromFiles: Record<string, string> = {};
  for (const file of files) {
    const text = fs.readText(file);
    if (typeof text !== 'string') {
      if (explicit) throw new ComposeError(`couldn't find env file: ${file}`);
      continue;
    }
    try {
      fromFiles = { ...fromFiles, ...parseDotenv(text, (n) => osEnv[n] ?? fromFiles[n]) };
    } catch (err) {
      throw new ComposeError(`${file}: ${(err as Error).message}`);
    }
  }
  return { ...fromFiles, ...osEnv };
}
