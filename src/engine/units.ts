/** Compose-spec units: durations (`1m30s`, Go syntax) and byte sizes (`512m`, `1gb`). */

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Duration string (or plain seconds number) → nanoseconds. */
export function durationToNanos(value: string | number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Math.round(value * 1e9);
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of value.matchAll(re)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== value.length) throw new Error(`invalid duration "${value}"`);
  return Math.round(total);
}

export function durationToSeconds(value: string | number | undefined): number | undefined {
  const ns = durationToNanos(value);
  return ns === undefined ? undefined : Math.round(ns / 1e9);
}

const BYTE_UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** Byte size (`512m`, `1gb`, `2048`) → bytes. */
export function bytesOf(value: string | number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) throw new Error(`invalid size "${value}"`);
  const unit = BYTE_UNITS[m[2]!.toLowerCase() || 'b'];
  if (unit === undefined) throw new Error(`invalid size unit in "${value}"`);
  return Math.round(Number(m[1]) * unit);
}
