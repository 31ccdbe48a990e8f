/**
 * The steps `up` takes before the container plan, as plan nodes so `--dry-run` shows them: the host-port
 * pre-flight (nothing is created when a port is taken) and the start of the embedded DNS (containers are created
 * with its address). Pure: plan × project × observed → a plan with those nodes first.
 */
import type { Project } from '../model/project.js';
import type { ObservedState } from '../model/observed.js';
import type { Action, HostPortClaim, Plan, PlanNode } from '../model/plan.js';

export interface PreflightOptions {
  /** The embedded DNS is in use (else the engine's aliases are). */
  embeddedDns?: boolean;
}

/** Published TCP ports (single numbers; ranges are the engine's to pick) of the services the plan creates. */
export function hostPortClaims(project: Project, plan: Plan): HostPortClaim[] {
  const created = new Set(plan.nodes.flatMap((n) => (n.action.kind === 'CreateContainer' ? [n.action.serviceName] : [])));
  const out: HostPortClaim[] = [];
  for (const name of created) {
    for (const p of project.services[name]?.ports ?? []) {
      if ((p.protocol ?? 'tcp') !== 'tcp' || !p.published || !/^\d+$/.test(p.published)) continue;
      out.push({ serviceName: name, hostIp: p.host_ip || '0.0.0.0', port: Number(p.published) });
    }
  }
  return out;
}

export function withPreflight(plan: Plan, project: Project, observed: ObservedState, options: PreflightOptions = {}): Plan {
  const creates = plan.nodes.some((n) => n.action.kind === 'CreateContainer');
  const ports = hostPortClaims(project, plan);
  const first: Action[] = [];
  if (ports.length) first.push({ kind: 'CheckHostPorts', resource: 'host:ports', ports, ownContainers: observed.containers.map((c) => c.id) });
  if (options.embeddedDns && creates) first.push({ kind: 'StartDns', resource: 'host:dns' });
  if (!first.length) return plan;
  const check = ports.length ? 1 : undefined;
  const dns = options.embeddedDns && creates ? first.length : undefined;
  const added: PlanNode[] = first.map((action, i) => ({ id: i + 1, action, cause: 'before creating containers', dependsOn: i > 0 && check ? [check] : [] }));
  const offset = added.length;
  const shifted = plan.nodes.map((n): PlanNode => {
    const deps = n.dependsOn.map((d) => d + offset);
    // Every root waits for the check, so nothing starts before it passed; creations wait for the DNS.
    if (check && deps.length === 0) deps.push(check);
    if (dns && n.action.kind === 'CreateContainer' && !deps.includes(dns)) deps.push(dns);
    return { ...n, id: n.id + offset, dependsOn: deps.sort((a, b) => a - b) };
  });
  return { nodes: [...added, ...shifted], warnings: plan.warnings };
}
