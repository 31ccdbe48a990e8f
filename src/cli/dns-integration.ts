/**
 * Service names resolve through tcompose's embedded DNS (src/dns): containers get the daemon's address on their
 * network as DNS server, and the daemon answers only healthy replicas. `--no-dns` / TCOMPOSE_NO_DNS fall back to
 * engine network aliases.
 */
import type { Engine } from '../engine/engine.js';
import type { DnsIntegration } from '../core/index.js';

export async function dnsIntegration(engine: Engine, env: Record<string, string | undefined>): Promise<DnsIntegration | undefined> {
  const { createDnsIntegration } = await import('../dns/lifecycle.js');
  return createDnsIntegration(engine, env);
}
