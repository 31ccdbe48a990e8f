/** What the daemon serves, as data: written by the daemon to `status.json`, printed by `tcompose dns status`. */
import { containerName } from '../model/names.js';
import { isEligible } from './dns-container.js';
import type { RecordTable } from './records.js';

export interface DnsStatusEntry {
  projectName: string;
  serviceName: string;
  containerName: string;
  number: number;
  state: string;
  health: string;
  /** Whether the names currently answer with this replica. */
  answering: boolean;
  /** Engine network name → IPv4 address. */
  addresses: Record<string, string>;
  names: string[];
}

export interface DnsStatusSnapshot {
  pid: number;
  instance: string;
  hostListener: string;
  gatewayListeners: string[];
  /** Gateways the daemon could not bind (port 53 needs root or CAP_NET_BIND_SERVICE), with the reason. */
  failedListeners: Array<{ address: string; error: string }>;
  upstreams: string[];
  updatedAt: string;
  entries: DnsStatusEntry[];
}

export function statusEntries(table: RecordTable): DnsStatusEntry[] {
  return table.containers.map((c) => {
    const aliases = [...new Set(Object.values(c.aliases).flat())];
    const names = c.oneoff ? [c.name] : [...new Set([
      c.serviceName, `${c.serviceName}.${c.projectName}`, containerName(c.projectName, c.serviceName, c.number), c.name,
      ...aliases, ...(c.hostname ? [c.hostname] : []),
    ])];
    const addresses = Object.fromEntries(Object.entries(c.networks).filter(([, a]) => a.ipv4).map(([n, a]) => [n, a.ipv4!]));
    return {
      projectName: c.projectName, serviceName: c.serviceName, containerName: c.name, number: c.number,
      state: c.state, health: c.health, answering: isEligible(c), addresses, names,
    };
  }).sort((a, b) => a.projectName.localeCompare(b.projectName) || a.serviceName.localeCompare(b.serviceName) || a.number - b.number);
}

/** Plain text for `tcompose dns status`: one block per project, one line per replica. */
export function formatDnsStatus(status: { running: boolean; pid?: number; snapshot?: DnsStatusSnapshot }): string {
  if (!status.running || !status.snapshot) return 'tcompose DNS: not running';
  const s = status.snapshot;
  const lines = [
    `tcompose DNS: running (pid ${s.pid}), host queries on ${s.hostListener}, containers via ${s.gatewayListeners.join(', ') || 'no network yet'}`,
    `upstream: ${s.upstreams.join(', ') || 'none'}`,
    ...s.failedListeners.map((f) => `cannot listen on ${f.address}:53: ${f.error}`),
  ];
  let project = '';
  for (const e of s.entries) {
    if (e.projectName !== project) lines.push('', `project ${(project = e.projectName)}`);
    const addr = Object.entries(e.addresses).map(([n, ip]) => `${ip} (${n})`).join(', ') || 'no address';
    lines.push(`  ${e.containerName}  ${e.state}/${e.health}  ${e.answering ? 'answering' : 'not answering'}  ${addr}  names: ${e.names.join(' ')}`);
  }
  return lines.join('\n');
}
