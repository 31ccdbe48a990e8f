/** The build context as a tar stream, without what `.dockerignore` excludes (the Dockerfile is always sent). */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pack, type Pack } from 'tar-stream';
import type { Readable } from 'node:stream';
import { ignoreMatcher, parseIgnoreFile, type IgnoreMatcher } from './dockerignore.js';
import { addHostEntry } from './tar-entry.js';

export async function contextIgnore(contextDir: string, dockerfile?: string): Promise<IgnoreMatcher> {
  // A Dockerfile-specific ignore file (`<Dockerfile>.dockerignore`) takes precedence, as in BuildKit.
  const specific = dockerfile ? join(contextDir, `${dockerfile}.dockerignore`) : undefined;
  const file = specific && existsSync(specific) ? specific : join(contextDir, '.dockerignore');
  const patterns = existsSync(file) ? parseIgnoreFile(await readFile(file, 'utf8')) : [];
  return ignoreMatcher(patterns);
}

export async function contextTar(contextDir: string, options: { dockerfile?: string; inlineDockerfile?: { name: string; content: string } } = {}): Promise<Readable> {
  const matcher = await contextIgnore(contextDir, options.dockerfile);
  const keep = new Set([options.dockerfile ?? 'Dockerfile', '.dockerignore']);
  const tar = pack();
  (async () => {
    try {
      await addDir(tar, contextDir, contextDir, matcher, keep);
      if (options.inlineDockerfile) await entry(tar, { name: options.inlineDockerfile.name, mode: 0o644 }, Buffer.from(options.inlineDockerfile.content));
      tar.finalize();
    } catch (err) {
      tar.destroy(err as Error);
    }
  })();
  return tar as unknown as Readable;
}

function entry(tar: Pack, header: Parameters<Pack['entry']>[0], content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    tar.entry(header, content ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve()));
  });
}

async function addDir(tar: Pack, root: string, dir: string, matcher: IgnoreMatcher, keep: Set<string>): Promise<void> {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const full = join(dir, name);
    const rel = relative(root, full).split('\\').join('/');
    const st = await lstat(full);
    const ignored = matcher.ignores(rel) && !keep.has(rel);
    if (st.isDirectory()) {
      if (ignored && !matcher.mayReinclude(rel)) continue;
      if (!ignored) await addHostEntry(tar, full, rel, st);
      await addDir(tar, root, full, matcher, keep);
    } else if (!ignored) {
      await addHostEntry(tar, full, rel, st);
    }
  }
}
