/**
 * The config hash kept in `com.docker.compose.config-hash`: what the container is made of. Fields that do not
 * change the container itself are left out (as docker compose's ServiceHash does), so scaling or adding a
 * dependency does not recreate anything.
 */
import { createHash } from 'node:crypto';
import type { ServiceConfig } from '../model/project.js';
import { canonicalJson } from './canonical-json.js';

const NOT_IN_HASH = new Set(['build', 'pull_policy', 'scale', 'depends_on', 'profiles', 'develop']);

export function serviceConfigHash(service: ServiceConfig): string {
  const affecting: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) {
    if (NOT_IN_HASH.has(key) || key.startsWith('x-')) continue;
    if (key === 'deploy' && value && typeof value === 'object') {
      const { replicas: _replicas, ...rest } = value as Record<string, unknown>;
      if (Object.keys(rest).length) affecting.deploy = rest;
      continue;
    }
    affecting[key] = value;
  }
  return createHash('sha256').update(canonicalJson(affecting)).digest('hex');
}
