/**
 * The docker CLI plugin protocol, so `docker compose …` runs tcompose once it is installed as the
 * `docker-compose` plugin (`tcompose plugin install`):
 * - `docker-cli-plugin-metadata` as the only argument: answer the plugin's metadata as JSON;
 * - run by the docker CLI (DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND is set), the arguments are docker's own:
 *   its global flags, then `compose`, then ours. The global flags say where the engine is (`--context`, `-H`,
 *   `--tls*`, `--config`): they are handed on as tcompose's own, so the plugin talks to the engine `docker` would.
 */
import { UsageError } from '../errors/index.js';
import { VERSION } from './version-info.js';

export const PLUGIN_NAME = 'compose';
export const PLUGIN_ENV = 'DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND';

export function pluginMetadata(): string {
  return JSON.stringify({ SchemaVersion: '0.1.0', Vendor: 'tcompose', Version: VERSION, ShortDescription: 'Docker Compose (tcompose)' });
}

/** docker's global flags that take a value; the booleans are the rest of the table below. */
const DOCKER_VALUE_FLAGS: Record<string, string | undefined> = {
  '--config': 'config', '-c': '--context', '--context': '--context', '-H': '--host', '--host': '--host',
  '--tlscacert': '--tlscacert', '--tlscert': '--tlscert', '--tlskey': '--tlskey', '-l': undefined, '--log-level': undefined,
};
const DOCKER_BOOLEAN_FLAGS: Record<string, string | undefined> = { '--tls': '--tls', '--tlsverify': '--tlsverify', '-D': '--verbose', '--debug': '--verbose' };

export type PluginInvocation =
  | { kind: 'metadata' }
  | { kind: 'run'; argv: string[]; configDir?: string };

/** How this run was invoked: as a docker CLI plugin (metadata or a command), or directly (argv as given). */
export function pluginInvocation(argv: readonly string[], env: Record<string, string | undefined>): PluginInvocation {
  if (argv.length === 1 && argv[0] === 'docker-cli-plugin-metadata') return { kind: 'metadata' };
  if (!env[PLUGIN_ENV]) return { kind: 'run', argv: [...argv] };
  const ours: string[] = [];
  let configDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === PLUGIN_NAME) return { kind: 'run', argv: [...ours, ...argv.slice(i + 1)], ...(configDir ? { configDir } : {}) };
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name in DOCKER_BOOLEAN_FLAGS) {
      const mapped = DOCKER_BOOLEAN_FLAGS[name];
      if (mapped && (eq < 0 || !['false', '0'].includes(arg.slice(eq + 1)))) ours.push(mapped);
      continue;
    }
    if (name in DOCKER_VALUE_FLAGS) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
      const mapped = DOCKER_VALUE_FLAGS[name];
      if (mapped === 'config') configDir = value;
      else if (mapped) ours.push(mapped, value);
      continue;
    }
    throw new UsageError(`unexpected docker flag ${arg} before "${PLUGIN_NAME}"`);
  }
  // The docker CLI always names the plugin; without it these are tcompose's own arguments.
  return { kind: 'run', argv: [...argv] };
}
