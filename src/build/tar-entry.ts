/** One host path (file, directory or symlink) as an entry of a tar stream, under the name given. */
import { createReadStream, type Stats } from 'node:fs';
import { readlink } from 'node:fs/promises';
import type { Pack } from 'tar-stream';

export async function addHostEntry(tar: Pack, hostPath: string, name: string, st: Stats): Promise<void> {
  const header = { name, mode: st.mode & 0o7777, mtime: st.mtime };
  if (st.isDirectory()) {
    await new Promise<void>((resolve, reject) => tar.entry({ ...header, type: 'directory' }, (e) => (e ? reject(e) : resolve())));
  } else if (st.isSymbolicLink()) {
    const linkname = await readlink(hostPath);
    await new Promise<void>((resolve, reject) => tar.entry({ ...header, type: 'symlink', linkname }, (e) => (e ? reject(e) : resolve())));
  } else if (st.isFile()) {
    await new Promise<void>((resolve, reject) => {
      const sink = tar.entry({ ...header, size: st.size }, (e) => (e ? reject(e) : resolve()));
      createReadStream(hostPath).on('error', reject).pipe(sink);
    });
  }
}
