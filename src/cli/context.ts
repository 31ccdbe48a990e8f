/** What every command gets: the parsed global flags, the environment, output, cancellation and lazy wiring. */
import type { Project } from '../model/project.js';
import type { FlagSpec, FlagValues } from './args.js';
import type { Renderer, ProgressMode } from './render/progress.js';
import type { Tcompose } from '../core/index.js';
import type { Engine } from '../engine/engine.js';

export const globalFlags: FlagSpec[] = [
  { name: 'file', short: 'f', type: 'strings', description: 'Compose configuration files' },
  { name: 'project-name', short: 'p', type: 'string', description: 'Project name' },
  { name: 'project-directory', type: 'string', description: 'Alternate working directory (default: the first file\'s directory)' },
  { name: 'env-file', type: 'strings', description: 'Alternate environment files' },
  { name: 'profile', type: 'strings', description: 'Profiles to enable' },
  { name: 'parallel', type: 'number', description: 'Control max parallelism, -1 for unlimited' },
  { name: 'progress', type: 'string', description: 'Progress output: auto, tty, plain, json, quiet' },
  { name: 'ansi', type: 'string', description: 'Control when to print ANSI control characters: never, always, auto' },
  { name: 'dry-run', type: 'boolean', description: 'Print the plan and change nothing' },
  { name: 'verbose', type: 'boolean', description: 'Show stack traces and engine details' },
  { name: 'no-dns', type: 'boolean', description: 'Do not use the embedded DNS; register service names as engine aliases' },
  // Where the engine is, as the docker CLI takes it (engine/connection.ts decides).
  { name: 'host', short: 'H', type: 'strings', description: 'Daemon socket to connect to (unix://, tcp://, ssh://)' },
  { name: 'context', short: 'c', type: 'string', description: 'Name of the docker context to use (overrides DOCKER_HOST and DOCKER_CONTEXT)' },
  { name: 'tls', type: 'boolean', description: 'Use TLS; implied by --tlsverify' },
  { name: 'tlsverify', type: 'boolean', description: 'Use TLS and verify the remote' },
  { name: 'tlscacert', type: 'string', description: 'Trust certs signed only by this CA' },
  { name: 'tlscert', type: 'string', description: 'Path to TLS certificate file' },
  { name: 'tlskey', type: 'string', description: 'Path to TLS key file' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show help' },
  { name: 'version', short: 'v', type: 'boolean', description: 'Show the tcompose version' },
];

export interface CommandModule {
  summary: string;
  usage: string;
  flags: FlagSpec[];
  /** Flags end at the first positional (`exec web ls -l`: `-l` belongs to the command), as docker compose does. */
  stopAtFirstPositional?: boolean;
  run(ctx: CliContext, flags: FlagValues, positionals: string[]): Promise<number>;
}

export interface CliContext {
  global: FlagValues;
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
  progressMode: ProgressMode;
  color: boolean;
  /** Load the compose files named by the global flags (services named on the command line enable their profiles). */
  loadProject(options?: { services?: string[]; interpolate?: boolean; normalize?: boolean; consistency?: boolean; preflight?: boolean }): Promise<Project>;
  /** The project name given by `-p` or COMPOSE_PROJECT_NAME, before any file is read. */
  givenProjectName?: string;
  /** The project, or only its name when there is no compose file and `-p` says which project (labels are the state). */
  projectOrName(services?: string[]): Promise<Project | string>;
  engine(): Promise<Engine>;
  /** The library API wired to the engine and a progress renderer. */
  tcompose(renderer?: Renderer): Promise<Tcompose>;
  renderer(): Promise<Renderer>;
  warn(message: string): void;
}
