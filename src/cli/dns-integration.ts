/** Wires the embedded DNS daemon into `up`/`down`; until it is available, service names go through engine aliases. */
import type { Engine } from '../engine/engine.js';
import type { DnsIntegration } from '../core/index.js';

export async function dnsIntegration(_engine: Engine, _env: Record<string, string | undefined>): Promise<DnsIntegration | undefined> {
  return undefined;
}
