import { describe, expect, it } from 'vitest';
import type { ServiceConfig } from './project.js';
import { containerReferences, implicitDependencies, linkRef, namespaceRefs, volumesFromRef } from './service-refs.js';
import { networksByPriority, primaryNetwork } from './service-networks.js';

describe('references to other services', () => {
  it('reads service:x namespaces and leaves host and container: ones alone', () => {
    const service: ServiceConfig = { network_mode: 'service:vpn', ipc: 'host', pid: 'container:abc', uts: 'service:clock' };
    expect(namespaceRefs(service)).toEqual([{ key: 'network_mode', service: 'vpn' }, { key: 'uts', service: 'clock' }]);
  });

  it('splits volumes_from entries into kind, name and mode', () => {
    expect(volumesFromRef('data')).toEqual({ kind: 'service', name: 'data' });
    expect(volumesFromRef('data:ro')).toEqual({ kind: 'service', name: 'data', mode: 'ro' });
    expect(volumesFromRef('container:old:rw')).toEqual({ kind: 'container', name: 'old', mode: 'rw' });
  });

  it('takes a link without an alias as its own alias', () => {
    expect(linkRef('db')).toEqual({ service: 'db', alias: 'db' });
    expect(linkRef('db:database')).toEqual({ service: 'db', alias: 'database' });
  });

  it('names by container ID only the services of network_mode, ipc, pid and volumes_from', () => {
    const service: ServiceConfig = { network_mode: 'service:vpn', uts: 'service:clock', volumes_from: ['data:ro', 'container:old'], links: ['db:database'] };
    expect(containerReferences(service)).toEqual(['vpn', 'data']);
    expect(implicitDependencies(service)).toEqual(['db', 'vpn', 'data']);
  });
});

describe('network order', () => {
  it('puts the highest priority first, then sorts by name', () => {
    const service: ServiceConfig = { networks: { zeta: null, back: { priority: 10 }, alpha: null } };
    expect(networksByPriority(service)).toEqual(['back', 'alpha', 'zeta']);
    expect(primaryNetwork(service)).toBe('back');
  });

  it('has no network with network_mode', () => {
    expect(primaryNetwork({ network_mode: 'host', networks: { default: null } })).toBeUndefined();
  });
});
