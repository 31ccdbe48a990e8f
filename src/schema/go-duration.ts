/**
 * Durations as docker compose prints them: Go's `time.Duration.String()` (`2m0s`, `1h0m0s`, `1.5s`, `500ms`),
 * so `120s` and `2m` written in a file print alike.
 */
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds in a compose duration, or undefined when the text is not one. */
export function durationNanos(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_NS[m[2]!]!;
  return Math.round(total);
}

/** Go's fractional formatting: `1.5`, never trailing zeros. */
const fraction = (value: number, scale: number) => String(Number((value / scale).toFixed(9)));

export function formatGoDuration(nanos: number): string {
  if (nanos === 0) return '0s';
  const sign = nanos < 0 ? '-' : '';
  const n = Math.abs(nanos);
  if (n < 1e3) return `${sign}${n}ns`;
  if (n < 1e6) return `${sign}${fraction(n, 1e3)}µs`;
  if (n < 1e9) return `${sign}${fraction(n, 1e6)}ms`;
  const hours = Math.floor(n / 3600e9);
  const minutes = Math.floor((n % 3600e9) / 60e9);
  const seconds = fraction(n % 60e9, 1e9);
  if (hours) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** A duration value (string or number of seconds) as Go prints it; anything else unchanged. */
export function canonicalDuration(value: unknown): unknown {
  if (typeof value === 'number') return formatGoDuration(value * 1e9);
  if (typeof value !== 'string') return value;
  const nanos = durationNanos(value);
  return nanos === undefined ? value : formatGoDuration(nanos);
}
