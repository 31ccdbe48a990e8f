/** Builders for planner tests: literal projects and observed states, no engine. */
import type { Project, ServiceConfig } from '../model/project.js';
import type { ObservedContainer, ObservedState } from '../model/observed.js';
import { serviceConfigHash } from './config-hash.js';

export function project(services: Record<string, ServiceConfig>, extra: Partial<Project> = {}): Project {
  const withNetworks = Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.network_mode ? s : { networks: { default: null }, ...s }]));
  return {
    name: 'shop',
    services: withNetworks,
    networks: { default: { name: 'shop_default' } },
    volumes: {}, secrets: {}, configs: {},
    meta: { workingDir: '/w', configFiles: ['/w/compose.yaml'], environment: {}, profiles: [], disabledServices: {} },
    ...extra,
  };
}

export class ObservedBuilder {
  private readonly state: ObservedState;
  constructor(private readonly p: Project) {
    this.state = { projectName: p.name, containers: [], networks: [], volumes: [], images: {} };
    for (const [name, s] of Object.entries(p.services)) this.state.images[s.image ?? `${p.name}-${name}`] = `sha256:${name}`;
  }

  /** A container of `service` as the current project would create it (same hash, same image). */
  container(service: string, number = 1, overrides: Partial<ObservedContainer> = {}): this {
    const s = this.p.services[service];
    this.state.containers.push({
      id: `${service}${number}`.padEnd(12, '0'), name: `${this.p.name}-${service}-${number}`, serviceName: service, number, oneoff: false,
      state: 'running', health: 'none', configHash: s ? serviceConfigHash(s) : 'gone', imageId: `sha256:${service}`, image: s?.image ?? 'x',
      labels: {}, created: 0, networks: {}, ...overrides,
    });
    return this;
  }

  network(key: string): this {
    this.state.networks.push({ id: key, name: `${this.p.name}_${key}`, key, labels: {} });
    return this;
  }

  volume(key: string): this {
    this.state.volumes.push({ name: `${this.p.name}_${key}`, key, labels: {} });
    return this;
  }

  build(): ObservedState {
    return this.state;
  }
}
