/** Applies a node's failure policy (model/plan.ts) to one send: the planner chose it, this only follows it. */
import type { FailurePolicy } from '../model/plan.js';
import { EngineError } from '../errors/index.js';

const kindOf = (err: unknown) => (err instanceof EngineError ? err.kind : undefined);

export async function sendWithPolicy(send: () => Promise<void>, policy: FailurePolicy | undefined, signal: AbortSignal, now: () => number = Date.now): Promise<void> {
  const deadline = policy?.retry ? now() + policy.retry.withinMs : 0;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    try {
      await send();
      return;
    } catch (err) {
      const kind = kindOf(err);
      if (kind && policy?.done?.includes(kind)) return;
      if (!kind || kind !== policy?.retry?.on || now() >= deadline || signal.aborted) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
