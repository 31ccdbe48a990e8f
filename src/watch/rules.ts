/**
 * Pure: which watch rule a changed path falls under, and what a batch of changes asks for per service.
 * Ignore rules use .dockerignore semantics relative to the rule's path; VCS and editor files are always ignored.
 */
import { relative, sep, posix, basename } from 'node:path';
import type { Project, WatchRule } from '../model/project.js';
import { ignoreMatcher } from '../build/dockerignore.js';

export interface WatchTarget {
  serviceName: string;
  rule: WatchRule;
  ignores: (relativePath: string) => boolean;
}

export interface FileChange {
  path: string;
  kind: 'change' | 'unlink';
}

export interface ServiceBatch {
  /** Files to copy into the container: host path → container path. */
  sync: Map<string, string>;
  /** Container paths to delete. */
  remove: Set<string>;
  rebuild: boolean;
  restart: boolean;
  exec: Array<NonNullable<WatchRule['exec']>>;
}

const ALWAYS_IGNORED = ['.git', '**/.git', '**/*.swp', '**/*.swx', '**/*~', '**/.#*', '**/4913', '**/*.tmp', '**/.DS_Store', '**/node_modules/.cache'];

export function watchTargets(project: Project): WatchTarget[] {
  const out: WatchTarget[] = [];
  for (const [serviceName, service] of Object.entries(project.services)) {
    for (const rule of service.develop?.watch ?? []) {
      const matcher = ignoreMatcher([...ALWAYS_IGNORED, ...(rule.ignore ?? [])]);
      const include = rule.include?.length ? ignoreMatcher(rule.include) : undefined;
      out.push({ serviceName, rule, ignores: (rel) => matcher.ignores(rel) || (include !== undefined && !include.ignores(rel)) });
    }
  }
  return out;
}

/** The path relative to the rule's root, slash-separated, or undefined when outside it. */
function underRule(path: string, root: string): string | undefined {
  if (path === root) return '';
  const rel = relative(root, path);
  if (rel.startsWith('..') || rel.startsWith(sep) || rel === '') return rel === '' ? '' : undefined;
  return rel.split(sep).join('/');
}

export function classifyBatch(changes: readonly FileChange[], targets: readonly WatchTarget[]): Map<string, ServiceBatch> {
  const out = new Map<string, ServiceBatch>();
  const batchFor = (service: string) => {
    let b = out.get(service);
    if (!b) out.set(service, (b = { sync: new Map(), remove: new Set(), rebuild: false, restart: false, exec: [] }));
    return b;
  };
  for (const change of changes) {
    for (const t of targets) {
      const rel = underRule(change.path, t.rule.path);
      if (rel === undefined) continue;
      if (rel !== '' && t.ignores(rel)) continue;
      if (rel === '' && t.ignores(basename(change.path))) continue;
      const b = batchFor(t.serviceName);
      const action = t.rule.action;
      if (action === 'rebuild') { b.rebuild = true; continue; }
      if (action === 'restart') { b.restart = true; continue; }
      const target = t.rule.target ?? '';
      const containerPath = rel === '' ? target : posix.join(target, rel);
      if (change.kind === 'unlink') { b.remove.add(containerPath); b.sync.delete(change.path); }
      else { b.sync.set(change.path, containerPath); b.remove.delete(containerPath); }
      if (action === 'sync+restart') b.restart = true;
      if (action === 'sync+exec' && t.rule.exec && !b.exec.includes(t.rule.exec)) b.exec.push(t.rule.exec);
    }
  }
  // A rebuild recreates the container from the new image: syncing into the old one is wasted work.
  for (const b of out.values()) if (b.rebuild) { b.sync.clear(); b.remove.clear(); b.restart = false; b.exec = []; }
  return out;
}
