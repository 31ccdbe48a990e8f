/** `extends`: a service starts from another service (same file or another), then its own keys merge on top. */
import { FieldError } from './field-error.js';
import { mergeValues } from './merge.js';

export type LoadServiceFrom = (file: string) => Record<string, Record<string, unknown>>;

export function applyExtends(services: Record<string, Record<string, unknown>>, loadFile: LoadServiceFrom): Record<string, Record<string, unknown>> {
  const done = new Map<string, Record<string, unknown>>();
  const resolveService = (name: string, pool: Record<string, Record<string, unknown>>, chain: string[], poolId: string): Record<string, unknown> => {
    const key = `${poolId}#${name}`;
    if (done.has(key)) return done.get(key)!;
    if (chain.includes(key)) throw new FieldError(['services', chain[0]!.split('#')[1]!, 'extends'], `circular reference with extends: ${[...chain, key].map((k) => k.split('#')[1]).join(' -> ')}`);
    const service = pool[name];
    if (!service) throw new FieldError(['services', chain.length ? chain[chain.length - 1]!.split('#')[1]! : name, 'extends'], `cannot extend service "${name}": it is not defined${poolId ? ` in ${poolId}` : ''}`);
    const ext = service.extends as { service?: string; file?: string } | string | undefined;
    if (!ext) { done.set(key, service); return service; }
    const ref = typeof ext === 'string' ? { service: ext } : ext;
    if (!ref.service) throw new FieldError(['services', name, 'extends', 'service'], 'extends.service is required');
    const basePool = ref.file ? loadFile(ref.file) : pool;
    const base = resolveService(ref.service, basePool, [...chain, key], ref.file ?? poolId);
    const { extends: _e, ...own } = service;
    // depends_on and volumes_from of the base are not inherited across files (compose-spec "extends" restrictions).
    const inherited = { ...base };
    const merged = mergeValues(inherited, own, ['services', name]) as Record<string, unknown>;
    done.set(key, merged);
    return merged;
  };
  return Object.fromEntries(Object.keys(services).map((name) => [name, resolveService(name, services, [], '')]));
}
