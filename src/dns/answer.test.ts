import { describe, expect, it } from 'vitest';
import dnsPacket, { type DecodedPacket, type Packet, type RecordType } from 'dns-packet';
import { addressOfReverseName, answerQuery, encodeResponse, LISTENER_SUFFIX, PING_NAME, Rcode, udpLimitFor, type AnswerContext } from './answer.js';
import { RecordTable, type Asker } from './records.js';
import { answerData, replica, scaledService } from './test-builders.js';

const decode = (p: Packet) => dnsPacket.decode(dnsPacket.encode(p));
const query = (name: string, type: RecordType = 'A', extra: Partial<Packet> = {}): DecodedPacket =>
  decode({ type: 'query', id: 42, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }], ...extra });

function context(table: RecordTable, asker: Asker): AnswerContext {
  const counters = new Map<string, number>();
  return { table, asker, rotation: (key) => { const n = counters.get(key) ?? 0; counters.set(key, n + 1); return n; }, identity: 'tcompose-dns pid=1' };
}

function reply(q: DecodedPacket, ctx: AnswerContext): DecodedPacket {
  const out = answerQuery(q, ctx);
  if (out.kind !== 'reply') throw new Error('expected a reply, got a forward');
  return decode(out.response);
}

const rcodeOf = (p: DecodedPacket) => (p.flags ?? 0) & 0xf;

describe('answer', () => {
  const web = replica({ projectName: 'shop', serviceName: 'web', number: 1, networks: { shop_default: { ipv4: '10.0.0.2' } } });
  const apis = scaledService('shop', 'api', 3, 'shop_default');
  const table = new RecordTable([web, ...apis]);
  const fromWeb: Asker = { kind: 'container', container: web, network: 'shop_default' };

  it('answers a service name authoritatively, TTL 0, with the query ID, RD echoed and RA set', () => {
    const r = reply(query('web'), context(table, fromWeb));
    expect(r.id).toBe(42);
    expect(r.flag_aa && r.flag_rd && r.flag_ra && r.flag_qr).toBe(true);
    expect(rcodeOf(r)).toBe(Rcode.NOERROR);
    expect(r.answers).toEqual([expect.objectContaining({ type: 'A', name: 'web', ttl: 0, data: '10.0.0.2' })]);
  });

  it('rotates the order of replicas on every query of the same name and type', () => {
    const ctx = context(table, fromWeb);
    const firsts = [0, 1, 2, 3].map(() => answerData(reply(query('api'), ctx).answers![0]!));
    expect(firsts).toEqual(['10.9.0.3', '10.9.0.4', '10.9.0.5', '10.9.0.3']);
    const all = reply(query('api'), ctx).answers!.map(answerData);
    expect([...all].sort()).toEqual(['10.9.0.3', '10.9.0.4', '10.9.0.5']);
  });

  it('rotates A independently of AAAA (resolvers ask both; A must still rotate)', () => {
    const ctx = context(table, fromWeb);
    const firsts: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      firsts.push(answerData(reply(query('api', 'A'), ctx).answers![0]!));
      reply(query('api', 'AAAA'), ctx);
    }
    expect(new Set(firsts).size).toBe(3);
  });

  it('answers NXDOMAIN, without SOA, when no replica of a known name is eligible', () => {
    const sick = new RecordTable([web, { ...apis[0]!, health: 'unhealthy' }, { ...apis[1]!, health: 'starting' }]);
    const r = reply(query('api'), context(sick, fromWeb));
    expect(rcodeOf(r)).toBe(Rcode.NXDOMAIN);
    expect(r.answers).toEqual([]);
    expect(r.authorities).toEqual([]);
  });

  it('answers an empty NOERROR for AAAA of a name with IPv4 only', () => {
    const r = reply(query('api', 'AAAA'), context(table, fromWeb));
    expect(rcodeOf(r)).toBe(Rcode.NOERROR);
    expect(r.answers).toEqual([]);
  });

  it('forwards names it does not know, including names of projects the asker cannot see', () => {
    const other = replica({ projectName: 'blog', serviceName: 'db', number: 1, networks: { blog_default: { ipv4: '10.1.0.2' } } });
    const t = new RecordTable([web, other]);
    expect(answerQuery(query('example.com'), context(t, fromWeb))).toEqual({ kind: 'forward' });
    expect(answerQuery(query('db'), context(t, fromWeb))).toEqual({ kind: 'forward' });
  });

  it('answers PTR for container addresses the asker can see, and forwards other addresses', () => {
    const r = reply(query('2.0.0.10.in-addr.arpa', 'PTR'), context(table, fromWeb));
    expect(r.answers).toEqual([expect.objectContaining({ type: 'PTR', data: 'shop-web-1', ttl: 0 })]);
    expect(answerQuery(query('9.9.9.9.in-addr.arpa', 'PTR'), context(table, fromWeb))).toEqual({ kind: 'forward' });
    expect(addressOfReverseName('4.3.2.1.in-addr.arpa.')).toBe('1.2.3.4');
    expect(addressOfReverseName('300.3.2.1.in-addr.arpa')).toBeUndefined();
  });

  it('rejects malformed requests with FORMERR or NOTIMP', () => {
    const noQuestion = decode({ type: 'query', id: 7, questions: [] });
    expect(rcodeOf(reply(noQuestion, context(table, fromWeb)))).toBe(Rcode.FORMERR);
    const update = decode({ type: 'query', id: 8, flags: 5 << 11, questions: [{ type: 'A', name: 'web' }] });
    expect(rcodeOf(reply(update, context(table, fromWeb)))).toBe(Rcode.NOTIMP);
  });

  it('answers the ping name over loopback only', () => {
    const r = reply(query(PING_NAME, 'TXT'), context(table, { kind: 'loopback' }));
    expect(String(answerData(r.answers![0]!))).toContain('tcompose-dns pid=1');
    expect(answerQuery(query(PING_NAME, 'TXT'), context(table, fromWeb))).toEqual({ kind: 'forward' });
  });

  it('tells the host whether it listens on a gateway yet, and tells containers nothing', () => {
    const states: Record<string, string> = { '172.18.0.1': 'listening', '172.19.0.1': 'failed EADDRINUSE' };
    const ctx = (asker: Asker) => ({ ...context(table, asker), listenerState: (a: string) => states[a] ?? 'pending' });
    const txt = (name: string) => String(answerData(reply(query(name, 'TXT'), ctx({ kind: 'loopback' })).answers![0]!));
    expect(txt(`172.18.0.1${LISTENER_SUFFIX}`)).toBe('listening');
    expect(txt(`172.19.0.1${LISTENER_SUFFIX}`)).toBe('failed EADDRINUSE');
    expect(txt(`172.20.0.1${LISTENER_SUFFIX}`)).toBe('pending');
    expect(answerQuery(query(`172.18.0.1${LISTENER_SUFFIX}`, 'TXT'), ctx(fromWeb))).toEqual({ kind: 'forward' });
  });

  it('truncates a UDP answer over 512 bytes without EDNS (TC set), and sends everything over TCP or with EDNS', () => {
    const many = new RecordTable([web, ...scaledService('shop', 'big', 60, 'shop_default')]);
    const q = query('big');
    const out = answerQuery(q, context(many, fromWeb));
    if (out.kind !== 'reply') throw new Error('expected reply');
    const udp = encodeResponse(out.response, 'udp', udpLimitFor(q));
    expect(udp.length).toBeLessThanOrEqual(512);
    const decoded = dnsPacket.decode(udp);
    expect(decoded.flag_tc).toBe(true);
    expect(decoded.answers!.length).toBeGreaterThan(10);
    expect(decoded.answers!.length).toBeLessThan(60);

    const tcp = dnsPacket.decode(encodeResponse(out.response, 'tcp', 65535));
    expect(tcp.flag_tc).toBe(false);
    expect(tcp.answers).toHaveLength(60);

    const withEdns = query('big', 'A', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] });
    expect(udpLimitFor(withEdns)).toBe(1232);
    const edns = answerQuery(withEdns, context(many, fromWeb));
    if (edns.kind !== 'reply') throw new Error('expected reply');
    const ednsDecoded = dnsPacket.decode(encodeResponse(edns.response, 'udp', udpLimitFor(withEdns)));
    expect(ednsDecoded.flag_tc).toBe(false);
    expect(ednsDecoded.answers).toHaveLength(60);
    expect(ednsDecoded.additionals?.[0]?.type).toBe('OPT');
  });
});
