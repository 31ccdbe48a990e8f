/** Golden plans with the exact requests their nodes send: what a network or volume declaration becomes. */
import { describe, expect, it } from 'vitest';
import { planUp } from './plan-up.js';
import { project, ObservedBuilder } from './test-builders.js';

describe('plan requests', () => {
  it('creates a missing network and volume with the bodies the engine receives', () => {
    const p = project({ db: { image: 'pg', networks: { back: null }, volumes: [{ type: 'volume', source: 'data', target: '/var/lib/pg' }] } }, {
      networks: { back: { name: 'shop_back', driver: 'bridge', internal: true, ipam: { config: [{ subnet: '10.9.0.0/24' }] }, labels: { team: 'db' } } },
      volumes: { data: { name: 'shop_data', driver_opts: { type: 'tmpfs' } } },
    });
    const observed = new ObservedBuilder(p).build();
    const nodes = planUp(p, observed).nodes.filter((n) => n.action.kind === 'CreateNetwork' || n.action.kind === 'CreateVolume');
    expect(nodes).toMatchInlineSnapshot(`
      [
        {
          "action": {
            "kind": "CreateNetwork",
            "request": {
              "CheckDuplicate": true,
              "Driver": "bridge",
              "IPAM": {
                "Config": [
                  {
                    "Subnet": "10.9.0.0/24",
                  },
                ],
              },
              "Internal": true,
              "Labels": {
                "com.docker.compose.network": "back",
                "com.docker.compose.project": "shop",
                "com.docker.compose.version": "2.30.0",
                "team": "db",
              },
              "Name": "shop_back",
            },
            "resource": "network:shop_back",
          },
          "cause": "not found",
          "dependsOn": [],
          "id": 1,
          "onError": {
            "done": [
              "conflict",
            ],
          },
        },
        {
          "action": {
            "kind": "CreateVolume",
            "request": {
              "DriverOpts": {
                "type": "tmpfs",
              },
              "Labels": {
                "com.docker.compose.project": "shop",
                "com.docker.compose.version": "2.30.0",
                "com.docker.compose.volume": "data",
              },
              "Name": "shop_data",
            },
            "resource": "volume:shop_data",
          },
          "cause": "not found",
          "dependsOn": [],
          "id": 2,
        },
      ]
    `);
  });
});
