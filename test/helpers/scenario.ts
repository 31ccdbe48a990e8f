/**
 * A test scenario: a temporary project directory with its own files, a unique project name, and cleanup that
 * runs even when the test fails (`down -v` through tcompose, then a label sweep for anything left).
 */
import { mkdtemp, writeFile, mkdir, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { runCli, repoRoot, type CliResult } from './cli.js';
import { sweepProject, projectContainers, engine } from './engine.js';

export interface Scenario {
  dir: string;
  projectName: string;
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** Like cli, but fails the test with the CLI's stderr when the exit code is not 0. */
  ok(args: string[], env?: Record<string, string>): Promise<CliResult>;
  write(path: string, content: string): Promise<void>;
  containers(): ReturnType<typeof projectContainers>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function scenario(prefix: string, files: Record<string, string> = {}, options: { fixture?: string } = {}): Promise<Scenario> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  if (options.fixture) await cp(join(repoRoot, 'fixtures', options.fixture), dir, { recursive: true });
  const projectName = uniqueName(prefix);
  // Anonymous volumes carry no project label, and a `down` without -v or an `up -V` leaves them dangling:
  // note them after every command so cleanup can remove them.
  const anonymousVolumes = new Set<string>();
  const noteAnonymousVolumes = async () => {
    try {
      for (const c of await projectContainers(projectName)) {
        const inspect = await engine.inspectContainer(c.id);
        for (const m of inspect.Mounts) if (m.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name)) anonymousVolumes.add(m.Name);
      }
    } catch { /* containers come and go; what is missed here is not the test's concern */ }
  };
  const s: Scenario = {
    dir,
    projectName,
    async cli(args, env) {
      const result = await runCli(['-p', projectName, ...args], { cwd: dir, env });
      await noteAnonymousVolumes();
      return result;
    },
    async ok(args, env) {
      const r = await s.cli(args, env);
      if (r.code !== 0) throw new Error(`tcompose ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r;
    },
    async write(path, content) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    },
    containers: () => projectContainers(projectName),
  };
  for (const [path, content] of Object.entries(files)) await s.write(path, content);
  onTestFinished(async () => {
    await runCli(['-p', projectName, 'down', '-v', '--remove-orphans', '-t', '0'], { cwd: dir }).catch(() => undefined);
    await sweepProject(projectName);
    await Promise.all([...anonymousVolumes].map((v) => engine.removeVolume(v).catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  });
  return s;
}
