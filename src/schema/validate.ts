/**
 * Per-file checks of what the compose-spec allows, before merging so every error points into the right file:
 * unknown keys (with a suggestion), and the types and formats of the values tcompose acts on.
 */
import { FieldError, describeValue, type KeyPath } from './field-error.js';
import { TOP_LEVEL_KEYS, SERVICE_KEYS, HEALTHCHECK_KEYS, BUILD_KEYS, NETWORK_KEYS, VOLUME_KEYS, SECRET_KEYS } from './known-keys.js';
import { closest } from '../errors/suggest.js';
import { RESET, OVERRIDE } from './parse.js';
import { DURATION_TEXT as DURATION } from '../model/units.js';
import { PULL_POLICIES, REFRESH_DURATION, isPullPolicy } from '../model/pull-policy.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(RESET in (v as object)) && !(OVERRIDE in (v as object));
const SIZE = /^\d+(\.\d+)?\s*([bkmgt]b?)?$/i;
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

function checkKeys(value: Record<string, unknown>, allowed: string[], path: KeyPath): void {
  for (const key of Object.keys(value)) {
    if (key.startsWith('x-') || allowed.includes(key)) continue;
    const guess = closest(key, allowed);
    throw new FieldError([...path, key], `additional property "${key}" is not allowed`, guess ? `did you mean "${guess}"?` : undefined, true);
  }
}

function expectType(value: unknown, path: KeyPath, type: 'string' | 'integer' | 'boolean' | 'sequence' | 'mapping' | 'number'): void {
  if (value === undefined || value === null) return;
  const ok = type === 'string' ? typeof value === 'string' || typeof value === 'number'
    : type === 'integer' ? (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))
    : type === 'number' ? typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
    : type === 'boolean' ? typeof value === 'boolean'
    : type === 'sequence' ? Array.isArray(value)
    : isMap(value);
  if (!ok && !(value && typeof value === 'object' && (RESET in value || OVERRIDE in value))) {
    throw new FieldError(path, `must be ${type === 'integer' ? 'an integer' : type === 'mapping' ? 'a mapping' : type === 'sequence' ? 'a sequence' : `a ${type}`}, not ${describeValue(value)}`);
  }
}

function expectFormat(value: unknown, path: KeyPath, re: RegExp, what: string): void {
  if (value === undefined || value === null || typeof value === 'number') return;
  if (typeof value !== 'string' || !re.test(value.trim())) throw new FieldError(path, `must be ${what}, not ${describeValue(value)}`);
}

function validateService(name: string, s: Record<string, unknown>): void {
  const p: KeyPath = ['services', name];
  checkKeys(s, SERVICE_KEYS, p);
  for (const k of ['image', 'container_name', 'hostname', 'restart', 'user', 'working_dir', 'network_mode', 'pull_policy', 'platform', 'stop_signal']) expectType(s[k], [...p, k], 'string');
  for (const k of ['scale', 'cpu_shares', 'pids_limit']) expectType(s[k], [...p, k], 'integer');
  for (const k of ['init', 'tty', 'stdin_open', 'privileged', 'read_only']) expectType(s[k], [...p, k], 'boolean');
  for (const k of ['profiles', 'cap_add', 'cap_drop', 'security_opt', 'volumes_from', 'links']) expectType(s[k], [...p, k], 'sequence');
  expectType(s.ulimits, [...p, 'ulimits'], 'mapping');
  expectFormat(s.stop_grace_period, [...p, 'stop_grace_period'], DURATION, 'a duration like "10s" or "1m30s"');
  if (typeof s.pull_policy === 'string' && !isPullPolicy(s.pull_policy)) throw new FieldError([...p, 'pull_policy'], `must be one of ${PULL_POLICIES.join(', ')}, not ${describeValue(s.pull_policy)}`);
  expectFormat(s.pull_refresh_after, [...p, 'pull_refresh_after'], REFRESH_DURATION, 'a duration like "2d", "12h" or "1w"');
  for (const k of ['mem_limit', 'mem_reservation', 'shm_size', 'memswap_limit']) expectFormat(s[k], [...p, k], SIZE, 'a byte size like "512m" or "1g"');
  if (isMap(s.healthcheck)) {
    checkKeys(s.healthcheck, HEALTHCHECK_KEYS, [...p, 'healthcheck']);
    for (const k of ['interval', 'timeout', 'start_period', 'start_interval']) expectFormat(s.healthcheck[k], [...p, 'healthcheck', k], DURATION, 'a duration like "10s" or "1m30s"');
    expectType(s.healthcheck.retries, [...p, 'healthcheck', 'retries'], 'integer');
  }
  if (isMap(s.build)) checkKeys(s.build, BUILD_KEYS, [...p, 'build']);
  if (isMap(s.depends_on)) {
    for (const [dep, d] of Object.entries(s.depends_on)) {
      const cond = (d as Record<string, unknown>).condition;
      if (!CONDITIONS.includes(String(cond))) throw new FieldError([...p, 'depends_on', dep, 'condition'], `must be one of ${CONDITIONS.join(', ')}, not ${describeValue(cond)}`);
    }
  }
  if (isMap(s.ulimits)) {
    for (const [k, u] of Object.entries(s.ulimits)) {
      if (typeof u === 'number') continue;
      if (!isMap(u) || (typeof u.soft !== 'number' && typeof u.hard !== 'number') || Object.values(u).some((x) => typeof x !== 'number')) {
        throw new FieldError([...p, 'ulimits', k], 'must be a number or a mapping with "soft" and "hard" numbers');
      }
    }
  }
  if (isMap(s.environment)) {
    for (const [k, v] of Object.entries(s.environment)) if (v !== null && typeof v === 'object' && !(RESET in v)) throw new FieldError([...p, 'environment', k], `must be a boolean, null, number or string, not ${describeValue(v)}`);
  }
  if (s.command !== undefined && s.command !== null && typeof s.command !== 'string' && !Array.isArray(s.command)) expectType(s.command, [...p, 'command'], 'sequence');
}

export function validateFile(data: Record<string, unknown>): void {
  checkKeys(data, TOP_LEVEL_KEYS, []);
  expectType(data.name, ['name'], 'string');
  if (data.services !== undefined && data.services !== null) {
    expectType(data.services, ['services'], 'mapping');
    for (const [name, s] of Object.entries(data.services as Record<string, unknown>)) {
      if (s === null) continue;
      if (!isMap(s)) {
        if (s === null) continue;
        if (s && typeof s === 'object' && (RESET in s || OVERRIDE in s)) continue;
        throw new FieldError(['services', name], `must be a mapping, not ${describeValue(s)}`);
      }
      validateService(name, s);
    }
  }
  const sections: Array<[string, string[]]> = [['networks', NETWORK_KEYS], ['volumes', VOLUME_KEYS], ['secrets', SECRET_KEYS], ['configs', SECRET_KEYS]];
  for (const [section, keys] of sections) {
    const value = data[section];
    if (value === undefined || value === null) continue;
    expectType(value, [section], 'mapping');
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isMap(v)) continue;
      checkKeys(v, keys, [section, name]);
      if (v.external && v.external !== false && v.driver !== undefined) throw new FieldError([section, name], `conflicting parameters "external" and "driver" specified`);
    }
  }
}
