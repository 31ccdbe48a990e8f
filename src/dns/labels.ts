/**
 * Labels the DNS daemon reads from containers and networks. Container creation writes them (see `dnsLabelsFor`);
 * the daemon never registers names with the engine, it reads them back from these labels.
 */
import { linkRef } from '../model/service-refs.js';
import type { Project } from '../model/project.js';

export const DnsLabels = {
  /** JSON `{"<engine network name>": ["alias", …]}`: compose `services.*.networks.*.aliases`. */
  aliases: 'com.docker.compose.tcompose.aliases',
  /** JSON `["<service>:<alias>", …]`: compose `links`; the alias is visible to the linking container only. */
  links: 'com.docker.compose.tcompose.links',
  /** Compose `hostname`, when set (the engine's default hostname, the short ID, is never a DNS name). */
  hostname: 'com.docker.compose.tcompose.hostname',
  /**
   * Which DNS daemon serves a network or container (absent: `default`). Lets a test daemon serve its own projects
   * while the host's daemon keeps serving everything else, without both binding the same gateway.
   */
  instance: 'com.docker.compose.tcompose.dns-instance',
} as const;

export const DEFAULT_DNS_INSTANCE = 'default';

/** The DNS labels for one container of a service; spread them into the container's labels at creation. */
export function dnsLabelsFor(project: Project, serviceName: string): Record<string, string> {
  const service = project.services[serviceName]!;
  const labels: Record<string, string> = {};
  const aliases: Record<string, string[]> = {};
  for (const [key, opts] of Object.entries(service.networks ?? {})) {
    if (opts?.aliases?.length) aliases[project.networks[key]?.name ?? key] = [...opts.aliases];
  }
  if (Object.keys(aliases).length) labels[DnsLabels.aliases] = JSON.stringify(aliases);
  if (service.links?.length) labels[DnsLabels.links] = JSON.stringify(service.links);
  if (service.hostname) labels[DnsLabels.hostname] = service.hostname;
  return labels;
}

/** Parse the aliases label; a malformed value yields no aliases rather than breaking the whole table. */
export function parseAliasesLabel(value: string | undefined): Record<string, string[]> {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, string[]> = {};
    for (const [network, list] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(list)) out[network] = list.filter((a): a is string => typeof a === 'string');
    }
    return out;
  } catch {
    return {};
  }
}

/** Parse the links label into `{ serviceName, alias }` pairs (`db` alone means alias `db`). */
export function parseLinksLabel(value: string | undefined): Array<{ serviceName: string; alias: string }> {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((l): l is string => typeof l === 'string').map((link) => {
      const { service, alias } = linkRef(link);
      return { serviceName: service, alias };
    });
  } catch {
    return [];
  }
}
