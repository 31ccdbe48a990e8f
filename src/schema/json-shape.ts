/**
 * What `docker compose config --format json` adds or leaves out compared with YAML, following compose-go's JSON
 * tags: `command`/`entrypoint` have no `omitempty` (printed as null), `ipam` is a struct (printed as `{}`), and
 * extensions below the top level are tagged `json:"-"`.
 */
const withoutExtensions = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('x-')));

function mapValues(value: unknown, f: (v: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v && typeof v === 'object' ? f(v as Record<string, unknown>) : v]));
}

export function jsonShape(doc: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  out.services = mapValues(doc.services, (s) => ({ command: null, entrypoint: null, ...withoutExtensions(s) }));
  if (doc.networks) out.networks = mapValues(doc.networks, (n) => ({ ipam: {}, ...withoutExtensions(n) }));
  for (const key of ['volumes', 'secrets', 'configs']) if (doc[key]) out[key] = mapValues(doc[key], withoutExtensions);
  return out;
}
