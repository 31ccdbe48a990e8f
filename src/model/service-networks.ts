/**
 * The order in which a service joins its networks, chosen in one place: by `priority` (highest first), then by
 * name, as compose-go's `NetworksByPriority`. The first is the primary network: the container's NetworkMode,
 * the endpoint attached at create time, the network whose DNS server the container gets.
 */
import type { ServiceConfig } from './project.js';

/** Network keys (as in `project.networks`); empty with `network_mode`. */
export function networksByPriority(service: ServiceConfig): string[] {
  if (service.network_mode) return [];
  const priority = (key: string) => service.networks?.[key]?.priority ?? 0;
  return Object.keys(service.networks ?? {}).sort((a, b) => priority(b) - priority(a) || (a < b ? -1 : a > b ? 1 : 0));
}

export function primaryNetwork(service: ServiceConfig): string | undefined {
  return networksByPriority(service)[0];
}
