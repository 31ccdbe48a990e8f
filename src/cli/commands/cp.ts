/**
 * `cp`: copy files between a service container and the host through the archive API (`SERVICE:PATH` names the
 * container side). Like `docker cp`: a directory is copied with its name into an existing destination directory.
 */
import type { CommandModule } from '../context.js';
import { oneContainer } from '../select-containers.js';
import { UsageError } from '../../errors/index.js';
import { pack, extract } from 'tar-stream';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { addHostEntry } from '../../build/tar-entry.js';

function splitRef(arg: string): { service?: string; path: string } {
  const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*):(.*)$/.exec(arg);
  return m ? { service: m[1], path: m[2]! } : { path: arg };
}

async function tarOf(hostPath: string, nameInTar: string): Promise<Readable> {
  const tar = pack();
  const add = async (full: string, name: string): Promise<void> => {
    const st = await lstat(full);
    await addHostEntry(tar, full, name, st);
    if (st.isDirectory()) for (const child of (await readdir(full)).sort()) await add(join(full, child), `${name}/${child}`);
  };
  add(hostPath, nameInTar).then(() => tar.finalize(), (err) => tar.destroy(err));
  return tar as unknown as Readable;
}

async function extractTo(stream: Readable, destDir: string): Promise<void> {
  const ex = extract();
  ex.on('entry', (header, body, next) => {
    const target = resolve(destDir, header.name);
    if (!target.startsWith(resolve(destDir))) { body.resume(); next(); return; }
    const done = (err?: unknown) => (err ? ex.destroy(err as Error) : next());
    if (header.type === 'directory') { mkdir(target, { recursive: true }).then(() => { body.resume(); done(); }, done); return; }
    if (header.type === 'symlink') { symlink(header.linkname!, target).then(() => { body.resume(); done(); }, done); return; }
    mkdir(dirname(target), { recursive: true }).then(() => pipeline(body, createWriteStream(target, { mode: header.mode }))).then(() => done(), done);
  });
  await pipeline(stream, ex);
}

export const command: CommandModule = {
  summary: 'Copy files/folders between a service container and the local filesystem',
  usage: 'cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n        tcompose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH',
  flags: [
    { name: 'index', type: 'number', description: 'Index of the container if service has multiple replicas' },
    { name: 'archive', short: 'a', type: 'boolean', description: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', short: 'L', type: 'boolean', description: 'Always follow symbol link in SRC_PATH' },
  ],
  async run(ctx, flags, positionals) {
    if (positionals.length !== 2) throw new UsageError('cp requires exactly a SRC and a DEST');
    const src = splitRef(positionals[0]!);
    const dest = splitRef(positionals[1]!);
    if (Boolean(src.service) === Boolean(dest.service)) throw new UsageError('cp copies between a container and the host: exactly one side must be SERVICE:PATH');
    const index = (flags.index as number | undefined) ?? 1;
    if (dest.service) {
      const { tcompose, container } = await oneContainer(ctx, dest.service, index);
      const hostPath = resolve(ctx.cwd, src.path);
      await stat(hostPath).catch(() => { throw new UsageError(`no such file or directory: ${hostPath}`); });
      // Copying into an existing directory keeps the source's name; otherwise the destination names it.
      const intoDir = dest.path.endsWith('/') || (await isContainerDir(tcompose.engine, container.id, dest.path));
      const name = intoDir ? basename(hostPath) : posix.basename(dest.path);
      const targetDir = intoDir ? dest.path : posix.dirname(dest.path);
      await tcompose.engine.putArchive(container.id, targetDir, await tarOf(hostPath, name));
    } else {
      const { tcompose, container } = await oneContainer(ctx, src.service!, index);
      const stream = await tcompose.engine.getArchive(container.id, src.path);
      await extractTo(stream, resolve(ctx.cwd, dest.path));
    }
    return 0;
  },
};

async function isContainerDir(engine: Awaited<ReturnType<typeof oneContainer>>['tcompose']['engine'], containerId: string, path: string): Promise<boolean> {
  try {
    const archive = await engine.getArchive(containerId, `${path}/.`);
    archive.resume();
    return true;
  } catch {
    return false;
  }
}
