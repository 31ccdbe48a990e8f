/** TTY progress with listr2: one line per resource, what it is doing and how long it took. */
import { Listr, type ListrTask } from 'listr2';
import type { ProgressEvent } from '../../model/events.js';
import type { Renderer } from './progress.js';

interface Row { update(e: ProgressEvent): void; finish(): void; settle: Promise<void> }

export function listrRenderer(stream: NodeJS.WriteStream): Renderer {
  const rows = new Map<string, Row>();
  const warnings: string[] = [];
  const tasks: ListrTask[] = [];
  let list: Listr | undefined;
  let running: Promise<unknown> | undefined;

  function rowFor(resource: string): Row {
    let row = rows.get(resource);
    if (row) return row;
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const settle = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
    let setTitle: (t: string) => void = () => {};
    const task: ListrTask = { title: resource, task: async (_ctx, t) => { setTitle = (s) => (t.title = s); await settle; } };
    row = {
      settle,
      update(e) {
        const time = e.elapsedMs !== undefined ? ` ${(e.elapsedMs / 1000).toFixed(1)}s` : '';
        setTitle(`${resource}  ${e.text}${e.detail ? `: ${e.detail}` : ''}${time}`);
        if (e.status === 'done' || e.status === 'skipped' || e.status === 'warning') resolve();
        if (e.status === 'error') reject(new Error(`${resource}: ${e.detail ?? e.text}`));
      },
      finish: () => resolve(),
    };
    rows.set(resource, row);
    if (list) list.add(task); else tasks.push(task);
    if (!list) {
      list = new Listr(tasks, { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false }, registerSignalListeners: false });
      running = list.run().catch(() => undefined);
    }
    return row;
  }

  return {
    event(e) { rowFor(e.resource).update(e); },
    warn(message) { warnings.push(message); },
    async close() {
      // Rows still waiting when the run stops (cancelled, failed elsewhere) are settled so listr can finish.
      for (const row of rows.values()) { row.settle.catch(() => undefined); row.finish(); }
      await running;
      for (const w of warnings) stream.write(`WARN ${w}\n`);
    },
  };
}
