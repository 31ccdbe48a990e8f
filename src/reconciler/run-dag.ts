/**
 * Generic DAG scheduler: each node starts the moment its own dependencies are done (critical path, not levels),
 * at most `concurrency` at once. The first failure of a node that is not best-effort aborts the rest.
 */
import { setMaxListeners } from 'node:events';
import { CancelledError } from '../errors/index.js';

export interface DagNode {
  id: number;
  dependsOn: readonly number[];
  bestEffort?: boolean;
}

export interface RunDagOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Called when a best-effort node fails; the plan goes on. */
  onBestEffortFailure?: (node: DagNode, err: unknown) => void;
}

export async function runDag<N extends DagNode>(nodes: readonly N[], runNode: (node: N, signal: AbortSignal) => Promise<void>, options: RunDagOptions = {}): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? Infinity);
  const controller = new AbortController();
  // Every engine call of every node listens to this one signal: far more than the default warning threshold.
  setMaxListeners(0, controller.signal);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const remainingDeps = new Map(nodes.map((n) => [n.id, new Set(n.dependsOn.filter((d) => byId.has(d)))]));
  const dependents = new Map<number, number[]>();
  for (const n of nodes) for (const d of n.dependsOn) if (byId.has(d)) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n.id);

  const ready: N[] = nodes.filter((n) => remainingDeps.get(n.id)!.size === 0);
  let running = 0;
  let finished = 0;
  let firstError: unknown;

  await new Promise<void>((resolve) => {
    const pump = () => {
      if (firstError !== undefined || controller.signal.aborted) {
        if (running === 0) resolve();
        return;
      }
      while (running < concurrency && ready.length) {
        const node = ready.shift()!;
        running++;
        runNode(node, controller.signal).then(
          () => complete(node),
          (err) => {
            if (node.bestEffort && !controller.signal.aborted) {
              options.onBestEffortFailure?.(node, err);
              complete(node);
            } else {
              if (firstError === undefined) firstError = err;
              controller.abort(err);
              running--;
              pump();
            }
          },
        );
      }
      if (running === 0 && (finished === nodes.length || ready.length === 0)) resolve();
    };
    const complete = (node: N) => {
      running--;
      finished++;
      for (const dep of dependents.get(node.id) ?? []) {
        const set = remainingDeps.get(dep)!;
        set.delete(node.id);
        if (set.size === 0) ready.push(byId.get(dep)!);
      }
      pump();
    };
    pump();
  });
  options.signal?.removeEventListener('abort', onOuterAbort);
  // When the caller cancelled, whatever failed on the way out is a consequence of the cancellation.
  if (options.signal?.aborted) throw new CancelledError();
  if (firstError !== undefined) throw firstError;
  if (finished !== nodes.length) throw new Error(`plan has unsatisfiable dependencies (${nodes.length - finished} actions never became ready)`);
}
