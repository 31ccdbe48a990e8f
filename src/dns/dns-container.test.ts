import { describe, expect, it } from 'vitest';
import type { ContainerInspect } from '../engine/engine.js';
import { dnsContainerFromInspect, isEligible, updatedByEvent } from './dns-container.js';
import { DnsLabels } from './labels.js';

function inspect(labels: Record<string, string>, state: Partial<ContainerInspect['State']> = {}, networks: ContainerInspect['NetworkSettings']['Networks'] = {}): ContainerInspect {
  return {
    Id: 'abc', Name: '/shop-web-2', Created: '', Image: 'sha256:1',
    State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: '', FinishedAt: '', ...state },
    Config: { Labels: labels, Image: 'busybox' }, HostConfig: {}, NetworkSettings: { Networks: networks }, Mounts: [],
  };
}

const compose = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '2', 'com.docker.compose.oneoff': 'False' };

describe('DNS facts from an inspect', () => {
  it('reads project, service, number, health, addresses and the DNS labels', () => {
    const c = dnsContainerFromInspect(inspect(
      { ...compose, [DnsLabels.aliases]: '{"shop_back":["api"]}', [DnsLabels.hostname]: 'web-host', [DnsLabels.links]: '["db:database"]' },
      { Health: { Status: 'healthy' } },
      { shop_back: { IPAddress: '10.0.0.4', NetworkID: 'n1', GlobalIPv6Address: 'fd00::4' }, shop_front: { IPAddress: '', NetworkID: 'n2' } },
    ))!;
    expect(c).toMatchObject({
      id: 'abc', name: 'shop-web-2', projectName: 'shop', serviceName: 'web', number: 2, oneoff: false, health: 'healthy', hostname: 'web-host',
      networks: { shop_back: { ipv4: '10.0.0.4', ipv6: 'fd00::4' }, shop_front: { ipv4: undefined } },
      aliases: { shop_back: ['api'] }, links: [{ serviceName: 'db', alias: 'database' }], instance: 'default',
    });
    expect(isEligible(c)).toBe(true);
  });

  it('ignores containers without compose labels', () => {
    expect(dnsContainerFromInspect(inspect({}))).toBeUndefined();
  });

  it('makes replicas eligible only when running and healthy, or running without a healthcheck', () => {
    const of = (state: Partial<ContainerInspect['State']>) => isEligible(dnsContainerFromInspect(inspect(compose, state))!);
    expect(of({})).toBe(true);
    expect(of({ Health: { Status: 'starting' } })).toBe(false);
    expect(of({ Health: { Status: 'unhealthy' } })).toBe(false);
    expect(of({ Status: 'exited', Running: false })).toBe(false);
    expect(of({ Status: 'paused' })).toBe(false);
  });

  it('applies health, die, pause and unpause events without an inspect; start needs one', () => {
    const c = dnsContainerFromInspect(inspect(compose, { Health: { Status: 'starting' } }))!;
    expect(updatedByEvent(c, 'health_status: healthy')?.health).toBe('healthy');
    expect(updatedByEvent(c, 'health_status: unhealthy')?.health).toBe('unhealthy');
    expect(updatedByEvent(c, 'die')?.state).toBe('exited');
    expect(updatedByEvent(c, 'pause')?.state).toBe('paused');
    expect(updatedByEvent(c, 'unpause')?.state).toBe('running');
    expect(updatedByEvent(c, 'start')).toBeUndefined();
    expect(updatedByEvent(c, 'health_status: bogus')).toBeUndefined();
  });
});
