/**
 * Pure: one decoded query + the name table + who asks → a response packet, or "forward this upstream".
 *
 * Decisions:
 * - service names are answered authoritatively with TTL 0, so a health change is visible on the next query;
 * - a name we know whose replicas are all ineligible (stopped, starting, unhealthy) gets NXDOMAIN, like the name of
 *   a stopped service under docker compose; it is never forwarded, and no SOA is sent so nobody caches it (RFC 2308 §5);
 * - a known name asked for a type it has no data for (AAAA without IPv6, MX, …) gets an empty NOERROR (NODATA);
 * - names we do not know, and PTR queries for addresses we do not own, are forwarded.
 */
import type { Answer, DecodedPacket, Packet, Question } from 'dns-packet';
import dnsPacket from 'dns-packet';
import { normalizeName, type Asker, type RecordTable, type Target } from './records.js';

/** dns-packet's encoder ignores `rcode`: the code travels in the low 4 bits of `flags`. */
export const Rcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export type RcodeName = keyof typeof Rcode;

/** Asked over loopback, answered with a TXT naming the daemon: how `ensureDnsDaemon` knows it is ours and alive. */
export const PING_NAME = '_tcompose-ping';
/** Bumped when what the CLI asks the daemon changes: a resident daemon of another protocol is replaced. */
export const DNS_PROTOCOL = 2;
/** Asked over loopback as `<gateway-ip>._tcompose-listener`: whether the daemon listens there yet (TXT). */
export const LISTENER_SUFFIX = '._tcompose-listener';

export interface AnswerContext {
  table: RecordTable;
  asker: Asker;
  /** Where the round-robin starts for a key (name + type); the transport keeps the counters. */
  rotation: (key: string) => number;
  /** TXT text for the ping name. */
  identity?: string;
  /** TXT text for a listener question: `listening`, `pending` or `failed <reason>`. */
  listenerState?: (address: string) => string;
}

export type Outcome = { kind: 'reply'; response: Packet } | { kind: 'forward' };

export function answerQuery(query: DecodedPacket, ctx: AnswerContext): Outcome {
  const opcode = (query as DecodedPacket & { opcode?: string }).opcode;
  if (opcode !== undefined && opcode !== 'QUERY') return reply(query, 'NOTIMP');
  const question = query.questions?.length === 1 ? query.questions[0]! : undefined;
  if (!question) return reply(query, 'FORMERR');
  if (question.class !== undefined && question.class !== 'IN') return { kind: 'forward' };
  const name = normalizeName(question.name);
  if (name === PING_NAME && ctx.asker.kind === 'loopback') {
    return reply(query, 'NOERROR', [{ type: 'TXT', name: question.name, ttl: 0, data: ctx.identity ?? 'tcompose-dns' }]);
  }
  if (name.endsWith(LISTENER_SUFFIX) && ctx.asker.kind === 'loopback' && ctx.listenerState) {
    const state = ctx.listenerState(name.slice(0, -LISTENER_SUFFIX.length)).slice(0, 255);
    return reply(query, 'NOERROR', [{ type: 'TXT', name: question.name, ttl: 0, data: state }]);
  }
  if (question.type === 'PTR') return answerReverse(query, question, ctx);
  const lookup = ctx.table.lookup(name, ctx.asker);
  if (!lookup.known) return { kind: 'forward' };
  if (!lookup.targets.length) return reply(query, 'NXDOMAIN');
  const targets = rotate(lookup.targets, ctx.rotation(`${name}/${question.type}`));
  return reply(query, 'NOERROR', addressRecords(question, targets));
}

function addressRecords(question: Question, targets: Target[]): Answer[] {
  const type: string = question.type; // dns-packet decodes type 255 as 'ANY', which its typings omit
  const wantsA = type === 'A' || type === 'ANY';
  const wantsAAAA = type === 'AAAA' || type === 'ANY';
  const out: Answer[] = [];
  for (const t of targets) {
    if (wantsA && t.ipv4) out.push({ type: 'A', name: question.name, ttl: 0, data: t.ipv4 });
    if (wantsAAAA && t.ipv6) out.push({ type: 'AAAA', name: question.name, ttl: 0, data: t.ipv6 });
  }
  return out;
}

function answerReverse(query: DecodedPacket, question: Question, ctx: AnswerContext): Outcome {
  const address = addressOfReverseName(question.name);
  const owner = address ? ctx.table.reverse(address, ctx.asker) : undefined;
  if (!owner) return { kind: 'forward' };
  return reply(query, 'NOERROR', [{ type: 'PTR', name: question.name, ttl: 0, data: owner.name }]);
}

/** `4.3.2.1.in-addr.arpa` → `1.2.3.4`; anything else (ip6.arpa included) → undefined. */
export function addressOfReverseName(name: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return undefined;
  const octets = [m[4], m[3], m[2], m[1]].map(Number);
  return octets.every((o) => o <= 255) ? octets.join('.') : undefined;
}

function rotate<T>(list: T[], start: number): T[] {
  const k = ((start % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function reply(query: Packet, rcode: RcodeName, answers: Answer[] = []): Outcome {
  return { kind: 'reply', response: responseTo(query, rcode, answers) };
}

/** A response skeleton for a query: same ID and question, AA + RA, RD echoed, rcode in the flags. */
export function responseTo(query: Packet, rcode: RcodeName, answers: Answer[] = []): Packet {
  const rd = (query.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
  const edns = query.additionals?.find((a) => a.type === 'OPT');
  return {
    id: query.id,
    type: 'response',
    flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | rd | Rcode[rcode],
    questions: query.questions,
    answers,
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] : [],
  };
}

/** What we advertise and accept at most over UDP with EDNS (the DNS flag day 2020 size). */
const EDNS_PAYLOAD = 1232;
const PLAIN_UDP_LIMIT = 512;

/** The largest UDP response the asker accepts: 512 without EDNS (RFC 1035 §4.2.1), else its advertised size. */
export function udpLimitFor(query: Packet): number {
  const edns = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  if (!edns) return PLAIN_UDP_LIMIT;
  return Math.max(PLAIN_UDP_LIMIT, Math.min(edns.udpPayloadSize ?? PLAIN_UDP_LIMIT, EDNS_PAYLOAD));
}

/**
 * Encode a response for its transport. Over UDP a response larger than the asker accepts keeps the answers that
 * fit and sets TC, so the asker retries over TCP (RFC 2181 §9); over TCP everything is sent.
 */
export function encodeResponse(response: Packet, transport: 'udp' | 'tcp', limit: number): Buffer {
  const full = dnsPacket.encode(response);
  if (transport === 'tcp' || full.length <= limit) return full;
  const answers = response.answers ?? [];
  let lo = 0;
  let hi = answers.length;
  const sized = (n: number) => ({ ...response, answers: answers.slice(0, n), flags: (response.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE });
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (dnsPacket.encodingLength(sized(mid)) <= limit) lo = mid; else hi = mid - 1;
  }
  return dnsPacket.encode(sized(lo));
}
