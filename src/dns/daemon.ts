/**
 * The DNS daemon, in-process: engine state → table; a loopback listener for the host; one listener per tcompose
 * network on its gateway (the host side of the bridge), added and removed as networks come and go. Never binds
 * 0.0.0.0: it must not become an open resolver. `daemon-main.ts` runs it as a detached process.
 */
import type { Engine } from '../engine/engine.js';
import { DNS_PROTOCOL } from './answer.js';
import { createQueryHandler } from './handle-query.js';
import { DEFAULT_DNS_INSTANCE } from './labels.js';
import { listenDns, type DnsListener } from './server.js';
import { DnsState } from './state.js';
import { statusEntries, type DnsStatusSnapshot } from './status.js';
import { createUpstream, type UpstreamServer } from './upstream.js';

export interface DnsDaemonOptions {
  engine: Engine;
  instance?: string;
  /** Loopback address for host-side queries (`<service>.<project>`); default 127.0.0.1. */
  hostAddress?: string;
  /** 0 picks a free port. */
  hostPort: number;
  /** Containers' resolvers only talk to port 53; other values are for tests that do not involve containers. */
  gatewayPort?: number;
  upstreams: UpstreamServer[];
  upstreamTimeoutMs?: number;
  warn: (message: string) => void;
  info?: (message: string) => void;
  /** Called (debounced) whenever what the daemon serves changed. */
  onStatus?: (status: DnsStatusSnapshot) => void;
  /** Called once no network has been served for `idleMs` (the detached daemon exits then). */
  onIdle?: () => void;
  idleMs?: number;
}

export interface RunningDnsDaemon {
  readonly hostPort: number;
  readonly state: DnsState;
  status(): DnsStatusSnapshot;
  /** Gateway addresses currently listened on. */
  gatewayListeners(): string[];
  close(): Promise<void>;
}

export async function startDnsDaemon(options: DnsDaemonOptions): Promise<RunningDnsDaemon> {
  const instance = options.instance ?? DEFAULT_DNS_INSTANCE;
  const hostAddress = options.hostAddress ?? '127.0.0.1';
  const gatewayPort = options.gatewayPort ?? 53;
  const info = options.info ?? (() => undefined);
  const gateways = new Map<string, DnsListener>();
  const failed = new Map<string, { at: number; error: string }>();
  let closed = false;
  let reconciling: Promise<void> = Promise.resolve();
  let retryTimer: NodeJS.Timeout | undefined;
  let statusTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;

  const state = new DnsState({ engine: options.engine, instance, warn: options.warn, onChange: () => { scheduleReconcile(); scheduleStatus(); } });
  const upstream = createUpstream({ servers: options.upstreams, timeoutMs: options.upstreamTimeoutMs });
  const handler = createQueryHandler({
    table: () => state.table, upstream, warn: options.warn, refreshFor: (a) => state.refreshFor(a), identity: `tcompose-dns pid=${process.pid} proto=${DNS_PROTOCOL}`,
    listenerState: (address) => gateways.has(address) ? 'listening' : failed.has(address) ? `failed ${failed.get(address)!.error}` : 'pending',
  });
  const host = await listenDns({ address: hostAddress, port: options.hostPort, handler, warn: options.warn });
  info(`listening on ${hostAddress}:${host.port} for host queries`);

  function status(): DnsStatusSnapshot {
    return {
      pid: process.pid, instance, hostListener: `${hostAddress}:${host.port}`, gatewayListeners: [...gateways.keys()].sort(),
      failedListeners: [...failed].map(([address, f]) => ({ address, error: f.error })),
      upstreams: options.upstreams.map((u) => `${u.host}:${u.port}`), updatedAt: new Date().toISOString(), entries: statusEntries(state.table),
    };
  }

  function scheduleStatus(): void {
    if (!options.onStatus || statusTimer || closed) return;
    statusTimer = setTimeout(() => { statusTimer = undefined; options.onStatus?.(status()); }, 50);
  }

  function scheduleReconcile(): void {
    reconciling = reconciling.then(reconcileListeners, (e) => options.warn(`DNS listeners: ${(e as Error).message}`));
  }

  async function reconcileListeners(): Promise<void> {
    if (closed) return;
    const wanted = new Set(state.networks.flatMap((n) => n.gateways.filter((g) => !g.includes(':'))));
    for (const address of failed.keys()) if (!wanted.has(address)) failed.delete(address);
    for (const [address, listener] of gateways) {
      if (wanted.has(address)) continue;
      gateways.delete(address);
      await listener.close();
      info(`stopped listening on ${address}:${gatewayPort}`);
    }
    let failures = false;
    for (const address of wanted) {
      if (gateways.has(address) || Date.now() - (failed.get(address)?.at ?? 0) < 1000) { failures ||= failed.has(address); continue; }
      try {
        gateways.set(address, await listenDns({ address, port: gatewayPort, handler, warn: options.warn }));
        failed.delete(address);
        info(`listening on ${address}:${gatewayPort}`);
      } catch (err) {
        failures = true;
        failed.set(address, { at: Date.now(), error: (err as Error).message });
        options.warn(`cannot listen on ${address}:${gatewayPort}: ${(err as Error).message}`);
      }
    }
    if (failures && !retryTimer && !closed) retryTimer = setTimeout(() => { retryTimer = undefined; scheduleReconcile(); }, 1000);
    scheduleStatus();
    armIdleTimer();
  }

  /** Idle means no network to serve: the daemon stays for a while (the next `up` finds it ready), then leaves. */
  function armIdleTimer(): void {
    const idle = () => !closed && state.networks.length === 0;
    if (!idle()) { clearTimeout(idleTimer); idleTimer = undefined; return; }
    if (idleTimer || !options.onIdle) return;
    idleTimer = setTimeout(() => { idleTimer = undefined; if (idle()) options.onIdle?.(); }, options.idleMs ?? 600_000);
    idleTimer.unref();
  }

  await state.start();
  scheduleReconcile();
  await reconciling;

  return {
    hostPort: host.port,
    state,
    status,
    gatewayListeners: () => [...gateways.keys()].sort(),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(statusTimer);
      clearTimeout(idleTimer);
      state.stop();
      await reconciling.catch(() => undefined);
      await Promise.all([host.close(), ...[...gateways.values()].map((l) => l.close())]);
      gateways.clear();
      upstream.close();
    },
  };
}
