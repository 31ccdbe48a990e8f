/**
 * The service → engine mapping as a reader can scan it: each case shows a service (already loaded and normalized,
 * as the model holds it) and the create body it becomes.
 */
import { describe, expect, it } from 'vitest';
import type { Project, ServiceConfig } from '../model/project.js';
import { containerSpec, type ContainerSpecInput } from './convert.js';

function projectWith(services: Record<string, ServiceConfig>, extra: Partial<Project> = {}): Project {
  return {
    name: 'shop', services,
    networks: { default: { name: 'shop_default' }, back: { name: 'shop_back' } },
    volumes: { data: { name: 'shop_data' } }, secrets: {}, configs: {},
    meta: { workingDir: '/w', configFiles: ['/w/compose.yaml'], environment: {}, profiles: [], disabledServices: {} },
    ...extra,
  };
}

function specOf(service: ServiceConfig, input: Partial<ContainerSpecInput> = {}, others: Record<string, ServiceConfig> = {}) {
  return containerSpec({
    project: projectWith({ web: service, ...others }), serviceName: 'web', replica: 1, configHash: 'hash',
    containerIdOfService: (name) => `${name}-id`, ...input,
  });
}

describe('container create body', () => {
  it('maps a minimal service, with the compose labels', () => {
    expect(specOf({ image: 'nginx', networks: { default: null } })).toMatchInlineSnapshot(`
      {
        "body": {
          "AttachStderr": true,
          "AttachStdin": false,
          "AttachStdout": true,
          "HostConfig": {
            "NetworkMode": "shop_default",
          },
          "Image": "nginx",
          "Labels": {
            "com.docker.compose.config-hash": "hash",
            "com.docker.compose.container-number": "1",
            "com.docker.compose.depends_on": "",
            "com.docker.compose.image": "nginx",
            "com.docker.compose.oneoff": "False",
            "com.docker.compose.project": "shop",
            "com.docker.compose.project.config_files": "/w/compose.yaml",
            "com.docker.compose.project.working_dir": "/w",
            "com.docker.compose.service": "web",
            "com.docker.compose.version": "2.30.0",
          },
          "NetworkingConfig": {
            "EndpointsConfig": {
              "shop_default": {},
            },
          },
          "OpenStdin": false,
          "Tty": false,
        },
        "extraNetworks": [],
        "name": "shop-web-1",
      }
    `);
  });

  it('publishes ports as ExposedPorts and PortBindings, keeping host IP and ranges as written', () => {
    const spec = specOf({
      image: 'nginx', networks: { default: null },
      ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp' }, { target: 53, protocol: 'udp' }, { target: 81, published: '9000-9001' }],
      expose: ['3000-3001', '5000/udp'],
    });
    expect({ ExposedPorts: spec.body.ExposedPorts, PortBindings: (spec.body.HostConfig as Record<string, unknown>).PortBindings }).toMatchInlineSnapshot(`
      {
        "ExposedPorts": {
          "3000/tcp": {},
          "3001/tcp": {},
          "5000/udp": {},
          "53/udp": {},
          "80/tcp": {},
          "81/tcp": {},
        },
        "PortBindings": {
          "53/udp": [
            {
              "HostIp": "",
              "HostPort": "",
            },
          ],
          "80/tcp": [
            {
              "HostIp": "127.0.0.1",
              "HostPort": "8080",
            },
          ],
          "81/tcp": [
            {
              "HostIp": "",
              "HostPort": "9000-9001",
            },
          ],
        },
      }
    `);
  });

  it('joins the highest-priority network at create time and the others before start', () => {
    const spec = specOf({ image: 'nginx', networks: { default: { aliases: ['www'] }, back: { priority: 5, ipv4_address: '10.5.0.9' } }, links: ['db:database'] }, { engineAliases: true });
    expect({ NetworkMode: (spec.body.HostConfig as Record<string, unknown>).NetworkMode, NetworkingConfig: spec.body.NetworkingConfig, extra: spec.extraNetworks }).toMatchInlineSnapshot(`
      {
        "NetworkMode": "shop_back",
        "NetworkingConfig": {
          "EndpointsConfig": {
            "shop_back": {
              "Aliases": [
                "web",
              ],
              "IPAMConfig": {
                "IPv4Address": "10.5.0.9",
              },
              "Links": [
                "shop-db-1:database",
              ],
            },
          },
        },
        "extra": [
          {
            "endpoint": {
              "Aliases": [
                "web",
                "www",
              ],
              "Links": [
                "shop-db-1:database",
              ],
            },
            "network": "shop_default",
          },
        ],
      }
    `);
  });

  it('names the containers of service:x and volumes_from by ID', () => {
    const spec = specOf({ image: 'nginx', network_mode: 'service:vpn', ipc: 'service:shm', pid: 'host', volumes_from: ['data:ro', 'container:legacy'] });
    const host = spec.body.HostConfig as Record<string, unknown>;
    expect({ NetworkMode: host.NetworkMode, IpcMode: host.IpcMode, PidMode: host.PidMode, VolumesFrom: host.VolumesFrom, NetworkingConfig: spec.body.NetworkingConfig }).toMatchInlineSnapshot(`
      {
        "IpcMode": "container:shm-id",
        "NetworkMode": "container:vpn-id",
        "NetworkingConfig": undefined,
        "PidMode": "host",
        "VolumesFrom": [
          "data-id:ro",
          "legacy",
        ],
      }
    `);
  });

  it('turns volumes into binds, mounts and tmpfs, and reuses anonymous volumes of the replaced container', () => {
    const spec = specOf({
      image: 'nginx', networks: { default: null },
      volumes: [
        { type: 'bind', source: '/w/src', target: '/src', read_only: true },
        { type: 'bind', source: '/w/conf', target: '/conf', bind: { create_host_path: false } },
        { type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } },
        { type: 'volume', target: '/cache' },
        { type: 'tmpfs', target: '/tmp', tmpfs: { size: '64m', mode: 0o1777 } },
      ],
    }, { inheritedAnonymousVolumes: { '/cache': 'f'.repeat(64) } });
    const host = spec.body.HostConfig as Record<string, unknown>;
    expect({ Binds: host.Binds, Mounts: host.Mounts, Tmpfs: host.Tmpfs }).toMatchInlineSnapshot(`
      {
        "Binds": [
          "/w/src:/src:ro",
        ],
        "Mounts": [
          {
            "BindOptions": undefined,
            "ReadOnly": false,
            "Source": "/w/conf",
            "Target": "/conf",
            "Type": "bind",
          },
          {
            "ReadOnly": false,
            "Source": "shop_data",
            "Target": "/data",
            "Type": "volume",
            "VolumeOptions": {
              "NoCopy": true,
            },
          },
          {
            "ReadOnly": false,
            "Source": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "Target": "/cache",
            "Type": "volume",
          },
        ],
        "Tmpfs": {
          "/tmp": "size=67108864,mode=1777",
        },
      }
    `);
  });

  it('reads durations in nanoseconds, stop_grace_period in whole seconds and sizes in bytes', () => {
    const spec = specOf({
      image: 'nginx', networks: { default: null }, stop_grace_period: '1500ms', stop_signal: 'SIGINT',
      healthcheck: { test: ['CMD', 'true'], interval: '1m30s', timeout: '500ms', retries: 3, start_period: '2s' },
      mem_limit: '512m', shm_size: '64k', cpus: 1.5, deploy: { resources: { reservations: { memory: '1g' } } },
    });
    const host = spec.body.HostConfig as Record<string, unknown>;
    expect({ StopTimeout: spec.body.StopTimeout, StopSignal: spec.body.StopSignal, Healthcheck: spec.body.Healthcheck, Memory: host.Memory, MemoryReservation: host.MemoryReservation, ShmSize: host.ShmSize, NanoCpus: host.NanoCpus }).toMatchInlineSnapshot(`
      {
        "Healthcheck": {
          "Interval": 90000000000,
          "Retries": 3,
          "StartPeriod": 2000000000,
          "Test": [
            "CMD",
            "true",
          ],
          "Timeout": 500000000,
        },
        "Memory": 536870912,
        "MemoryReservation": 1073741824,
        "NanoCpus": 1500000000,
        "ShmSize": 65536,
        "StopSignal": "SIGINT",
        "StopTimeout": 1,
      }
    `);
  });

  it('disables an inherited healthcheck with NONE and maps restart policies', () => {
    const spec = specOf({ image: 'nginx', network_mode: 'none', healthcheck: { disable: true }, restart: 'on-failure:3' });
    expect({ Healthcheck: spec.body.Healthcheck, RestartPolicy: (spec.body.HostConfig as Record<string, unknown>).RestartPolicy, NetworkMode: (spec.body.HostConfig as Record<string, unknown>).NetworkMode }).toMatchInlineSnapshot(`
      {
        "Healthcheck": {
          "Test": [
            "NONE",
          ],
        },
        "NetworkMode": "none",
        "RestartPolicy": {
          "MaximumRetryCount": 3,
          "Name": "on-failure",
        },
      }
    `);
  });

  it('uses the DNS servers given when the service sets none, and container_name over the generated name', () => {
    const spec = specOf({ image: 'nginx', networks: { default: null }, container_name: 'front' }, { dnsServers: ['172.20.0.1'] });
    expect({ name: spec.name, Dns: (spec.body.HostConfig as Record<string, unknown>).Dns }).toEqual({ name: 'front', Dns: ['172.20.0.1'] });
  });
});
