/**
 * One `up`/`down` per project at a time on this host, so concurrent runs never create duplicates.
 * The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose owner died is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError } from '../errors/index.js';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

async function tryAcquire(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    await writeFile(join(dir, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => ''));
    // An empty pid file means the owner is between mkdir and write: wait for it.
    if (owner && !alive(owner)) await rm(dir, { recursive: true, force: true });
    return false;
  }
}

export async function withProjectLock<T>(lockRoot: string, projectName: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  await mkdir(lockRoot, { recursive: true });
  const dir = join(lockRoot, `${projectName}.lock`);
  let delay = 20;
  while (!(await tryAcquire(dir))) {
    if (signal?.aborted) throw new CancelledError();
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
  // `exit` handlers must be synchronous.
  const release = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    await rm(dir, { recursive: true, force: true });
  }
}

