/**
 * Thin DNS transport: UDP and TCP listeners on one address, each handing bytes to a QueryHandler. A listener never
 * crashes on input (the handler drops garbage); only bind errors (EADDRINUSE, EACCES, EADDRNOTAVAIL) reach the caller.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { QueryHandler } from './handle-query.js';

export interface DnsListener {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  address: string;
  /** 0 picks a free port (tests); the listener reports the real one. */
  port: number;
  handler: QueryHandler;
  warn: (message: string) => void;
  /** Injectable UDP socket (tests). */
  udpSocket?: dgram.Socket;
  /** Also serve TCP (needed for truncated answers); default true. */
  tcp?: boolean;
}

export async function listenDns(options: ListenOptions): Promise<DnsListener> {
  const udp = await bindUdp(options);
  const port = udp.address().port;
  let tcp: net.Server | undefined;
  if (options.tcp !== false) {
    try {
      tcp = await bindTcp({ ...options, port });
    } catch (err) {
      udp.close();
      throw err;
    }
  }
  return {
    address: options.address,
    port,
    close: () => new Promise<void>((resolve) => {
      udp.close(() => (tcp ? tcp.close(() => resolve()) : resolve()));
    }),
  };
}

function bindUdp(options: ListenOptions): Promise<dgram.Socket> {
  const socket = options.udpSocket ?? dgram.createSocket({ type: options.address.includes(':') ? 'udp6' : 'udp4' });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.address, () => {
      socket.off('error', reject);
      socket.on('error', (err) => options.warn(`DNS listener ${options.address}: ${err.message}`));
      socket.on('message', (message, remote) => {
        options.handler(message, remote.address, 'udp').then((reply) => {
          if (reply) socket.send(reply, remote.port, remote.address);
        }, (err) => options.warn(`DNS query from ${remote.address} failed: ${(err as Error).message}`));
      });
      resolve(socket);
    });
  });
}

function bindTcp(options: ListenOptions): Promise<net.Server> {
  const server = net.createServer((conn) => serveTcpConnection(conn, options));
  server.maxConnections = 256; // TCP is the fallback for truncated answers, not a bulk path
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.address }, () => {
      server.off('error', reject);
      server.on('error', (err) => options.warn(`DNS TCP listener ${options.address}: ${err.message}`));
      resolve(server);
    });
  });
}

/** RFC 7766 framing: each message has a 2-byte length prefix; several queries may share one connection. */
function serveTcpConnection(conn: net.Socket, options: ListenOptions): void {
  let buffered = Buffer.alloc(0);
  conn.setTimeout(10_000, () => conn.destroy());
  conn.on('error', () => conn.destroy());
  conn.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
      buffered = buffered.subarray(2 + message.length);
      options.handler(Buffer.from(message), conn.remoteAddress ?? '', 'tcp').then((reply) => {
        if (!reply || conn.destroyed) return;
        const len = Buffer.alloc(2);
        len.writeUInt16BE(reply.length);
        conn.write(Buffer.concat([len, reply]));
      }, (err) => options.warn(`DNS query from ${conn.remoteAddress} failed: ${(err as Error).message}`));
    }
  });
}
