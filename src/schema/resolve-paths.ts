/** Relative paths in one file's canonical data become absolute against that file's working directory. */
import { isAbsolute, resolve } from 'node:path';

function abs(baseDir: string, p: string, home?: string): string {
  if (p.startsWith('~') && home) return resolve(home, p.slice(2));
  // resolve() also cleans an absolute path (`/etc/x/` → `/etc/x`), as compose-go does.
  return isAbsolute(p) ? resolve(p) : resolve(baseDir, p);
}

const isRemote = (context: string) => /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(context) || context.includes('.git#');

import { OVERRIDE } from './parse.js';

/** The value under an `!override` marker, so paths inside it are resolved like any other. */
const unwrap = (v: unknown): unknown => (v && typeof v === 'object' && OVERRIDE in v ? (v as Record<symbol, unknown>)[OVERRIDE] : v);

export function resolveFilePaths(data: Record<string, unknown>, baseDir: string, home?: string): Record<string, unknown> {
  const services = data.services as Record<string, Record<string, unknown>> | undefined;
  for (const s of Object.values(services ?? {})) {
    if (!s || typeof s !== 'object') continue;
    const build = unwrap(s.build) as Record<string, unknown> | undefined;
    if (build && typeof build === 'object' && typeof build.context === 'string' && !isRemote(build.context)) build.context = abs(baseDir, build.context, home);
    // Additional contexts that are local directories (no `scheme://`) are paths like the main context.
    const extra = build && typeof build === 'object' ? (build.additional_contexts as Record<string, unknown> | undefined) : undefined;
    for (const [k, v] of Object.entries(extra && typeof extra === 'object' ? extra : {})) {
      if (typeof v === 'string' && !v.includes('://') && !isRemote(v)) extra![k] = abs(baseDir, v, home);
    }
    for (const v of (Array.isArray(unwrap(s.volumes)) ? unwrap(s.volumes) : []) as Array<Record<string, unknown>>) {
      if (v?.type === 'bind' && typeof v.source === 'string') v.source = abs(baseDir, v.source, home);
    }
    for (const e of (Array.isArray(unwrap(s.env_file)) ? unwrap(s.env_file) : []) as Array<Record<string, unknown>>) {
      if (typeof e?.path === 'string') e.path = abs(baseDir, e.path, home);
    }
    if (typeof s.label_file === 'string') s.label_file = [s.label_file];
    if (Array.isArray(s.label_file)) s.label_file = s.label_file.map((f) => (typeof f === 'string' ? abs(baseDir, f, home) : f));
    const ext = s.extends as Record<string, unknown> | string | undefined;
    if (ext && typeof ext === 'object' && typeof ext.file === 'string') ext.file = abs(baseDir, ext.file, home);
    const watch = (s.develop as { watch?: Array<Record<string, unknown>> } | undefined)?.watch;
    for (const w of Array.isArray(watch) ? watch : []) if (typeof w.path === 'string') w.path = abs(baseDir, w.path, home);
  }
  for (const section of ['secrets', 'configs']) {
    for (const v of Object.values((data[section] ?? {}) as Record<string, Record<string, unknown>>)) {
      if (v && typeof v.file === 'string') v.file = abs(baseDir, v.file, home);
    }
  }
  return data;
}
