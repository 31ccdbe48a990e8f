/** Accumulates plan nodes with sequential ids; keeps plan-up and plan-down free of bookkeeping. */
import type { Action, Plan, PlanNode } from '../model/plan.js';
import { failurePolicyOf } from './failure-policies.js';

export class PlanBuilder {
  private readonly nodes: PlanNode[] = [];
  readonly warnings: string[] = [];

  add(action: Action, cause: string, dependsOn: Iterable<number | undefined> = [], bestEffort = false): number {
    const id = this.nodes.length + 1;
    const deps = [...new Set([...dependsOn].filter((d): d is number => d !== undefined))].sort((a, b) => a - b);
    const onError = failurePolicyOf(action.kind);
    this.nodes.push({ id, action, cause, dependsOn: deps, ...(bestEffort ? { bestEffort } : {}), ...(onError ? { onError } : {}) });
    return id;
  }

  /** Add dependencies to an existing node (used when a later decision makes an earlier node wait). */
  addDependency(id: number, dep: number): void {
    const node = this.nodes[id - 1]!;
    if (!node.dependsOn.includes(dep)) node.dependsOn = [...node.dependsOn, dep].sort((a, b) => a - b);
  }

  /** A node added earlier, to widen a shared wait (e.g. make an optional wait required). */
  node(id: number): PlanNode {
    return this.nodes[id - 1]!;
  }

  build(): Plan {
    return { nodes: this.nodes, warnings: this.warnings };
  }
}
