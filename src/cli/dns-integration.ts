/**
 * Service names resolve through tcompose's embedded DNS (src/dns): containers get the daemon's address on their
 * network as DNS server, and the daemon answers only healthy replicas. `--no-dns` / TCOMPOSE_NO_DNS fall back to
 * engine network aliases.
 */
import type { Engine } from '../engine/engine.js';
import type { DnsIntegration } from '../core/index.js';

export async function dnsIntegration(engine: Engine, env: Record<string, string | undefined>): Promise<DnsIntegration | undefined> {
  // Loaded on first use: read-only commands (ps, logs, …) never need the DNS modules.
  let loaded: Promise<DnsIntegration> | undefined;
  const dns = () => (loaded ??= import('../dns/lifecycle.js').then((m) => m.createDnsIntegration(engine, env)));
  return {
    ensureRunning: async () => (await dns()).ensureRunning(),
    serversFor: async (networkName) => (await dns()).serversFor(networkName),
  };
}
