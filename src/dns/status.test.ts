import { describe, expect, it } from 'vitest';
import { RecordTable } from './records.js';
import { formatDnsStatus, statusEntries } from './status.js';
import { replica } from './test-builders.js';

describe('dns status', () => {
  const table = new RecordTable([
    replica({ projectName: 'shop', serviceName: 'db', number: 1, health: 'unhealthy', networks: { shop_default: { ipv4: '10.0.0.3' } } }),
    replica({ projectName: 'shop', serviceName: 'api', number: 1, networks: { shop_default: { ipv4: '10.0.0.2' } }, aliases: { shop_default: ['backend'] } }),
  ]);

  it('lists every replica with its names, addresses and whether it is answering', () => {
    expect(statusEntries(table)).toEqual([
      expect.objectContaining({ containerName: 'shop-api-1', answering: true, addresses: { shop_default: '10.0.0.2' }, names: ['api', 'api.shop', 'shop-api-1', 'backend'] }),
      expect.objectContaining({ containerName: 'shop-db-1', answering: false, health: 'unhealthy' }),
    ]);
  });

  it('prints one block per project', () => {
    const text = formatDnsStatus({ running: true, pid: 7, snapshot: {
      pid: 7, instance: 'default', hostListener: '127.0.0.1:15353', gatewayListeners: ['172.18.0.1'], failedListeners: [], upstreams: ['10.0.0.53:53'],
      updatedAt: '2026-01-01T00:00:00.000Z', entries: statusEntries(table),
    } });
    expect(text).toMatchInlineSnapshot(`
      "tcompose DNS: running (pid 7), host queries on 127.0.0.1:15353, containers via 172.18.0.1
      upstream: 10.0.0.53:53

      project shop
        shop-api-1  running/none  answering  10.0.0.2 (shop_default)  names: api api.shop shop-api-1 backend
        shop-db-1  running/unhealthy  not answering  10.0.0.3 (shop_default)  names: db db.shop shop-db-1"
    `);
    expect(formatDnsStatus({ running: false })).toBe('tcompose DNS: not running');
  });
});
