/** Where the DNS daemon keeps its pid, log and status, and which loopback port it answers on. */
import { join } from 'node:path';
import { stateDir } from '../host/state-dir.js';

/** Host-side port on 127.0.0.1: unprivileged, and away from mDNS (5353), which avahi often holds on 0.0.0.0. */
export const DEFAULT_DNS_HOST_PORT = 15353;

export interface DnsPaths { dir: string; pidFile: string; logFile: string; statusFile: string }

export function dnsPaths(env: Record<string, string | undefined>): DnsPaths {
  const dir = join(stateDir(env), 'dns');
  return { dir, pidFile: join(dir, 'daemon.pid'), logFile: join(dir, 'daemon.log'), statusFile: join(dir, 'status.json') };
}

export function dnsHostPort(env: Record<string, string | undefined>): number {
  const port = Number(env.TCOMPOSE_DNS_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_DNS_HOST_PORT;
}
