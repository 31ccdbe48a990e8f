/**
 * Where the DNS daemon keeps its pid, log and status, and which loopback port it answers on.
 * The state-dir rule matches src/core/state-dir.ts (dns may not import core).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Host-side port on 127.0.0.1: unprivileged, and away from mDNS (5353), which avahi often holds on 0.0.0.0. */
export const DEFAULT_DNS_HOST_PORT = 15353;

export interface DnsPaths { dir: string; pidFile: string; logFile: string; statusFile: string }

export function dnsPaths(env: Record<string, string | undefined>): DnsPaths {
  const base = env.TCOMPOSE_STATE_DIR || (process.getuid?.() === 0 ? '/run/tcompose' : join(env.XDG_RUNTIME_DIR ?? tmpdir(), 'tcompose'));
  const dir = join(base, 'dns');
  return { dir, pidFile: join(dir, 'daemon.pid'), logFile: join(dir, 'daemon.log'), statusFile: join(dir, 'status.json') };
}

export function dnsHostPort(env: Record<string, string | undefined>): number {
  const port = Number(env.TCOMPOSE_DNS_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_DNS_HOST_PORT;
}
