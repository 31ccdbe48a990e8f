/**
 * Secrets and configs become read-only bind mounts. Content that exists only in the model (`environment:`,
 * `content:`) or that needs a declared mode is written to a private host directory first, with that mode.
 * Secret values never pass through progress output or a shell.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Project, ServiceFileRef } from '../model/project.js';

export interface FileMount {
  source: string;
  target: string;
}

function defaultTarget(kind: 'secrets' | 'configs', ref: ServiceFileRef): string {
  if (ref.target?.startsWith('/')) return ref.target;
  return kind === 'secrets' ? `/run/secrets/${ref.target ?? ref.source}` : `/${ref.target ?? ref.source}`;
}

export async function materializeFileMounts(project: Project, serviceName: string, root: string): Promise<FileMount[]> {
  const service = project.services[serviceName]!;
  const mounts: FileMount[] = [];
  for (const kind of ['secrets', 'configs'] as const) {
    for (const ref of service[kind] ?? []) {
      const def = project[kind][ref.source];
      if (!def || def.external) continue;
      const target = defaultTarget(kind, ref);
      if (def.file && ref.mode === undefined) {
        mounts.push({ source: def.file, target });
        continue;
      }
      const value = def.file ? await readFile(def.file) : Buffer.from(def.content ?? project.meta.environment[def.environment ?? ''] ?? '');
      const dir = join(root, project.name, serviceName, kind);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, ref.source);
      await writeFile(path, value, { mode: 0o600 });
      // compose-spec default mode 0444: readable by the container's user, whoever that is.
      await chmod(path, ref.mode ?? 0o444);
      mounts.push({ source: path, target });
    }
  }
  return mounts;
}
