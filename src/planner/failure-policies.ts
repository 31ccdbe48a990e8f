/**
 * How each kind of action treats an engine refusal, as data on its plan node: the executor applies it and
 * decides nothing itself. Keyed by action kind, so a new kind (rolling updates…) adds one line here if it needs one.
 */
import type { ActionKind, FailurePolicy } from '../model/plan.js';

const policies: Partial<Record<ActionKind, FailurePolicy>> = {
  // Another `up` of the same project may have created it a moment ago; the project lock makes this rare.
  CreateNetwork: { done: ['conflict'] },
  // Right after its last container is removed the engine can still count an endpoint for a moment; after many
  // parallel removals on a busy engine, for seconds.
  RemoveNetwork: { done: ['not-found'], retry: { on: 'in-use', withinMs: 10_000 } },
  RemoveVolume: { done: ['not-found'] },
  StopContainer: { done: ['not-found'] },
  RemoveContainer: { done: ['not-found'] },
};

export function failurePolicyOf(kind: ActionKind): FailurePolicy | undefined {
  return policies[kind];
}
