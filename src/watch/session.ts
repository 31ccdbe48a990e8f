/**
 * A watch session: file events → debounced batches → per-service actions (sync, rebuild, restart, exec), and
 * live reload of the compose files: a valid edit is converged with `up` (the config hash decides what is
 * recreated), an invalid one is reported and changes nothing.
 */
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { join } from 'node:path';
import type { Project } from '../model/project.js';
import type { Tcompose } from '../core/index.js';
import { Labels } from '../model/labels.js';
import { classifyBatch, watchTargets, type FileChange, type WatchTarget } from './rules.js';
import { Debouncer } from './debounce.js';
import { syncInto, removeIn } from './sync.js';
import { runToCompletion } from '../engine/exec-to-completion.js';
import { dependentsOf, serviceGraph } from '../planner/graph.js';

/** Well under docker compose's 500 ms, long enough to catch an editor's write-rename-chmod burst. */
export const QUIET_MS = 80;

export interface WatchLog {
  action(service: string, what: string, ms: number): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WatchSession {
  stop(): Promise<void>;
  /** Resolves after the current batch (if any) and every queued one are applied; for tests and benches. */
  readonly project: Project;
}

export async function startWatchSession(tcompose: Tcompose, initial: Project, reload: () => Promise<Project>, log: WatchLog): Promise<WatchSession> {
  let project = initial;
  let targets: WatchTarget[] = [];
  let sourceWatcher: FSWatcher | undefined;

  const containersOf = async (service: string) => (await tcompose.engine.listContainers({ labels: [`${Labels.project}=${project.name}`, `${Labels.service}=${service}`, `${Labels.oneoff}=False`], all: false }));

  const applyBatch = async (changes: FileChange[]) => {
    for (const [service, batch] of classifyBatch(changes, targets)) {
      const started = Date.now();
      try {
        if (batch.rebuild) {
          await tcompose.build(project, { services: [service] });
          const graph = serviceGraph(project);
          const restartDependents = dependentsOf(graph, service).filter((d) => project.services[d]!.depends_on?.[service]?.restart);
          await tcompose.up(project, { services: [service, ...restartDependents], noDeps: true });
          log.action(service, 'rebuilt and recreated', Date.now() - started);
          continue;
        }
        const containers = await containersOf(service);
        let synced = 0;
        for (const c of containers) {
          synced = await syncInto(tcompose.engine, c.id, batch.sync);
          await removeIn(tcompose.engine, c.id, batch.remove);
        }
        if (batch.sync.size || batch.remove.size) log.action(service, `synced ${synced} file(s), removed ${batch.remove.size}`, Date.now() - started);
        for (const exec of batch.exec) {
          for (const c of containers) {
            const env = Object.entries(exec.environment ?? {}).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
            await runToCompletion(tcompose.engine, c.id, { cmd: exec.command, user: exec.user, workingDir: exec.working_dir, env });
          }
          log.action(service, `ran ${exec.command.join(' ')}`, Date.now() - started);
        }
        if (batch.restart) {
          await Promise.all(containers.map((c) => tcompose.engine.restartContainer(c.id)));
          log.action(service, 'restarted', Date.now() - started);
        }
      } catch (err) {
        log.error(`${service}: ${(err as Error).message}`);
      }
    }
  };
  const sourceEvents = new Debouncer<FileChange>(QUIET_MS, applyBatch);

  const watchSources = async () => {
    await sourceWatcher?.close();
    targets = watchTargets(project).filter((t) => {
      const bound = project.services[t.serviceName]!.volumes?.some((v) => v.type === 'bind' && v.source && (t.rule.path === v.source || t.rule.path.startsWith(`${v.source}/`)));
      if (bound) log.warn(`${t.serviceName}: ${t.rule.path} is already bind-mounted into the container: watch rule skipped`);
      return !bound;
    });
    if (targets.length === 0) return;
    sourceWatcher = chokidarWatch([...new Set(targets.map((t) => t.rule.path))], { ignoreInitial: true, awaitWriteFinish: false });
    sourceWatcher.on('add', (path) => sourceEvents.push({ path, kind: 'change' }));
    sourceWatcher.on('change', (path) => sourceEvents.push({ path, kind: 'change' }));
    sourceWatcher.on('addDir', (path) => sourceEvents.push({ path, kind: 'change' }));
    sourceWatcher.on('unlink', (path) => sourceEvents.push({ path, kind: 'unlink' }));
    sourceWatcher.on('unlinkDir', (path) => sourceEvents.push({ path, kind: 'unlink' }));
    await new Promise<void>((resolve) => sourceWatcher!.once('ready', () => resolve()));
    await initialSync();
  };

  const initialSync = async () => {
    const initial = targets.filter((t) => t.rule.initial_sync && t.rule.action.startsWith('sync'));
    if (!initial.length) return;
    const { readdir } = await import('node:fs/promises');
    const changes: FileChange[] = [];
    for (const t of initial) {
      const walk = async (dir: string): Promise<void> => {
        for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
          const full = join(dir, e.name);
          if (e.isDirectory()) await walk(full); else changes.push({ path: full, kind: 'change' });
        }
      };
      await walk(t.rule.path);
    }
    await applyBatch(changes);
  };

  const reloadProject = async () => {
    const started = Date.now();
    let next: Project;
    try {
      next = await reload();
    } catch (err) {
      log.error(`compose file not applied, the project keeps running as it was: ${(err as Error).message}`);
      return;
    }
    try {
      const plan = await tcompose.up(next, {});
      project = next;
      const recreated = [...new Set(plan.nodes.filter((n) => n.action.kind === 'CreateContainer').map((n) => (n.action as { serviceName: string }).serviceName))];
      log.action('project', recreated.length ? `reloaded, recreated ${recreated.join(', ')}` : 'reloaded, nothing to change', Date.now() - started);
      await watchSources();
    } catch (err) {
      log.error(`reload failed: ${(err as Error).message}`);
    }
  };
  const configEvents = new Debouncer<string>(QUIET_MS, async () => reloadProject());
  const configFiles = [...project.meta.configFiles.filter((f) => f !== '-'), join(project.meta.workingDir, '.env')];
  const configWatcher = chokidarWatch(configFiles, { ignoreInitial: true });
  configWatcher.on('all', (_event, path) => configEvents.push(path));
  await new Promise<void>((resolve) => configWatcher.once('ready', () => resolve()));
  await watchSources();

  return {
    get project() { return project; },
    async stop() {
      await Promise.all([sourceWatcher?.close(), configWatcher.close()]);
    },
  };
}
