/**
 * The compose-spec's units, parsed in one place: durations in Go's syntax (`1m30s`, `500ms`) and byte sizes in
 * docker's (`512m`, `1gb`). The loader validates the text; everything downstream reads the numbers from here.
 */

const NANOS_PER_UNIT: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
/** The text form the loader accepts (a bare number is seconds, checked apart). */
export const DURATION_TEXT = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** A compose duration in nanoseconds (a plain number counts as seconds), or undefined when it is not one. */
export function parseDurationNanos(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1e9) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!DURATION_TEXT.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * NANOS_PER_UNIT[m[2]!]!;
  return Math.round(total);
}

/** A validated duration in nanoseconds; absent stays absent. */
export function durationNanos(value: string | number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const nanos = parseDurationNanos(value);
  if (nanos === undefined) throw new Error(`invalid duration "${String(value)}"`);
  return nanos;
}

/**
 * A validated duration in whole seconds, the fraction dropped: docker compose converts `stop_grace_period` with
 * Go's `int(d.Seconds())`, so `1500ms` is a 1 s grace period.
 */
export function durationWholeSeconds(value: string | number | undefined): number | undefined {
  const nanos = durationNanos(value);
  return nanos === undefined ? undefined : Math.trunc(nanos / 1e9);
}

const BYTES_PER_UNIT: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/**
 * A byte size (`512m`, `1gb`, `2048`) in bytes, or undefined when it is not one. Units are binary and the
 * fraction of a byte is dropped, as docker's `RAMInBytes` does.
 */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = m ? BYTES_PER_UNIT[m[2]!.toLowerCase()] : undefined;
  return unit === undefined ? undefined : Math.floor(Number(m![1]) * unit);
}

/** A validated byte size; absent stays absent. */
export function byteSize(value: string | number | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new Error(`invalid size "${String(value)}"`);
  return bytes;
}
