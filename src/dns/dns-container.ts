/** What the DNS table needs to know about one tcompose container, read from an engine inspect. */
import type { ContainerInspect } from '../engine/engine.js';
import type { HealthState } from '../model/observed.js';
import { Labels } from '../model/labels.js';
import { DnsLabels, DEFAULT_DNS_INSTANCE, parseAliasesLabel, parseLinksLabel } from './labels.js';

export interface DnsContainer {
  id: string;
  /** Engine name, without the leading slash. */
  name: string;
  projectName: string;
  serviceName: string;
  number: number;
  /** `run` containers ask questions but are not behind their service's name (as in compose). */
  oneoff: boolean;
  /** Engine state: running, exited, paused, … */
  state: string;
  health: HealthState;
  /** Engine network name → addresses; empty strings from the engine (stopped containers) are dropped. */
  networks: Record<string, { ipv4?: string; ipv6?: string }>;
  /** Engine network name → compose aliases on that network. */
  aliases: Record<string, string[]>;
  links: Array<{ serviceName: string; alias: string }>;
  hostname?: string;
  /** Which DNS daemon instance serves it (label `com.docker.compose.tcompose.dns-instance`). */
  instance: string;
}

const HEALTH: Record<string, HealthState> = { starting: 'starting', healthy: 'healthy', unhealthy: 'unhealthy' };

/** A tcompose container's DNS facts, or undefined when the container is not a compose container. */
export function dnsContainerFromInspect(inspect: ContainerInspect): DnsContainer | undefined {
  const labels = inspect.Config.Labels ?? {};
  const projectName = labels[Labels.project];
  const serviceName = labels[Labels.service];
  if (!projectName || !serviceName) return undefined;
  const networks: DnsContainer['networks'] = {};
  for (const [network, endpoint] of Object.entries(inspect.NetworkSettings?.Networks ?? {})) {
    const ipv6 = typeof endpoint.GlobalIPv6Address === 'string' ? endpoint.GlobalIPv6Address : '';
    networks[network] = { ipv4: endpoint.IPAddress || undefined, ipv6: ipv6 || undefined };
  }
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ''),
    projectName,
    serviceName,
    number: Number(labels[Labels.containerNumber] ?? '1') || 1,
    oneoff: labels[Labels.oneoff] === 'True',
    state: inspect.State.Status,
    health: HEALTH[inspect.State.Health?.Status ?? ''] ?? 'none',
    networks,
    aliases: parseAliasesLabel(labels[DnsLabels.aliases]),
    links: parseLinksLabel(labels[DnsLabels.links]),
    hostname: labels[DnsLabels.hostname] || undefined,
    instance: labels[DnsLabels.instance] || DEFAULT_DNS_INSTANCE,
  };
}

/**
 * Whether a replica may be behind a name right now: with a healthcheck only while healthy, without one only while
 * running (compose's `service_healthy` / `service_started` readiness, applied to name resolution).
 */
export function isEligible(c: DnsContainer): boolean {
  if (c.state !== 'running') return false;
  return c.health === 'none' || c.health === 'healthy';
}

/**
 * The container after an event that tells the whole change (`health_status: healthy`, `die`, `pause`, `unpause`),
 * or undefined when only an inspect can tell (start brings new addresses).
 */
export function updatedByEvent(c: DnsContainer, action: string): DnsContainer | undefined {
  if (action.startsWith('health_status:')) {
    const health = HEALTH[action.slice('health_status:'.length).trim()];
    return health ? { ...c, health } : undefined;
  }
  switch (action) {
    case 'die': return { ...c, state: 'exited' };
    case 'pause': return { ...c, state: 'paused' };
    case 'unpause': return { ...c, state: 'running' };
    default: return undefined;
  }
}
