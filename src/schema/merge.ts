/**
 * Merging `-f` files (compose-spec "Merge and override"): mappings merge key by key, scalars are replaced,
 * sequences append; a few fields are replaced whole (command, entrypoint, healthcheck.test) or merged by a key
 * (ports, volumes by target, secrets/configs by source). `!reset` removes a value, `!override` replaces it whole.
 */
import { RESET, OVERRIDE } from './parse.js';

type Merge = (base: unknown, override: unknown, path: string[]) => unknown;

const isPlainMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const isReset = (v: unknown) => !!v && typeof v === 'object' && RESET in (v as object);
const isOverride = (v: unknown) => !!v && typeof v === 'object' && OVERRIDE in (v as object);

const replace: Merge = (_base, override) => override;

/** Sequences keyed by a field: an item with the same key replaces the earlier one (or merges into it, `deep`). */
function byKey(key: (item: Record<string, unknown>) => string, deep = false): Merge {
  return (base, override, path) => {
    if (!Array.isArray(base) || !Array.isArray(override)) return override;
    const out = new Map<string, unknown>();
    for (const item of base) out.set(key(item as Record<string, unknown>), item);
    for (const item of override) {
      const k = key(item as Record<string, unknown>);
      out.set(k, deep && out.has(k) ? mergeValues(out.get(k), item, [...path, k]) : item);
    }
    return [...out.values()];
  };
}

const appendUnique: Merge = (base, override) => {
  if (!Array.isArray(base) || !Array.isArray(override)) return override;
  const seen = new Set<string>();
  return [...base, ...override].filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

const portKey = (p: Record<string, unknown>) => `${p.host_ip ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol ?? 'tcp'}:${p.mode ?? ''}`;

/** Rules by path pattern; `*` matches one key. The first match wins. */
const rules: Array<[string[], Merge]> = [
  [['services', '*', 'command'], replace],
  [['services', '*', 'entrypoint'], replace],
  [['services', '*', 'healthcheck', 'test'], replace],
  [['services', '*', 'ports'], byKey(portKey)],
  [['services', '*', 'volumes'], byKey((v) => String(v.target))],
  [['services', '*', 'secrets'], byKey((v) => String(v.target ?? `/run/secrets/${v.source}`))],
  [['services', '*', 'configs'], byKey((v) => String(v.target ?? `/${v.source}`))],
  [['services', '*', 'env_file'], byKey((v) => String(v.path))],
  [['services', '*', 'devices'], byKey((v) => String(v.target))],
  [['services', '*', 'logging'], mergeLogging],
  // One ulimit is one value: an override replaces soft and hard together.
  [['services', '*', 'ulimits', '*'], replace],
  [['networks', '*', 'ipam', 'config'], byKey((v) => String(v.subnet), true)],
];

/** A different logging driver starts from its own options (compose-spec merge rule for `logging`). */
function mergeLogging(base: unknown, override: unknown, path: string[]): unknown {
  const b = base as Record<string, unknown> | undefined;
  const o = override as Record<string, unknown> | undefined;
  if (b && o && o.driver !== undefined && b.driver !== undefined && o.driver !== b.driver) return o;
  return isPlainMap(b) && isPlainMap(o) ? mergeMaps(b, o, path) : o;
}

function ruleFor(path: string[]): Merge | undefined {
  return rules.find(([pattern]) => pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]))?.[1];
}

/** Strip markers that have nothing below them to act on (a `!reset` in the first file means "absent"). */
export function dropMarkers(value: unknown): unknown {
  if (isOverride(value)) return dropMarkers((value as Record<symbol, unknown>)[OVERRIDE]);
  if (Array.isArray(value)) return value.map(dropMarkers);
  if (isPlainMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isReset(v)) out[k] = dropMarkers(v);
    return out;
  }
  return value;
}

function mergeMaps(base: Record<string, unknown>, override: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    const merged = mergeValues(base[k], v, [...path, k]);
    if (merged === undefined) delete out[k]; else out[k] = merged;
  }
  return out;
}

export function mergeValues(base: unknown, override: unknown, path: string[] = []): unknown {
  if (isReset(override)) return undefined;
  if (isOverride(override)) return dropMarkers(override);
  if (base === undefined) return dropMarkers(override);
  const rule = ruleFor(path);
  if (rule) return dropMarkers(rule(base, override, path));
  if (isPlainMap(base) && isPlainMap(override)) return mergeMaps(base, override, path);
  if (Array.isArray(base) && Array.isArray(override)) return appendUnique(base, override, path);
  return dropMarkers(override);
}
