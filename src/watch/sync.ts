/** Copy changed files into a container through the Engine archive API, and delete removed ones (no shell). */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import type { Readable } from 'node:stream';
import type { Engine } from '../engine/engine.js';
import { addHostEntry } from '../build/tar-entry.js';
import { runToCompletion } from '../engine/exec-to-completion.js';

/** A tar whose entries are the container paths (relative to `/`), so one extraction at `/` places them all. */
export async function syncTar(files: ReadonlyMap<string, string>): Promise<{ tar: Readable; count: number }> {
  const tar = pack();
  const entries: Array<[string, string]> = [];
  for (const [host, container] of files) {
    const st = await lstat(host).catch(() => undefined);
    if (!st) continue;
    if (st.isDirectory()) {
      // A new directory: send what is inside it too.
      const walk = async (dir: string, target: string): Promise<void> => {
        entries.push([dir, target]);
        for (const name of await readdir(dir)) await walk(join(dir, name), `${target}/${name}`).catch(() => undefined);
      };
      await walk(host, container);
    } else entries.push([host, container]);
  }
  (async () => {
    for (const [host, container] of entries) {
      // Stat again when writing: a file deleted since the batch was collected is skipped, not an error.
      const st = await lstat(host).catch(() => undefined);
      if (!st || st.isSymbolicLink()) continue;
      await addHostEntry(tar, host, container.replace(/^\/+/, ''), st);
    }
    tar.finalize();
  })().catch((err) => tar.destroy(err));
  const count = entries.length;
  return { tar: tar as unknown as Readable, count };
}

export async function syncInto(engine: Engine, containerId: string, files: ReadonlyMap<string, string>): Promise<number> {
  if (files.size === 0) return 0;
  const { tar, count } = await syncTar(files);
  await engine.putArchive(containerId, '/', tar);
  return count;
}

export async function removeIn(engine: Engine, containerId: string, paths: ReadonlySet<string>): Promise<void> {
  if (paths.size === 0) return;
  await runToCompletion(engine, containerId, { cmd: ['rm', '-rf', '--', ...paths] });
}
