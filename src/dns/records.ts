/**
 * Pure: tcompose containers → the name table the DNS server answers from.
 *
 * Names are scoped per engine network, like the engine's own aliases: a container on networks A and B sees the
 * names registered on A and B, nothing else, so two projects without a shared network cannot see each other.
 * On each network a container is known as `<service>`, `<service>.<project>`, `<project>-<service>-<n>`, its
 * container name, its compose aliases on that network and its compose `hostname`. Loopback askers (the host) see
 * only project-qualified names: `<service>.<project>`, `<alias>.<project>`, `<project>-<service>-<n>`, container names.
 */
import { containerName } from '../model/names.js';
import { isEligible, type DnsContainer } from './dns-container.js';

/** Who asks: a tcompose container (identified by source address) or the host over loopback. */
export type Asker =
  | { kind: 'loopback' }
  /** `network` is the network the query arrived on (the one holding the source address). */
  | { kind: 'container'; container: DnsContainer; network: string };

export interface Target {
  container: DnsContainer;
  ipv4?: string;
  ipv6?: string;
}

/** `known` without targets means the name exists but no replica is eligible (→ NXDOMAIN, never forwarded). */
export interface Lookup {
  known: boolean;
  targets: Target[];
}

type NameIndex = Map<string, DnsContainer[]>;

export class RecordTable {
  private readonly perNetwork = new Map<string, NameIndex>();
  private readonly loopbackNames: NameIndex = new Map();
  private readonly byAddress = new Map<string, { container: DnsContainer; network: string }>();

  constructor(readonly containers: readonly DnsContainer[]) {
    for (const c of [...containers].sort(byReplica)) this.index(c);
  }

  /** The container that owns a source address (stopped containers have none). */
  containerAt(address: string): { container: DnsContainer; network: string } | undefined {
    return this.byAddress.get(address);
  }

  lookup(rawName: string, asker: Asker): Lookup {
    const name = normalizeName(rawName);
    if (asker.kind === 'loopback') {
      const found = this.loopbackNames.get(name) ?? [];
      return { known: found.length > 0, targets: found.filter(isEligible).map(anyAddress).filter(hasAddress) };
    }
    const link = asker.container.links.find((l) => l.alias.toLowerCase() === name);
    const found = this.visible(link ? link.serviceName.toLowerCase() : name, asker);
    return { known: found.length > 0, targets: found.filter(isEligible).map((c) => addressSeenBy(c, asker)).filter(hasAddress) };
  }

  /** The container behind an address, if the asker may see it. */
  reverse(address: string, asker: Asker): DnsContainer | undefined {
    const owner = this.byAddress.get(address);
    if (!owner) return undefined;
    if (asker.kind === 'loopback' || owner.network in asker.container.networks) return owner.container;
    return undefined;
  }

  private visible(name: string, asker: Extract<Asker, { kind: 'container' }>): DnsContainer[] {
    const seen = new Map<string, DnsContainer>();
    for (const network of Object.keys(asker.container.networks)) {
      for (const c of this.perNetwork.get(network)?.get(name) ?? []) seen.set(c.id, c);
    }
    return [...seen.values()].sort(byReplica);
  }

  private index(c: DnsContainer): void {
    const replicaName = containerName(c.projectName, c.serviceName, c.number);
    const scoped = c.oneoff ? [c.name] : [
      c.serviceName, `${c.serviceName}.${c.projectName}`, replicaName, c.name, ...(c.hostname ? [c.hostname] : []),
    ];
    for (const [network, addresses] of Object.entries(c.networks)) {
      const names = new Set([...scoped, ...(c.oneoff ? [] : c.aliases[network] ?? [])].map(normalizeName));
      let index = this.perNetwork.get(network);
      if (!index) this.perNetwork.set(network, (index = new Map()));
      for (const n of names) push(index, n, c);
      // A container's process can ask before the engine marks it running (its state is still `created` then).
      if (c.state === 'running' || c.state === 'created' || c.state === 'restarting') {
        for (const address of [addresses.ipv4, addresses.ipv6]) if (address) this.byAddress.set(address, { container: c, network });
      }
    }
    const qualifiedAliases = Object.values(c.aliases).flat().map((a) => `${a}.${c.projectName}`);
    const hostNames = c.oneoff ? [c.name] : [`${c.serviceName}.${c.projectName}`, replicaName, c.name, ...qualifiedAliases];
    for (const n of new Set(hostNames.map(normalizeName))) push(this.loopbackNames, n, c);
  }
}

/** DNS names compare case-insensitively; a trailing dot (fully qualified form) is the same name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function push(index: NameIndex, name: string, c: DnsContainer): void {
  const list = index.get(name);
  if (list) { if (!list.includes(c)) list.push(c); } else index.set(name, [c]);
}

function byReplica(a: DnsContainer, b: DnsContainer): number {
  return a.projectName.localeCompare(b.projectName) || a.serviceName.localeCompare(b.serviceName) || a.number - b.number || a.id.localeCompare(b.id);
}

function hasAddress(t: Target): boolean {
  return !!(t.ipv4 || t.ipv6);
}

/** For the host any network works (every bridge is local); take the first by name, for stable answers. */
function anyAddress(c: DnsContainer): Target {
  const network = Object.keys(c.networks).sort().find((n) => c.networks[n]!.ipv4 || c.networks[n]!.ipv6);
  return { container: c, ...(network ? c.networks[network] : {}) };
}

/** The target's address on the network the query came in on, else on another network both share. */
function addressSeenBy(c: DnsContainer, asker: Extract<Asker, { kind: 'container' }>): Target {
  const shared = Object.keys(c.networks).filter((n) => n in asker.container.networks && (c.networks[n]!.ipv4 || c.networks[n]!.ipv6)).sort();
  const network = shared.includes(asker.network) ? asker.network : shared[0];
  return { container: c, ...(network ? c.networks[network] : {}) };
}
