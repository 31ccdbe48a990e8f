/**
 * One query from bytes to bytes: decode (garbage is dropped with a warning, never thrown), identify the asker by
 * source address, answer from the table or forward upstream, encode for the transport.
 */
import dnsPacket, { type DecodedPacket } from 'dns-packet';
import { answerQuery, encodeResponse, responseTo, udpLimitFor } from './answer.js';
import type { Asker, RecordTable } from './records.js';
import type { Upstream } from './upstream.js';

export interface QueryHandlerDeps {
  table: () => RecordTable;
  upstream: Upstream;
  warn: (message: string) => void;
  /** Called for a source address the table does not know; resolves once the table has been refreshed (or not). */
  refreshFor?: (address: string) => Promise<void>;
  identity?: string;
  listenerState?: (address: string) => string;
}

export type Transport = 'udp' | 'tcp';
/** Bytes in, bytes out (undefined: send nothing). */
export type QueryHandler = (message: Buffer, source: string, transport: Transport) => Promise<Buffer | undefined>;

/** The host asking over 127.0.0.0/8 or ::1 (also as an IPv4-mapped address). */
export function isLoopback(address: string): boolean {
  const v4 = address.replace(/^::ffff:/, '');
  return v4.startsWith('127.') || address === '::1';
}

/** The per-query pipeline shared by every listener; keeps the round-robin counters. */
export function createQueryHandler(deps: QueryHandlerDeps): QueryHandler {
  const counters = new Map<string, number>();
  const rotation = (key: string) => {
    // Bounded: the counters only decide where a rotation starts, losing them is harmless.
    if (counters.size > 10_000) counters.clear();
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    return n;
  };

  async function askerFor(source: string): Promise<Asker | undefined> {
    if (isLoopback(source)) return { kind: 'loopback' };
    const address = source.replace(/^::ffff:/, '');
    let owner = deps.table().containerAt(address);
    if (!owner && deps.refreshFor) {
      // A container that asks right after it started may be ahead of the engine's event: refresh once and retry.
      await deps.refreshFor(address);
      owner = deps.table().containerAt(address);
    }
    return owner ? { kind: 'container', ...owner } : undefined;
  }

  return async (message, source, transport) => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch (err) {
      deps.warn(`dropped an undecodable DNS packet from ${source} (${(err as Error).message})`);
      return undefined;
    }
    if (query.type !== 'query') return undefined;
    const limit = transport === 'udp' ? udpLimitFor(query) : 65535;
    const asker = await askerFor(source);
    if (!asker) return encodeResponse(responseTo(query, 'REFUSED'), transport, limit);
    const outcome = answerQuery(query, { table: deps.table(), asker, rotation, identity: deps.identity, listenerState: deps.listenerState });
    if (outcome.kind === 'reply') return encodeResponse(outcome.response, transport, limit);
    const forwarded = await deps.upstream.forward(message, transport);
    return forwarded ?? encodeResponse(responseTo(query, 'SERVFAIL'), transport, limit);
  };
}
