import { describe, expect, it } from 'vitest';
import type { DnsContainer } from './dns-container.js';
import { replica } from './test-builders.js';
import { RecordTable, type Asker } from './records.js';

const asker = (table: RecordTable, c: DnsContainer): Asker => {
  const owner = table.containerAt(Object.values(c.networks)[0]!.ipv4!);
  if (!owner) throw new Error(`no owner for ${c.name}`);
  return { kind: 'container', ...owner };
};
const ips = (table: RecordTable, name: string, a: Asker) => table.lookup(name, a).targets.map((t) => t.ipv4);

describe('record table', () => {
  const web = replica({ projectName: 'shop', serviceName: 'web', number: 1, networks: { shop_default: { ipv4: '10.0.0.2' } } });
  const db1 = replica({ projectName: 'shop', serviceName: 'db', number: 1, networks: { shop_default: { ipv4: '10.0.0.3' } }, health: 'healthy' });
  const db2 = replica({ projectName: 'shop', serviceName: 'db', number: 2, networks: { shop_default: { ipv4: '10.0.0.4' } }, health: 'unhealthy' });
  const db3 = replica({ projectName: 'shop', serviceName: 'db', number: 3, networks: { shop_default: { ipv4: '10.0.0.5' } }, health: 'starting' });
  const otherDb = replica({ projectName: 'blog', serviceName: 'db', number: 1, networks: { blog_default: { ipv4: '10.1.0.2' } } });

  it('answers a service name only with replicas that are healthy (healthcheck) or running (none)', () => {
    const table = new RecordTable([web, db1, db2, db3, otherDb]);
    expect(ips(table, 'db', asker(table, web))).toEqual(['10.0.0.3']);
    expect(ips(table, 'web', asker(table, web))).toEqual(['10.0.0.2']);
  });

  it('never shows a container of a project that shares no network with the asker', () => {
    const table = new RecordTable([web, db1, otherDb]);
    expect(ips(table, 'db', asker(table, otherDb))).toEqual(['10.1.0.2']);
    expect(table.lookup('web', asker(table, otherDb)).known).toBe(false);
    expect(table.lookup('web.shop', asker(table, otherDb)).known).toBe(false);
  });

  it('knows a name whose replicas are all ineligible, so it is not forwarded', () => {
    const stopped = { ...db1, state: 'exited', networks: { shop_default: {} } };
    const table = new RecordTable([web, stopped]);
    expect(table.lookup('db', asker(table, web))).toEqual({ known: true, targets: [] });
  });

  it('answers <service>.<project>, replica names, aliases (per network), hostname, case-insensitively', () => {
    const api = replica({
      projectName: 'shop', serviceName: 'api', number: 1, hostname: 'api-host',
      networks: { shop_default: { ipv4: '10.0.0.9' }, shop_back: { ipv4: '10.2.0.9' } }, aliases: { shop_back: ['backend'] },
    });
    const worker = replica({ projectName: 'shop', serviceName: 'worker', number: 1, networks: { shop_back: { ipv4: '10.2.0.3' } } });
    const table = new RecordTable([web, api, worker]);
    for (const name of ['api.shop', 'SHOP-API-1', 'api-host', 'api.shop.']) expect(ips(table, name, asker(table, web))).toEqual(['10.0.0.9']);
    expect(table.lookup('backend', asker(table, web)).known).toBe(false);
    expect(ips(table, 'backend', asker(table, worker))).toEqual(['10.2.0.9']);
    expect(ips(table, 'api', asker(table, worker))).toEqual(['10.2.0.9']);
  });

  it('returns the address on the network the query arrived on', () => {
    const api = replica({ projectName: 'shop', serviceName: 'api', number: 1, networks: { a: { ipv4: '10.5.0.2' }, b: { ipv4: '10.6.0.2' } } });
    const client = replica({ projectName: 'shop', serviceName: 'client', number: 1, networks: { a: { ipv4: '10.5.0.3' }, b: { ipv4: '10.6.0.3' } } });
    const table = new RecordTable([api, client]);
    expect(ips(table, 'api', { kind: 'container', container: client, network: 'b' })).toEqual(['10.6.0.2']);
    expect(ips(table, 'api', { kind: 'container', container: client, network: 'a' })).toEqual(['10.5.0.2']);
  });

  it('resolves a link alias to the linked service, for the linking container only', () => {
    const linking = { ...web, links: [{ serviceName: 'db', alias: 'database' }] };
    const table = new RecordTable([linking, db1, replica({ projectName: 'shop', serviceName: 'x', number: 1, networks: { shop_default: { ipv4: '10.0.0.7' } } })]);
    expect(ips(table, 'database', asker(table, linking))).toEqual(['10.0.0.3']);
    expect(table.lookup('database', { kind: 'container', container: table.containers[2]!, network: 'shop_default' }).known).toBe(false);
  });

  it('keeps one-off containers out of their service name', () => {
    const run = replica({ projectName: 'shop', serviceName: 'web', number: 1, oneoff: true, name: 'shop-web-run-abc', networks: { shop_default: { ipv4: '10.0.0.8' } } });
    const table = new RecordTable([web, run]);
    expect(ips(table, 'web', asker(table, run))).toEqual(['10.0.0.2']);
    expect(ips(table, 'shop-web-run-abc', asker(table, web))).toEqual(['10.0.0.8']);
  });

  it('shows the host only project-qualified names', () => {
    const table = new RecordTable([web, db1, otherDb]);
    const host: Asker = { kind: 'loopback' };
    expect(table.lookup('web', host).known).toBe(false);
    expect(ips(table, 'web.shop', host)).toEqual(['10.0.0.2']);
    expect(ips(table, 'db.blog', host)).toEqual(['10.1.0.2']);
    expect(ips(table, 'shop-db-1', host)).toEqual(['10.0.0.3']);
  });

  it('knows a container that asks before the engine marks it running, without answering with it', () => {
    const starting = { ...web, id: 'new', name: 'shop-web-2', number: 2, state: 'created', networks: { shop_default: { ipv4: '10.0.0.6' } } };
    const table = new RecordTable([web, db1, starting]);
    expect(table.containerAt('10.0.0.6')?.container.name).toBe('shop-web-2');
    expect(ips(table, 'web', asker(table, starting))).toEqual(['10.0.0.2']);
  });

  it('maps addresses back to running containers visible to the asker', () => {
    const table = new RecordTable([web, db1, otherDb]);
    expect(table.reverse('10.0.0.3', asker(table, web))?.name).toBe('shop-db-1');
    expect(table.reverse('10.1.0.2', asker(table, web))).toBeUndefined();
    expect(table.reverse('10.1.0.2', { kind: 'loopback' })?.name).toBe('blog-db-1');
  });
});
