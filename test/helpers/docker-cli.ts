/** Debian's docker CLI with a temporary DOCKER_CONFIG, so no test reads or writes the real ~/.docker. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export async function tempDockerConfig(config?: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-docker-config-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  if (config) await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

export function dockerCli(args: string[], env: Record<string, string | undefined>, input?: string, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('docker', args, { env: { ...process.env, ...env } as NodeJS.ProcessEnv, timeout: 90_000, cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
