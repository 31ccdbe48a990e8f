/**
 * Per file, before merging: every short syntax becomes its long form, so merge rules see one shape only.
 * Driven by a table keyed by service field; a field without a rule is kept as written.
 */
import { FieldError, type KeyPath, describeValue } from './field-error.js';
import { parseShortPort } from './ports.js';
import { parseShortVolume } from './volumes.js';
import { shellSplit } from './shell-split.js';
import { RESET, OVERRIDE } from './parse.js';

type Rule = (value: unknown, path: KeyPath) => unknown;

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(RESET in (v as object)) && !(OVERRIDE in (v as object));
const isOverrideMarker = (v: unknown) => !!v && typeof v === 'object' && OVERRIDE in (v as object);
const isMarker = (v: unknown) => !!v && typeof v === 'object' && (RESET in (v as object) || OVERRIDE in (v as object));

function scalarString(v: unknown, path: KeyPath): string | null {
  if (v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new FieldError(path, `must be a string, number or boolean, not ${describeValue(v)}`);
}

/** `[K=V, K]` or `{K: V}` → `{K: V|null}`. */
export function keyValueMap(value: unknown, path: KeyPath, sep = '='): Record<string, string | null> {
  if (Array.isArray(value)) {
    const out: Record<string, string | null> = {};
    value.forEach((item, i) => {
      if (typeof item !== 'string') throw new FieldError([...path, i], `must be a string "KEY${sep}VALUE", not ${describeValue(item)}`);
      const at = item.indexOf(sep);
      if (at === 0) throw new FieldError([...path, i], `"${item}" has no key before "${sep}"`);
      const key = at < 0 ? item : item.slice(0, at);
      if (path[path.length - 1] === 'environment' && key !== key.trimEnd()) throw new FieldError([...path, i], `environment variable ${key} is declared with a trailing space`, undefined, false, false);
      out[at < 0 ? item : item.slice(0, at)] = at < 0 ? null : item.slice(at + 1);
    });
    return out;
  }
  // A `!reset` value stays a marker: merging removes the key it names.
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isMarker(v) ? (v as null) : scalarString(v, [...path, k])]));
  throw new FieldError(path, `must be a mapping or a sequence of "KEY${sep}VALUE" strings, not ${describeValue(value)}`);
}

/** A label written without a value is the empty string (unlike environment, where it means "from the shell"). */
function labelMap(value: unknown, path: KeyPath): Record<string, string | null> {
  const map = keyValueMap(value, path);
  for (const [k, v] of Object.entries(map)) if (v === null) map[k] = '';
  return map;
}

function command(value: unknown, path: KeyPath): unknown {
  if (value === null || Array.isArray(value)) return value;
  if (typeof value === 'string') {
    try { return shellSplit(value); } catch (err) { throw new FieldError(path, (err as Error).message); }
  }
  throw new FieldError(path, `must be a string or a sequence of strings, not ${describeValue(value)}`);
}

function stringList(value: unknown, path: KeyPath): unknown {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v) => String(v));
  throw new FieldError(path, `must be a string or a sequence of strings, not ${describeValue(value)}`);
}

function ports(value: unknown, path: KeyPath): unknown {
  if (!Array.isArray(value)) throw new FieldError(path, `must be a sequence, not ${describeValue(value)}`);
  return value.flatMap((p, i): unknown[] => {
    if (typeof p === 'string' || typeof p === 'number') {
      try { return parseShortPort(p); } catch (err) { throw new FieldError([...path, i], `invalid port "${p}": ${(err as Error).message}`); }
    }
    if (isMap(p)) {
      if (typeof p.target === 'string' && /^\d+$/.test(p.target)) p.target = Number(p.target);
      if (typeof p.target !== 'number') throw new FieldError([...path, i, 'target'], `must be a port number, not ${describeValue(p.target)}`);
      return [{ mode: 'ingress', protocol: 'tcp', ...p, ...(p.published !== undefined ? { published: String(p.published) } : {}) }];
    }
    throw new FieldError([...path, i], `must be a string or a mapping, not ${describeValue(p)}`);
  });
}

function volumes(value: unknown, path: KeyPath): unknown {
  if (!Array.isArray(value)) throw new FieldError(path, `must be a sequence, not ${describeValue(value)}`);
  return value.map((v, i) => {
    if (typeof v === 'string') {
      try { return parseShortVolume(v); } catch (err) { throw new FieldError([...path, i], (err as Error).message); }
    }
    if (isMap(v)) {
      if (!v.type) v.type = 'volume';
      if (v.type === 'volume' && v.volume === undefined && v.source) v.volume = {};
      if (typeof v.target !== 'string') throw new FieldError([...path, i, 'target'], 'is required');
      if (v.type === 'bind') {
        if (!v.source) throw new FieldError([...path, i], 'a bind mount needs a source');
        v.bind = { create_host_path: true, ...(isMap(v.bind) ? v.bind : {}) };
      }
      return v;
    }
    throw new FieldError([...path, i], `must be a string or a mapping, not ${describeValue(v)}`);
  });
}

function dependsOn(value: unknown, path: KeyPath): unknown {
  if (Array.isArray(value)) return Object.fromEntries(value.map((s) => [String(s), { condition: 'service_started', required: true }]));
  if (isMap(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      const d = isMap(v) ? v : {};
      return [k, { condition: 'service_started', required: true, ...d }];
    }));
  }
  throw new FieldError(path, `must be a sequence of service names or a mapping, not ${describeValue(value)}`);
}

function serviceNetworks(value: unknown, path: KeyPath): unknown {
  if (Array.isArray(value)) return Object.fromEntries(value.map((n) => [String(n), null]));
  if (isMap(value)) return value;
  throw new FieldError(path, `must be a sequence or a mapping, not ${describeValue(value)}`);
}

function fileRefs(value: unknown, path: KeyPath): unknown {
  if (!Array.isArray(value)) throw new FieldError(path, `must be a sequence, not ${describeValue(value)}`);
  return value.map((v, i) => {
    if (typeof v === 'string') return { source: v };
    // `mode: "0440"` (as `config` prints it) is the octal number 0440, like the unquoted YAML 1.1 form.
    if (isMap(v)) return typeof v.mode === 'string' && /^0[0-7]*$/.test(v.mode) ? { ...v, mode: parseInt(v.mode, 8) } : v;
    throw new FieldError([...path, i], `must be a string or a mapping, not ${describeValue(v)}`);
  });
}

function envFile(value: unknown, path: KeyPath): unknown {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) throw new FieldError(path, `must be a string or a sequence, not ${describeValue(value)}`);
  return list.map((v, i) => {
    if (typeof v === 'string') return { path: v, required: true };
    if (isMap(v)) return { required: true, ...v };
    throw new FieldError([...path, i], `must be a string or a mapping, not ${describeValue(v)}`);
  });
}

function build(value: unknown, path: KeyPath): unknown {
  if (typeof value === 'string') return { context: value };
  if (isMap(value)) {
    // No default context here: a missing one means the project directory (compose-go), set when building the model.
    const out: Record<string, unknown> = { ...value };
    if (out.args !== undefined) out.args = keyValueMap(out.args, [...path, 'args']);
    if (out.labels !== undefined) out.labels = keyValueMap(out.labels, [...path, 'labels']);
    if (out.additional_contexts !== undefined) out.additional_contexts = keyValueMap(out.additional_contexts, [...path, 'additional_contexts']);
    return out;
  }
  throw new FieldError(path, `must be a string or a mapping, not ${describeValue(value)}`);
}

function healthcheck(value: unknown, path: KeyPath): unknown {
  if (!isMap(value)) throw new FieldError(path, `must be a mapping, not ${describeValue(value)}`);
  const out = { ...value };
  if (typeof out.test === 'string') out.test = ['CMD-SHELL', out.test];
  return out;
}

function extraHosts(value: unknown, path: KeyPath): unknown {
  // Mapping keys in name order: the same hosts written as a list or a mapping print alike (compose-go sorts them).
  if (isMap(value)) return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([host, ip]) => (Array.isArray(ip) ? ip : [ip]).map((i) => `${host}=${i}`));
  if (Array.isArray(value)) return value.map((h) => String(h).replace(/^([^:=]+):(?!:)/, '$1='));
  throw new FieldError(path, `must be a sequence or a mapping, not ${describeValue(value)}`);
}

/** `HOST[:CONTAINER[:PERMISSIONS]]` or the long form → `{source, target, permissions}`; cgroup permissions default to rwm. */
function devices(value: unknown, path: KeyPath): unknown {
  if (!Array.isArray(value)) throw new FieldError(path, `must be a sequence, not ${describeValue(value)}`);
  return value.map((d, i) => {
    const [source, target, permissions] = typeof d === 'string' ? d.split(':') : isMap(d) ? [d.source, d.target, d.permissions] : [];
    if (typeof source !== 'string' || !source) throw new FieldError([...path, i], `must be "HOST[:CONTAINER[:PERMISSIONS]]" or a mapping with a source, not ${describeValue(d)}`);
    const perms = permissions === undefined || permissions === null ? 'rwm' : String(permissions);
    if (!/^[rwm]{1,3}$/.test(perms)) throw new FieldError([...path, i], `cgroup permissions must be made of r, w and m, not ${describeValue(perms)}`);
    return { source, target: typeof target === 'string' && target ? target : source, permissions: perms };
  });
}

const serviceRules: Record<string, Rule> = {
  command, entrypoint: command,
  environment: (v, p) => keyValueMap(v, p),
  labels: labelMap,
  annotations: (v, p) => keyValueMap(v, p),
  sysctls: (v, p) => keyValueMap(v, p),
  ports, volumes, depends_on: dependsOn, networks: serviceNetworks,
  secrets: fileRefs, configs: fileRefs, env_file: envFile, build, healthcheck,
  extra_hosts: extraHosts,
  devices,
  dns: stringList, dns_search: stringList, tmpfs: stringList,
  expose: (v, p) => (Array.isArray(v) ? v.map(String) : stringList(v, p)),
  deploy: (v, p) => (isMap(v) && v.labels !== undefined ? { ...v, labels: keyValueMap(v.labels, [...p, 'labels']) } : v),
  models: (v) => (Array.isArray(v) ? Object.fromEntries(v.map((m) => [String(m), null])) : v),
  logging: (v, p) => (isMap(v) && v.options ? { ...v, options: keyValueMap(v.options, [...p, 'options']) } : v),
};

/** Canonicalize one service (in place rules, returns a new object). */
export function canonicalService(service: unknown, path: KeyPath): Record<string, unknown> {
  if (service === null) return {};
  if (!isMap(service)) throw new FieldError(path, `must be a mapping, not ${describeValue(service)}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) {
    const rule = serviceRules[key] as Rule | undefined;
    // `!override` content is canonicalized too (still wrapped), so merge rules and path resolution see long syntax.
    const inner = isOverrideMarker(value) ? (value as Record<symbol, unknown>)[OVERRIDE] : value;
    const result = rule && inner !== null && !isMarker(inner) ? rule(inner, [...path, key]) : inner;
    out[key] = inner === value ? result : { [OVERRIDE]: result };
  }
  return out;
}

/** Canonicalize a whole file's data: services, and the top-level `labels`-like maps of resources. */
export function canonicalFile(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  if (data.services !== undefined && data.services !== null) {
    if (!isMap(data.services)) throw new FieldError(['services'], `must be a mapping, not ${describeValue(data.services)}`);
    out.services = Object.fromEntries(Object.entries(data.services).map(([name, s]) => [name, isMarker(s) ? s : canonicalService(s, ['services', name])]));
  }
  for (const section of ['networks', 'volumes', 'secrets', 'configs']) {
    const value = data[section];
    if (value === undefined || value === null) continue;
    if (!isMap(value)) throw new FieldError([section], `must be a mapping, not ${describeValue(value)}`);
    out[section] = Object.fromEntries(Object.entries(value).map(([name, v]) => {
      if (v === null) return [name, {}];
      if (!isMap(v)) return [name, v];
      const r: Record<string, unknown> = { ...v };
      if (r.labels !== undefined) r.labels = keyValueMap(r.labels, [section, name, 'labels']);
      if (isMap(r.driver_opts)) r.driver_opts = Object.fromEntries(Object.entries(r.driver_opts).map(([k, o]) => [k, String(o)]));
      // Legacy `external: {name: x}` means an external resource named x.
      if (isMap(r.external)) {
        if (r.external.name !== undefined) r.name = r.external.name;
        r.external = true;
      }
      return [name, r];
    }));
  }
  return out;
}
