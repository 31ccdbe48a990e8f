/** `up -d --watch`: the watcher as a detached process with a pid file and a log, found again by `watch --stop`. */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../../host/state-dir.js';
import type { CliContext } from '../context.js';

export function backgroundWatcherFiles(env: Record<string, string | undefined>, projectName: string) {
  const dir = join(stateDir(env), 'watch');
  return { dir, pid: join(dir, `${projectName}.pid`), log: join(dir, `${projectName}.log`) };
}

function globalArgs(ctx: CliContext, projectName: string): string[] {
  const g = ctx.global;
  const args = ['-p', projectName];
  for (const f of (g.file as string[] | undefined) ?? []) args.push('-f', f);
  for (const f of (g['env-file'] as string[] | undefined) ?? []) args.push('--env-file', f);
  for (const p of (g.profile as string[] | undefined) ?? []) args.push('--profile', p);
  if (g['project-directory']) args.push('--project-directory', g['project-directory'] as string);
  return args;
}

export async function startBackgroundWatcher(ctx: CliContext, projectName: string): Promise<{ pid: number; log: string }> {
  const files = backgroundWatcherFiles(ctx.env, projectName);
  mkdirSync(files.dir, { recursive: true });
  await stopBackgroundWatcher(files);
  const cli = process.argv[1]!; // the CLI running now (bin/tcompose.js): same build, same flags
  const log = openSync(files.log, 'a');
  const child = spawn(process.execPath, [cli, ...globalArgs(ctx, projectName), 'watch', '--no-up', '--pid-file', files.pid], {
    cwd: ctx.cwd, detached: true, stdio: ['ignore', log, log], env: process.env,
  });
  child.unref();
  return { pid: child.pid!, log: files.log };
}

export async function stopBackgroundWatcher(files: { pid: string }): Promise<boolean> {
  if (!existsSync(files.pid)) return false;
  const pid = Number(readFileSync(files.pid, 'utf8'));
  rmSync(files.pid, { force: true });
  try { process.kill(pid, 'SIGTERM'); return true; } catch { return false; }
}
