import { describe, expect, it } from 'vitest';
import { runDag, type DagNode } from './run-dag.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runDag', () => {
  it('starts a node as soon as its own dependencies are done, not a whole level', async () => {
    // 1 (slow) -> 3 ; 2 (fast) -> 4 : 4 must start before 1 finishes.
    const nodes: DagNode[] = [{ id: 1, dependsOn: [] }, { id: 2, dependsOn: [] }, { id: 3, dependsOn: [1] }, { id: 4, dependsOn: [2] }];
    const slow = deferred();
    const log: string[] = [];
    const run = runDag(nodes, async (n) => {
      log.push(`start ${n.id}`);
      if (n.id === 1) await slow.promise;
      if (n.id === 4) slow.resolve();
      log.push(`end ${n.id}`);
    });
    await run;
    expect(log.indexOf('start 4')).toBeLessThan(log.indexOf('end 1'));
    expect(log.indexOf('start 3')).toBeGreaterThan(log.indexOf('end 1'));
  });

  it('never runs more than the concurrency limit at once', async () => {
    const nodes: DagNode[] = Array.from({ length: 10 }, (_, i) => ({ id: i, dependsOn: [] }));
    let active = 0;
    let peak = 0;
    await runDag(nodes, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
    }, { concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('stops scheduling after the first failure and rethrows it', async () => {
    const nodes: DagNode[] = [{ id: 1, dependsOn: [] }, { id: 2, dependsOn: [1] }];
    const ran: number[] = [];
    await expect(runDag(nodes, async (n) => { ran.push(n.id); throw new Error(`boom ${n.id}`); })).rejects.toThrow('boom 1');
    expect(ran).toEqual([1]);
  });

  it('keeps going after a best-effort failure and reports it', async () => {
    const nodes: DagNode[] = [{ id: 1, dependsOn: [], bestEffort: true }, { id: 2, dependsOn: [1] }];
    const failed: number[] = [];
    const ran: number[] = [];
    await runDag(nodes, async (n) => { ran.push(n.id); if (n.id === 1) throw new Error('in use'); }, { onBestEffortFailure: (n) => failed.push(n.id) });
    expect(failed).toEqual([1]);
    expect(ran).toEqual([1, 2]);
  });

  it('passes cancellation to running nodes and rejects as cancelled', async () => {
    const controller = new AbortController();
    const nodes: DagNode[] = [{ id: 1, dependsOn: [] }, { id: 2, dependsOn: [1] }];
    const ran: number[] = [];
    const run = runDag(nodes, (n, signal) => new Promise<void>((_resolve, reject) => {
      ran.push(n.id);
      signal.addEventListener('abort', () => reject(new Error('aborted')));
      controller.abort();
    }), { signal: controller.signal });
    await expect(run).rejects.toThrow();
    expect(ran).toEqual([1]);
  });

  it('finishes an empty plan at once', async () => {
    await expect(runDag([], async () => {})).resolves.toBeUndefined();
  });
});
