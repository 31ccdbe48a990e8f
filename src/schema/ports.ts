/** Port short syntax (`[host_ip:][published:]target[/protocol]`, ranges allowed) → long syntax entries. */
import type { ServicePort } from '../model/project.js';

function parseRange(text: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a port or port range`);
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (from < 1 || to > 65535 || from > to) throw new Error(`port ${text} is out of range (1-65535)`);
  return [from, to];
}

export function parseShortPort(spec: string | number): ServicePort[] {
  const text = String(spec);
  const slash = text.lastIndexOf('/');
  const protocol = slash >= 0 ? text.slice(slash + 1) : 'tcp';
  const main = slash >= 0 ? text.slice(0, slash) : text;
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new Error(`invalid protocol "${protocol}"`);
  let hostIp: string | undefined;
  let rest = main;
  // An IPv6 host address is bracketed: [::1]:8080:80
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(main);
  if (v6) { hostIp = v6[1]; rest = v6[2]!; }
  const parts = rest.split(':');
  if (parts.length > 3 || (v6 && parts.length > 2)) throw new Error(`"${text}" has too many ':' separated parts`);
  let published: string | undefined;
  if (parts.length === 3) { hostIp = parts[0]; published = parts[1]; }
  else if (parts.length === 2) published = parts[0];
  const targetText = parts[parts.length - 1]!;
  if (hostIp !== undefined && hostIp !== '' && !/^[0-9.]+$|:/.test(hostIp)) throw new Error(`"${hostIp}" is not an IP address`);
  const [tFrom, tTo] = parseRange(targetText);
  if (published === '') published = undefined;
  const mode = 'ingress';
  const base = (target: number, pub?: string): ServicePort => ({ mode, ...(hostIp ? { host_ip: hostIp } : {}), target, ...(pub !== undefined ? { published: pub } : {}), protocol });
  if (tFrom === tTo) {
    if (published !== undefined) parseRange(published);
    return [base(tFrom, published)];
  }
  if (published === undefined) return range(tFrom, tTo).map((t) => base(t));
  const [pFrom, pTo] = parseRange(published);
  if (pTo - pFrom !== tTo - tFrom) throw new Error(`port ranges don't match in "${text}"`);
  return range(tFrom, tTo).map((t, i) => base(t, String(pFrom + i)));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
