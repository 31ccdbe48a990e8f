import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { createQueryHandler } from './handle-query.js';
import { queryDns } from './dns-client.js';
import { RecordTable } from './records.js';
import { listenDns, type DnsListener } from './server.js';
import { answerData, replica, scaledService } from './test-builders.js';
import { createUpstream, type Upstream } from './upstream.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => { while (cleanups.length) await cleanups.pop()!(); });

/** A stub upstream resolver on 127.0.0.1: answers every A query with 192.0.2.7. */
async function stubUpstream(port = 0): Promise<{ port: number; queries: number; close(): void }> {
  const socket = dgram.createSocket('udp4');
  const stub = { port: 0, queries: 0, close: () => socket.close() };
  socket.on('message', (msg, from) => {
    stub.queries++;
    const q = dnsPacket.decode(msg);
    const r = dnsPacket.encode({ id: q.id, type: 'response', flags: dnsPacket.RECURSION_AVAILABLE, questions: q.questions, answers: [{ type: 'A', name: q.questions![0]!.name, ttl: 60, data: '192.0.2.7' }] });
    socket.send(r, from.port, from.address);
  });
  await new Promise<void>((r) => socket.bind(port, '127.0.0.1', r));
  stub.port = socket.address().port;
  return stub;
}

const web = replica({ projectName: 'shop', serviceName: 'web', number: 1, networks: { shop_default: { ipv4: '10.0.0.2' } } });

async function server(upstreamPorts: number[], table = new RecordTable([web, ...scaledService('shop', 'big', 60, 'shop_default')])) {
  const warnings: string[] = [];
  const upstream: Upstream = createUpstream({ servers: upstreamPorts.map((port) => ({ host: '127.0.0.1', port })), timeoutMs: 200 });
  const handler = createQueryHandler({ table: () => table, upstream, warn: (m) => warnings.push(m), identity: 'tcompose-dns pid=1' });
  const listener: DnsListener = await listenDns({ address: '127.0.0.1', port: 0, handler, warn: (m) => warnings.push(m) });
  cleanups.push(() => listener.close(), () => upstream.close());
  return { listener, warnings, handler, at: { host: '127.0.0.1', port: listener.port } };
}

describe('DNS transport', () => {
  it('answers <service>.<project> to the host over UDP', async () => {
    const s = await server([]);
    const r = await queryDns(s.at, 'web.shop', 'A');
    expect(r.answers?.map(answerData)).toEqual(['10.0.0.2']);
  });

  it('drops garbage with a warning and keeps serving', async () => {
    const s = await server([]);
    const socket = dgram.createSocket('udp4');
    for (const junk of [Buffer.from([1, 2, 3]), Buffer.alloc(0), Buffer.from('not a dns packet at all, really not')]) {
      await new Promise<void>((r) => socket.send(junk, s.at.port, s.at.host, () => r()));
    }
    socket.close();
    const r = await queryDns(s.at, 'web.shop', 'A');
    expect(r.answers).toHaveLength(1);
    expect(s.warnings.filter((w) => w.includes('undecodable'))).toHaveLength(3);
  });

  it('forwards unknown names to the upstream and returns its answer with the asker\'s ID', async () => {
    const up = await stubUpstream();
    cleanups.push(() => up.close());
    const s = await server([up.port]);
    const r = await queryDns(s.at, 'example.org', 'A');
    expect(r.answers?.map(answerData)).toEqual(['192.0.2.7']);
    expect(up.queries).toBe(1);
  });

  // The failed query waits out the upstream timeout; a loaded machine needs more than vitest's default 5 s.
  it('answers SERVFAIL when no upstream answers, and does not remember that failure', { timeout: 20_000 }, async () => {
    const probe = await stubUpstream();
    const port = probe.port;
    probe.close(); // nothing listens there now
    const s = await server([port]);
    const failed = await queryDns(s.at, 'example.org', 'A');
    expect(failed.flags! & 0xf).toBe(2);
    const up = await stubUpstream(port);
    cleanups.push(() => up.close());
    const ok = await queryDns(s.at, 'example.org', 'A');
    expect(ok.answers?.map(answerData)).toEqual(['192.0.2.7']);
  });

  it('falls back to the next upstream when the first does not answer', async () => {
    const dead = dgram.createSocket('udp4'); // bound but silent
    await new Promise<void>((r) => dead.bind(0, '127.0.0.1', r));
    cleanups.push(() => dead.close());
    const up = await stubUpstream();
    cleanups.push(() => up.close());
    const s = await server([dead.address().port, up.port]);
    const r = await queryDns(s.at, 'example.net', 'A', 2000);
    expect(r.answers?.map(answerData)).toEqual(['192.0.2.7']);
  });

  it('serves the whole answer over TCP when UDP had to truncate', async () => {
    const s = await server([]);
    const udp = await queryDns(s.at, 'big.shop', 'A');
    expect(udp.flag_tc).toBe(true);
    const conn = net.connect(s.at.port, s.at.host);
    cleanups.push(() => conn.destroy());
    const msg = dnsPacket.streamEncode({ type: 'query', id: 9, questions: [{ type: 'A', name: 'big.shop' }] });
    const reply = await new Promise<Buffer>((resolve) => {
      let buf = Buffer.alloc(0);
      conn.on('data', (d) => { buf = Buffer.concat([buf, d]); if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) resolve(buf); });
      conn.write(msg);
    });
    const decoded = dnsPacket.streamDecode(reply) as ReturnType<typeof dnsPacket.decode>;
    expect(decoded.answers).toHaveLength(60);
  });

  it('refuses a source that is neither loopback nor a known container, after one refresh attempt', async () => {
    let table = new RecordTable([web]);
    const refreshed: string[] = [];
    const handler = createQueryHandler({
      table: () => table, upstream: createUpstream({ servers: [] }), warn: () => undefined,
      refreshFor: async (a) => { refreshed.push(a); if (a === '10.0.0.3') table = new RecordTable([web, replica({ projectName: 'shop', serviceName: 'new', number: 1, networks: { shop_default: { ipv4: '10.0.0.3' } } })]); },
    });
    const q = dnsPacket.encode({ type: 'query', id: 5, questions: [{ type: 'A', name: 'web' }] });
    const refused = dnsPacket.decode((await handler(q, '10.77.0.1', 'udp'))!);
    expect(refused.flags! & 0xf).toBe(5);
    const known = dnsPacket.decode((await handler(q, '10.0.0.3', 'udp'))!);
    expect(known.answers?.map(answerData)).toEqual(['10.0.0.2']);
    expect(refreshed).toEqual(['10.77.0.1', '10.0.0.3']);
  });
});
