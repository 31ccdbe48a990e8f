/**
 * How values print in `config` output, by path pattern (`*` = any key or index): durations in Go's form and file
 * modes as octal strings, which is how compose-go marshals its model for `docker compose config`.
 */
import { canonicalDuration } from './go-duration.js';
import { parseByteSize } from '../model/units.js';

type Render = (value: unknown) => unknown;

/** `0440` in a file is read as the number 288; compose-go prints it back as the octal string "0440". */
const octalMode: Render = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? `0${v.toString(8)}` : v);

/** compose-go keeps CPUs as a float. */
const cpuNumber: Render = (v) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);

/** Memory sizes print as a byte count string (`50M` → "52428800"), binary units as docker's RAMInBytes. */
const byteString: Render = (v) => {
  const bytes = parseByteSize(v);
  return bytes === undefined ? v : String(bytes);
};

const durationPaths = [
  'services.*.healthcheck.interval', 'services.*.healthcheck.timeout', 'services.*.healthcheck.start_period',
  'services.*.healthcheck.start_interval', 'services.*.stop_grace_period',
  'services.*.deploy.restart_policy.delay', 'services.*.deploy.restart_policy.window',
  'services.*.deploy.update_config.delay', 'services.*.deploy.update_config.monitor',
  'services.*.deploy.rollback_config.delay', 'services.*.deploy.rollback_config.monitor',
];

const rules: Array<[string[], Render]> = [
  ...durationPaths.map((p): [string[], Render] => [p.split('.'), canonicalDuration]),
  [['services', '*', 'deploy', 'resources', '*', 'cpus'], cpuNumber],
  [['services', '*', 'deploy', 'resources', '*', 'memory'], byteString],
  [['services', '*', 'secrets', '*', 'mode'], octalMode],
  [['services', '*', 'configs', '*', 'mode'], octalMode],
  [['services', '*', 'build', 'secrets', '*', 'mode'], octalMode],
];

function matches(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/** A copy of the document with every rule applied where its pattern matches. */
export function applyRenderRules(value: unknown, path: string[] = []): unknown {
  const rule = rules.find(([pattern]) => matches(pattern, path));
  if (rule) return rule[1](value);
  if (Array.isArray(value)) return value.map((v, i) => applyRenderRules(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, applyRenderRules(v, [...path, k])]));
  }
  return value;
}
