/** A one-shot DNS query over UDP: how the lifecycle pings the daemon, and what tests and the bench ask with. */
import dgram from 'node:dgram';
import dnsPacket, { type DecodedPacket, type RecordType } from 'dns-packet';

export function queryDns(server: { host: string; port: number }, name: string, type: RecordType, timeoutMs = 1000): Promise<DecodedPacket> {
  const socket = dgram.createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
  const id = Math.floor(Math.random() * 65536);
  const query = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });
  return new Promise<DecodedPacket>((resolve, reject) => {
    const timer = setTimeout(() => { socket.close(); reject(new Error(`no DNS answer from ${server.host}:${server.port} within ${timeoutMs} ms`)); }, timeoutMs);
    socket.on('error', (err) => { clearTimeout(timer); socket.close(); reject(err); });
    socket.on('message', (msg) => {
      try {
        const decoded = dnsPacket.decode(msg);
        if (decoded.id !== id) return;
        clearTimeout(timer);
        socket.close();
        resolve(decoded);
      } catch { /* not ours */ }
    });
    // Connected, so a closed port fails at once (ECONNREFUSED from the ICMP reply) instead of at the timeout.
    socket.connect(server.port, server.host, () => socket.send(query));
  });
}
