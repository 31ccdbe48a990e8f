/** Builders for DNS tests: literal replicas, no engine. */
import type { DnsContainer } from './dns-container.js';

type ReplicaInput = Partial<DnsContainer> & Pick<DnsContainer, 'projectName' | 'serviceName' | 'number' | 'networks'>;

export function replica(p: ReplicaInput): DnsContainer {
  return {
    id: `${p.projectName}-${p.serviceName}-${p.number}-id`, name: `${p.projectName}-${p.serviceName}-${p.number}`,
    oneoff: false, state: 'running', health: 'none', aliases: {}, links: [], instance: 'default', ...p,
  };
}

/** `count` running replicas of one service on one /16 network, at 10.<project index>.x.y. */
export function scaledService(projectName: string, serviceName: string, count: number, network = `${projectName}_default`): DnsContainer[] {
  return Array.from({ length: count }, (_, i) => replica({
    projectName, serviceName, number: i + 1, networks: { [network]: { ipv4: `10.9.${Math.floor((i + 2) / 250)}.${((i + 2) % 250) + 1}` } },
  }));
}

/** The data of a decoded answer (dns-packet types OPT answers without one). */
export function answerData(answer: object): unknown {
  return 'data' in answer ? answer.data : undefined;
}
