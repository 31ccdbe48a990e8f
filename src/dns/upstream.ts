/**
 * Forwarder for names tcompose does not own: the raw query goes to the host's resolvers, the raw answer comes back
 * with the asker's ID. Nothing is cached (answers and failures alike), so a resolver that recovers is used at once.
 */
import dgram from 'node:dgram';
import net from 'node:net';

export interface UpstreamServer { host: string; port: number }

export interface UpstreamOptions {
  servers: UpstreamServer[];
  /** Per server attempt. */
  timeoutMs?: number;
  /** Injectable for tests. */
  createSocket?: () => dgram.Socket;
}

/** `nameserver` lines of a resolv.conf text, in order (IPv4 and IPv6; port 53). */
export function parseResolvConf(text: string): UpstreamServer[] {
  const out: UpstreamServer[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m && net.isIP(m[1]!.replace(/%.*$/, ''))) out.push({ host: m[1]!, port: 53 });
  }
  return out;
}

/** `1.2.3.4`, `127.0.0.1:5300`, `[::1]:53`, comma-separated (env `TCOMPOSE_DNS_UPSTREAMS`). */
export function parseUpstreamList(value: string): UpstreamServer[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const v6 = /^\[(.+)\](?::(\d+))?$/.exec(s);
    if (v6) return { host: v6[1]!, port: Number(v6[2] ?? 53) };
    const [host, port] = s.split(':');
    return { host: host!, port: Number(port ?? 53) };
  });
}

export interface Upstream {
  forward(query: Buffer, transport: 'udp' | 'tcp'): Promise<Buffer | undefined>;
  close(): void;
}

interface Pending { resolve: (b: Buffer | undefined) => void; server: UpstreamServer; timer: NodeJS.Timeout }

export function createUpstream(options: UpstreamOptions): Upstream {
  const timeoutMs = options.timeoutMs ?? 2000;
  const sockets = new Map<'udp4' | 'udp6', dgram.Socket>();
  const pending = new Map<number, Pending>();

  function socketFor(host: string): dgram.Socket {
    const family = net.isIPv6(host) ? 'udp6' : 'udp4';
    let socket = sockets.get(family);
    if (socket) return socket;
    socket = options.createSocket?.() ?? dgram.createSocket(family);
    socket.on('error', () => undefined);
    socket.on('message', (msg, from) => {
      if (msg.length < 12) return;
      const p = pending.get(msg.readUInt16BE(0));
      // Only the server we asked may answer (a spoofed reply from elsewhere is dropped).
      if (!p || from.port !== p.server.port || normalizeHost(from.address) !== normalizeHost(p.server.host)) return;
      pending.delete(msg.readUInt16BE(0));
      clearTimeout(p.timer);
      p.resolve(msg);
    });
    socket.unref();
    sockets.set(family, socket);
    return socket;
  }

  function freeId(): number {
    for (let i = 0; i < 100; i++) {
      const id = Math.floor(Math.random() * 65536);
      if (!pending.has(id)) return id;
    }
    throw new Error('too many upstream queries in flight');
  }

  function viaUdp(query: Buffer, server: UpstreamServer): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
      const id = freeId();
      const copy = Buffer.from(query);
      copy.writeUInt16BE(id, 0);
      const timer = setTimeout(() => { pending.delete(id); resolve(undefined); }, timeoutMs);
      pending.set(id, { resolve, server, timer });
      socketFor(server.host).send(copy, server.port, server.host, (err) => {
        if (err) { pending.delete(id); clearTimeout(timer); resolve(undefined); }
      });
    });
  }

  async function forward(query: Buffer, transport: 'udp' | 'tcp'): Promise<Buffer | undefined> {
    for (const server of options.servers) {
      const answer = transport === 'udp' ? await viaUdp(query, server) : await viaTcp(query, server, timeoutMs);
      if (answer) {
        const out = Buffer.from(answer);
        out.writeUInt16BE(query.readUInt16BE(0), 0);
        return out;
      }
    }
    return undefined;
  }

  return {
    forward,
    close() {
      for (const p of pending.values()) { clearTimeout(p.timer); p.resolve(undefined); }
      pending.clear();
      for (const s of sockets.values()) s.close();
      sockets.clear();
    },
  };
}

function normalizeHost(host: string): string {
  return host.replace(/^::ffff:/, '');
}

/** One TCP connection per query (RFC 7766 framing: 2-byte length prefix); rare enough not to pool. */
function viaTcp(query: Buffer, server: UpstreamServer, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: server.host, port: server.port });
    let buffered = Buffer.alloc(0);
    const done = (b: Buffer | undefined) => { socket.destroy(); clearTimeout(timer); resolve(b); };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('error', () => done(undefined));
    socket.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      socket.write(Buffer.concat([len, query]));
    });
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) done(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
    });
    socket.on('end', () => done(undefined));
  });
}
